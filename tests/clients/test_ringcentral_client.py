"""grantwire_ringcentral: every grant's form body, client authentication, and the response bodies."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import (
    ApiErrorResponse,
    AuthorizationCodeGrant,
    ClientCredentialsByAccountGrant,
    ClientCredentialsByBrandGrant,
    DeviceCodeGrant,
    GuestGrant,
    IVRPinGrant,
    JWTBearerGrant,
    OAuthErrorResponse,
    OAuthErrorResponseError,
    OTPGrant,
    PasswordGrant,
    RefreshTokenGrant,
    TokenInfo,
    TokenInfoTokenType,
)
from grantwire_ringcentral.types import Unset

from tests.clients.recording import RecordingTransport, form_fields

SERVER = "https://platform.ringcentral.com"
# A real body (api-facts): note it lacks session_id.
TOKEN_INFO = {
    "access_token": "U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMsVLEn_MrtcyxUsw",
    "token_type": "bearer",
    "expires_in": 2717,
    "refresh_token": "U1BCMDFUMDRKV1MwMXxzLFL4ec6A0XMsUv9wLriecyxS_w",
    "refresh_token_expires_in": 603917,
    "scope": "RingOut SMS",
    "owner_id": "256440016",
    "endpoint_id": "8zD8Uu1aQ5e_yDr9iU7uEA",
}
DEFAULT_TTLS = [("access_token_ttl", "3600"), ("refresh_token_ttl", "604800")]

# One request per grant_type value: the body to build, and the form fields that must go on the wire.
GRANTS: list[tuple[str, Any, list[tuple[str, str]]]] = [
    (
        "authorization_code",
        AuthorizationCodeGrant(code="auth-code", redirect_uri="https://app.example/cb", code_verifier="v"),
        [("code", "auth-code"), ("redirect_uri", "https://app.example/cb"), ("code_verifier", "v")],
    ),
    (
        "password",
        PasswordGrant(username="+16501234567", password="pw", extension="101"),
        [("username", "+16501234567"), ("password", "pw"), ("extension", "101")],
    ),
    (
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
        JWTBearerGrant(grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer", assertion="jwt"),
        [("assertion", "jwt")],
    ),
    (
        "partner_jwt",
        JWTBearerGrant(grant_type="partner_jwt", assertion="jwt"),
        [("assertion", "jwt")],
    ),
    ("refresh_token", RefreshTokenGrant(refresh_token="rt"), [("refresh_token", "rt")]),
    ("ivr_pin", IVRPinGrant(ivr_pin="1234"), [("ivr_pin", "1234")]),
    (
        "urn:ietf:params:oauth:grant-type:device_code",
        DeviceCodeGrant(device_code="dc"),
        [("device_code", "dc")],
    ),
    (
        "client_credentials",
        ClientCredentialsByAccountGrant(account_id="400131"),
        [("account_id", "400131")],
    ),
    (
        "client_credentials",
        ClientCredentialsByBrandGrant(brand_id="1210", partner_account_id="p-1"),
        [("brand_id", "1210"), ("partner_account_id", "p-1")],
    ),
    ("otp", OTPGrant(code="424242"), [("code", "424242")]),
    (
        "guest",
        GuestGrant(brand_id="1210", resource_type="Video", resource="https://v.example/r/1"),
        [("brand_id", "1210"), ("resource_type", "Video"), ("resource", "https://v.example/r/1")],
    ),
]


def test_every_grant_type_value_has_a_request_here() -> None:
    assert {grant for grant, _, _ in GRANTS} == {
        "authorization_code",
        "password",
        "refresh_token",
        "client_credentials",
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
        "urn:ietf:params:oauth:grant-type:device_code",
        "partner_jwt",
        "guest",
        "otp",
        "ivr_pin",
    }


@pytest.mark.parametrize(
    ("grant_type", "body", "fields"), GRANTS, ids=[type(g[1]).__name__ + ":" + g[0] for g in GRANTS]
)
def test_grant_is_sent_as_the_official_sdk_sends_it(grant_type: str, body: Any, fields: list[tuple[str, str]]) -> None:
    recorder = RecordingTransport(body=TOKEN_INFO)
    client = Client(
        base_url=SERVER,
        httpx_args={"transport": recorder.transport(), "auth": httpx.BasicAuth("client-id", "client-secret")},
    )

    token = get_token.sync(client=client, body=body)

    request = recorder.last
    assert request.method == "POST"
    # Not under /restapi/v1.0: that is the liblab SDK's known defect.
    assert str(request.url) == "https://platform.ringcentral.com/restapi/oauth/token"
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"client-id:client-secret").decode()
    assert sorted(form_fields(request)) == sorted([("grant_type", grant_type), *fields, *DEFAULT_TTLS])
    assert isinstance(token, TokenInfo)
    assert token.token_type is TokenInfoTokenType.BEARER
    assert token.to_dict() == TOKEN_INFO


def test_public_client_sends_client_id_and_no_authorization_header() -> None:
    recorder = RecordingTransport(body=TOKEN_INFO)
    client = Client(base_url="https://platform.devtest.ringcentral.com", httpx_args={"transport": recorder.transport()})

    body = AuthorizationCodeGrant(code="c", client_id="public-app", scope="ReadAccounts")
    asyncio.run(get_token.asyncio(client=client, body=body))

    request = recorder.last
    assert "Authorization" not in request.headers
    assert str(request.url) == "https://platform.devtest.ringcentral.com/restapi/oauth/token"
    assert ("client_id", "public-app") in form_fields(request)
    assert ("scope", "ReadAccounts") in form_fields(request)


def test_oauth_error_body_with_error_description_and_errors_list() -> None:
    wire = {
        "error": "invalid_client",
        "error_description": "Client authentication is required",
        "errors": [{"errorCode": "OAU-123", "message": "Client authentication is required"}],
    }
    recorder = RecordingTransport(status=400, body=wire)
    client = Client(base_url=SERVER, httpx_args={"transport": recorder.transport()})

    response = get_token.sync_detailed(client=client, body=OTPGrant(code="1"))

    assert response.status_code == 400
    error = response.parsed
    assert isinstance(error, OAuthErrorResponse)
    assert error.error is OAuthErrorResponseError.INVALID_CLIENT
    assert not isinstance(error.errors, Unset)
    assert error.errors[0].error_code == "OAU-123"
    assert error.to_dict() == wire


def test_rate_limited_response_keeps_retry_after_header() -> None:
    # RingCentral's real throttling body: no OAuth `error` member (wire-samples.json, rc-api-429-2017).
    wire = {
        "errorCode": "CMN-301",
        "message": "Request rate exceeded",
        "errors": [{"errorCode": "CMN-301", "message": "Request rate exceeded"}],
    }
    recorder = RecordingTransport(status=429, body=wire, headers={"Retry-After": "60"})
    client = Client(base_url=SERVER, httpx_args={"transport": recorder.transport()})

    response = asyncio.run(get_token.asyncio_detailed(client=client, body=RefreshTokenGrant(refresh_token="r")))

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "60"
    assert isinstance(response.parsed, ApiErrorResponse)
    assert response.parsed.error_code == "CMN-301"
