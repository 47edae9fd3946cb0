"""grantwire_docusign against the wire format the official Docusign SDKs use."""

from __future__ import annotations

import asyncio
import base64

import pytest
from grantwire_core._internal.http import httpx
from grantwire_docusign import AuthenticatedClient, BadRequestError, Client, OAuthError
from grantwire_docusign.api.tokens import get_token
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_docusign.models import (
    AuthorizationCodeGrant,
    JWTGrant,
    OAuthErrorResponse,
    RefreshTokenGrant,
    TokenResponse,
    UserInfo,
)
from grantwire_docusign.types import UNSET

from tests.clients.recording import RecordingTransport, form_fields

DEVELOPER_HOST = "https://account-d.docusign.com"
JWT_RESPONSE = {"access_token": "eyJ0eXAi.QFsje43QVZ_gw", "token_type": "Bearer", "expires_in": 28800}
CODE_RESPONSE = {**JWT_RESPONSE, "refresh_token": "eyJ0eXAi.refresh"}
USER_INFO = {
    "sub": "4799e5e9-1559-4915-9862-cf4713bbcacc",
    "name": "Example User",
    "given_name": "Example",
    "family_name": "User",
    "created": "2018-04-13T22:03:03.45",
    "email": "user@example.com",
    "accounts": [
        {
            "account_id": "18b4799a-b53a-4475-ae9b-0a4a5c7a4a6e",
            "is_default": True,
            "account_name": "Example Account",
            "base_uri": "https://demo.docusign.net",
            "organization": {
                "organization_id": "9dd9d6cd-7ad1-461a-a432-a2ff0a5e1d6b",
                "links": [{"rel": "self", "href": "https://account-d.docusign.com/organizations/9dd9"}],
            },
        }
    ],
}


def test_jwt_grant_sends_exactly_the_two_fields_of_the_official_sdks() -> None:
    recorder = RecordingTransport(body=JWT_RESPONSE)
    client = Client(base_url=DEVELOPER_HOST, httpx_args={"transport": recorder.transport()})

    body = JWTGrant(assertion="signed.jwt.value")
    token = get_token.sync(client=client, body=body)

    request = recorder.last
    assert request.method == "POST"
    assert str(request.url) == "https://account-d.docusign.com/oauth/token"
    assert sorted(form_fields(request)) == [
        ("assertion", "signed.jwt.value"),
        ("grant_type", "urn:ietf:params:oauth:grant-type:jwt-bearer"),
    ]
    assert "Authorization" not in request.headers  # the JWT grant needs no client authentication
    assert isinstance(token, TokenResponse)
    assert (token.access_token, token.token_type, token.expires_in) == ("eyJ0eXAi.QFsje43QVZ_gw", "Bearer", 28800)
    assert token.refresh_token is UNSET


def test_confidential_authorization_code_uses_http_basic() -> None:
    recorder = RecordingTransport(body=CODE_RESPONSE)
    client = Client(
        base_url="https://account.docusign.com",
        httpx_args={"transport": recorder.transport(), "auth": httpx.BasicAuth("integration-key", "secret-key")},
    )

    response = get_token.sync_detailed(client=client, body=AuthorizationCodeGrant(code="the-code"))

    request = recorder.last
    expected = base64.b64encode(b"integration-key:secret-key").decode()
    assert request.headers["Authorization"] == f"Basic {expected}"
    assert str(request.url) == "https://account.docusign.com/oauth/token"
    assert sorted(form_fields(request)) == [("code", "the-code"), ("grant_type", "authorization_code")]
    assert response.status_code == 200
    assert isinstance(response.parsed, TokenResponse)
    assert response.parsed.refresh_token == "eyJ0eXAi.refresh"


def test_public_authorization_code_sends_pkce_verifier_and_client_id() -> None:
    recorder = RecordingTransport(body=CODE_RESPONSE)
    client = Client(base_url=DEVELOPER_HOST, httpx_args={"transport": recorder.transport()})

    body = AuthorizationCodeGrant(code="the-code", client_id="integration-key", code_verifier="verifier")
    get_token.sync(client=client, body=body)

    assert sorted(form_fields(recorder.last)) == [
        ("client_id", "integration-key"),
        ("code", "the-code"),
        ("code_verifier", "verifier"),
        ("grant_type", "authorization_code"),
    ]


def test_refresh_grant_round_trips_asynchronously() -> None:
    recorder = RecordingTransport(body=CODE_RESPONSE)
    client = Client(base_url=DEVELOPER_HOST, httpx_args={"transport": recorder.transport()})
    body = RefreshTokenGrant(refresh_token="old-refresh")

    async def call() -> TokenResponse | OAuthErrorResponse | None:
        async with client:
            detailed = await get_token.asyncio_detailed(client=client, body=body)
            assert detailed.status_code == 200
            return await get_token.asyncio(client=client, body=body)

    token = asyncio.run(call())

    assert len(recorder.requests) == 2
    assert sorted(form_fields(recorder.last)) == [("grant_type", "refresh_token"), ("refresh_token", "old-refresh")]
    assert isinstance(token, TokenResponse)
    assert token.refresh_token == "eyJ0eXAi.refresh"


@pytest.mark.parametrize(
    "body",
    [
        {"error": "invalid_grant", "error_description": "no_valid_keys_or_signatures"},
        {"error": "consent_required"},
        {"error": None, "error_description": None},
    ],
)
def test_oauth_error_body_parses(body: dict[str, str | None]) -> None:
    recorder = RecordingTransport(status=400, body=body)
    client = Client(base_url=DEVELOPER_HOST, httpx_args={"transport": recorder.transport()})

    response = get_token.sync_detailed(client=client, body=JWTGrant(assertion="x"))
    with pytest.raises(BadRequestError) as raised:
        get_token.sync(client=client, body=JWTGrant(assertion="x"))

    assert isinstance(response.parsed, OAuthErrorResponse)
    assert response.parsed.to_dict() == body
    assert raised.value.error == body.get("error")
    # An OAuthError when the body names an error code; without one it is a plain 400.
    assert isinstance(raised.value, OAuthError) is isinstance(body.get("error"), str)


def test_user_info_sends_the_access_token_as_bearer_sync_and_async() -> None:
    recorder = RecordingTransport(body=USER_INFO)
    client = AuthenticatedClient(
        base_url=DEVELOPER_HOST, token="access-token", httpx_args={"transport": recorder.transport()}
    )

    user = get_user_info.sync(client=client)
    async_user = asyncio.run(get_user_info.asyncio(client=client))

    for request in recorder.requests:
        assert request.method == "GET"
        assert str(request.url) == "https://account-d.docusign.com/oauth/userinfo"
        assert request.headers["Authorization"] == "Bearer access-token"
    assert isinstance(user, UserInfo)
    assert user.to_dict() == USER_INFO
    assert isinstance(async_user, UserInfo)
    account = user.accounts[0]
    assert account.is_default is True
    assert account.base_uri == "https://demo.docusign.net"
