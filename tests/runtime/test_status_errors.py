"""sync()/asyncio() raise one exception per status family; error bodies surface as attributes."""

from __future__ import annotations

import asyncio
from typing import Any

import grantwire_docusign as docusign
import grantwire_ringcentral as ringcentral
import grantwire_usegrant as usegrant
import pytest
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import OAuthErrorResponse, PasswordGrant
from grantwire_usegrant import APIStatusError
from grantwire_usegrant.api.tokens import create_token

from tests.runtime.scripted import ScriptedTransport
from tests.runtime.test_values import CLIENT_ID, PROVIDER_ID

OAUTH_BODY = {"error": "invalid_grant", "error_description": "Invalid resource owner credentials", "errors": []}
FAMILIES = [
    (400, ringcentral.BadRequestError),
    (401, ringcentral.UnauthorizedError),
    (403, ringcentral.ForbiddenError),
    (404, ringcentral.NotFoundError),
    (409, ringcentral.ConflictError),
    (422, ringcentral.UnprocessableEntityError),
    (429, ringcentral.RateLimitError),
    (500, ringcentral.ServerError),
    (502, ringcentral.ServerError),
    (599, ringcentral.ServerError),
    (418, ringcentral.APIStatusError),
]


def ringcentral_client(script: ScriptedTransport) -> ringcentral.Client:
    return ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": script.transport()},
        retry=ringcentral.NO_RETRIES,
    )


def token_call(script: ScriptedTransport, mode: str = "sync") -> Any:
    grant = PasswordGrant(username="+16501234567", password="hunter2-secret")
    client = ringcentral_client(script)
    if mode == "sync":
        return get_token.sync(client=client, body=grant)
    return asyncio.run(get_token.asyncio(client=client, body=grant))


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize(("status", "family"), FAMILIES, ids=[str(s) for s, _ in FAMILIES])
def test_each_status_family_raises_its_class(status: int, family: type[Exception], mode: str) -> None:
    with pytest.raises(family) as raised:
        token_call(ScriptedTransport([(status, OAUTH_BODY)]), mode)

    error = raised.value
    assert isinstance(error, ringcentral.APIStatusError)
    assert isinstance(error, ringcentral.GrantwireError)
    assert error.status_code == status
    # Every status gets the OAuth reading of an OAuth-shaped body, documented or not.
    assert isinstance(error, ringcentral.OAuthError)
    assert error.error == "invalid_grant"
    assert error.error_description == "Invalid resource owner credentials"
    assert str(error) == f"get_token: HTTP {status} invalid_grant"


def test_documented_oauth_error_keeps_the_parsed_body() -> None:
    with pytest.raises(ringcentral.OAuthError) as raised:
        token_call(ScriptedTransport([(400, OAUTH_BODY)]))
    assert isinstance(raised.value, ringcentral.BadRequestError)
    assert isinstance(raised.value.body, OAuthErrorResponse)
    assert raised.value.headers["Content-Type"] == "application/json"


def test_error_status_with_an_html_body_is_a_plain_status_error() -> None:
    html = b"<html><body><h1>502 Bad Gateway</h1></body></html>"
    with pytest.raises(ringcentral.ServerError) as raised:
        token_call(ScriptedTransport([(502, html, {"Content-Type": "text/html"})]))
    assert not isinstance(raised.value, ringcentral.OAuthError)
    assert raised.value.body is None
    assert raised.value.error is None


def test_unrecognisable_error_codes_are_not_echoed() -> None:
    body = {"error": "x" * 200, "error_description": "d"}
    with pytest.raises(ringcentral.BadRequestError) as raised:
        token_call(ScriptedTransport([(400, body)]))
    assert "x" * 65 not in str(raised.value)
    assert raised.value.error == "x" * 200


def test_consent_required_is_an_oauth_error_with_its_code() -> None:
    script = ScriptedTransport([(401, {"error": "consent_required"})])
    client = docusign.AuthenticatedClient(
        base_url="https://account-d.docusign.com",
        token="t",
        httpx_args={"transport": script.transport()},
        retry=docusign.NO_RETRIES,
    )
    with pytest.raises(docusign.OAuthError) as raised:
        get_user_info.sync(client=client)
    assert isinstance(raised.value, docusign.UnauthorizedError)
    assert raised.value.error == "consent_required"


@pytest.mark.parametrize(
    ("status", "family"),
    [
        (400, usegrant.BadRequestError),
        (401, usegrant.UnauthorizedError),
        (404, usegrant.NotFoundError),
        (500, usegrant.ServerError),
    ],
)
def test_usegrant_code_and_message_are_exposed_like_oauth_errors(status: int, family: type[APIStatusError]) -> None:
    script = ScriptedTransport([(status, {"code": "CLIENT_NOT_FOUND", "message": "No such client"})])
    client = usegrant.AuthenticatedClient(
        base_url="https://sdk.usegrant.dev", token="k", httpx_args={"transport": script.transport()}
    )
    with pytest.raises(family) as raised:
        create_token.sync(PROVIDER_ID, CLIENT_ID, client=client, retry=usegrant.NO_RETRIES)
    assert not isinstance(raised.value, usegrant.OAuthError)
    assert (raised.value.error, raised.value.error_description) == ("CLIENT_NOT_FOUND", "No such client")


def test_detailed_calls_still_return_the_response() -> None:
    script = ScriptedTransport([(400, OAUTH_BODY)])
    response = get_token.sync_detailed(
        client=ringcentral_client(script), body=PasswordGrant(username="u", password="p")
    )
    assert response.status_code == 400
    assert isinstance(response.parsed, OAuthErrorResponse)
    assert response.attempts == 1


def test_a_nonstandard_status_does_not_break_detailed_calls() -> None:
    script = ScriptedTransport([(599, b"")])
    response = get_token.sync_detailed(
        client=ringcentral_client(script), body=PasswordGrant(username="u", password="p")
    )
    assert response.status_code == 599
    assert response.parsed is None
