"""RingCentral POST /restapi/oauth/token against Prism: every grant value, every documented status."""

from __future__ import annotations

import pytest
from grantwire_core._internal.http import httpx
from grantwire_ringcentral import Client, OAuthError
from grantwire_ringcentral.api.tokens import get_token, revoke_token
from grantwire_ringcentral.models import (
    ApiErrorResponse,
    OAuthErrorResponse,
    RevokeTokenRequest,
    TokenInfo,
    parse_get_token_request,
)

from tests.contract.calls import MODES, call, prefer, violations
from tests.contract.conftest import PrismUrl
from tests.grant_payloads import RINGCENTRAL

# Documented statuses of the operation and the model each one parses into (415 has no body).
STATUSES: dict[int, type] = {
    200: TokenInfo,
    400: OAuthErrorResponse,
    408: ApiErrorResponse,
    415: type(None),
    429: ApiErrorResponse,
    500: ApiErrorResponse,
    503: ApiErrorResponse,
}
CLIENT_AUTH = {"basic": httpx.BasicAuth("client-id", "client-secret"), "none": None}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize(
    "payload", [p for p, _ in RINGCENTRAL], ids=[f"{p['grant_type']}-{v.__name__}" for p, v in RINGCENTRAL]
)
def test_every_grant_and_status(prism_url: PrismUrl, payload: dict[str, object], status: int, mode: str) -> None:
    client = Client(
        base_url=prism_url("ringcentral"),
        headers=prefer(status),
        httpx_args={"auth": CLIENT_AUTH["basic"]},
    )

    response = call(mode, get_token, client=client, body=parse_get_token_request(payload))

    assert violations(response.headers) == []
    assert response.status_code == status
    assert isinstance(response.parsed, STATUSES[status])


@pytest.mark.parametrize("auth", CLIENT_AUTH)
def test_client_authentication_is_optional(prism_url: PrismUrl, auth: str) -> None:
    client = Client(base_url=prism_url("ringcentral"), httpx_args={"auth": CLIENT_AUTH[auth]})
    grant = parse_get_token_request({"grant_type": "password", "username": "u", "password": "p", "client_id": "app"})

    response = call("sync", get_token, client=client, body=grant)

    assert violations(response.headers) == []
    assert isinstance(response.parsed, TokenInfo)


@pytest.mark.parametrize("status", [429, 503])
def test_rate_limit_and_unavailable_responses_carry_retry_after(prism_url: PrismUrl, status: int) -> None:
    client = Client(base_url=prism_url("ringcentral"), headers=prefer(status))
    response = call("sync", get_token, client=client, body=parse_get_token_request(RINGCENTRAL[0][0]))
    assert response.status_code == status
    assert int(response.headers["Retry-After"]) >= 0


REVOKE_STATUSES: dict[int, type] = {200: type(None), 400: OAuthErrorResponse, 429: ApiErrorResponse}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", REVOKE_STATUSES)
def test_revoke_every_status(prism_url: PrismUrl, status: int, mode: str) -> None:
    client = Client(
        base_url=prism_url("ringcentral"), headers=prefer(status), httpx_args={"auth": CLIENT_AUTH["basic"]}
    )
    response = call(mode, revoke_token, client=client, body=RevokeTokenRequest(token="access-token"))
    assert violations(response.headers) == []
    assert response.status_code == status
    assert isinstance(response.parsed, REVOKE_STATUSES[status])


def test_a_public_app_revokes_with_its_client_id(prism_url: PrismUrl) -> None:
    refusing = Client(base_url=prism_url("ringcentral"), headers=prefer(400))
    with refusing, pytest.raises(OAuthError):  # sync() raises the status error; on 200 it returns None
        revoke_token.sync(client=refusing, body=RevokeTokenRequest(token="t", client_id="app"))
    with Client(base_url=prism_url("ringcentral")) as client:
        revoke_token.sync(client=client, body=RevokeTokenRequest(token="t", client_id="app"))
