"""Each vendor's ``TokenEndpoint`` on its own, over a fake transport (no server, no token source):
what it sends, how it reads the answer, the refresh request it builds, and how it explains an error.

The token sources built on them are run against real servers in the rest of tests/tokens.
"""

from __future__ import annotations

import asyncio
import base64
import datetime as dt
import json
from typing import Final
from uuid import UUID

import pytest
from grantwire_core.errors import APIStatusError, BadRequestError
from grantwire_core.tokens.access_token import AccessToken
from grantwire_core.tokens.endpoint import TokenEndpoint
from grantwire_docusign import Client as DocusignClient
from grantwire_docusign.models import AuthorizationCodeGrant as DocusignCodeGrant
from grantwire_docusign.models import JWTGrant
from grantwire_docusign.models import RefreshTokenGrant as DocusignRefreshGrant
from grantwire_docusign.tokens import ConsentRequired, DocusignTokenEndpoint
from grantwire_ringcentral import Client as RingCentralClient
from grantwire_ringcentral.models import (
    GetTokenRequest,
    JWTBearerGrant,
    PasswordGrant,
    TokenInfo,
    TokenRequestCommonClientAssertionType,
)
from grantwire_ringcentral.models import RefreshTokenGrant as RingCentralRefreshGrant
from grantwire_ringcentral.tokens import RingCentralTokenEndpoint
from grantwire_usegrant import AuthenticatedClient as UseGrantClient
from grantwire_usegrant.models import CreateTokenRequest
from grantwire_usegrant.tokens import UseGrantTokenEndpoint

from tests.clients.recording import RecordingTransport, form_fields, json_body

NOW = 1_700_000_000.0

RINGCENTRAL = "https://platform.ringcentral.com"
JWT_BEARER: Final = "urn:ietf:params:oauth:grant-type:jwt-bearer"
RINGCENTRAL_ANSWER = {
    "access_token": "rc-access",
    "token_type": "bearer",
    "expires_in": 3600,
    "refresh_token": "rc-refresh",
    "refresh_token_expires_in": 604800,
    "scope": "ReadAccounts",
    "owner_id": "256440016",
    "endpoint_id": "8zD8Uu1aQ5e_yDr9iU7uEA",
}

DOCUSIGN = "https://account-d.docusign.com"
DOCUSIGN_ANSWER = {"access_token": "ds-access", "token_type": "Bearer", "expires_in": 28800}

USEGRANT = "https://sdk.usegrant.dev"
PROVIDER = UUID("497f6eca-6276-4993-bfeb-53cbbbba6f08")
CLIENT = UUID("0b3f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
USEGRANT_ANSWER = {"accessToken": "ug-access", "expiresAt": "2024-01-01T00:00:00Z", "type": "Bearer"}


def refused(error: str) -> BadRequestError:
    return BadRequestError(
        operation="get_token", status_code=400, headers={}, body=None, error=error, error_description=None
    )


def unsigned_jwt(claims: dict[str, object]) -> str:
    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).decode().rstrip("=")

    return f"{part({'alg': 'none'})}.{part(claims)}.sig"


# -- RingCentral ----------------------------------------------------------------------------------
def ringcentral(recorder: RecordingTransport) -> RingCentralTokenEndpoint:
    return RingCentralTokenEndpoint(
        RingCentralClient(base_url=RINGCENTRAL, httpx_args={"transport": recorder.transport()})
    )


def test_ringcentral_sends_the_grant_sync_and_async_and_reads_both_lifetimes() -> None:
    recorder = RecordingTransport(body=RINGCENTRAL_ANSWER)
    endpoint: TokenEndpoint[GetTokenRequest, TokenInfo] = ringcentral(recorder)
    grant = JWTBearerGrant(grant_type=JWT_BEARER, assertion="signed-jwt")

    answers = [endpoint.send(grant), asyncio.run(endpoint.asend(grant))]

    for request in recorder.requests:
        assert str(request.url) == f"{RINGCENTRAL}/restapi/oauth/token"
        assert ("assertion", "signed-jwt") in form_fields(request)
    token = endpoint.parse(answers[1], NOW)
    assert token == AccessToken("rc-access", NOW + 3600, "rc-refresh", NOW + 604800, "Bearer", "ReadAccounts")
    assert endpoint.refreshes


def test_ringcentral_refresh_authenticates_as_the_grant_did() -> None:
    endpoint = ringcentral(RecordingTransport())
    public = endpoint.refresh_request("rt", PasswordGrant(username="u", password="p", client_id="public-app"))
    assert isinstance(public, RingCentralRefreshGrant)
    assert (public.refresh_token, public.client_id) == ("rt", "public-app")
    signed = JWTBearerGrant(
        grant_type=JWT_BEARER,
        assertion="a",
        client_assertion_type=TokenRequestCommonClientAssertionType.JWT_BEARER,
        client_assertion="fresh-assertion",
    )
    assertion = endpoint.refresh_request("rt", signed)
    assert isinstance(assertion, RingCentralRefreshGrant)
    assert assertion.client_assertion_type is TokenRequestCommonClientAssertionType.JWT_BEARER
    assert assertion.client_assertion == "fresh-assertion"


def test_ringcentral_keeps_its_errors_as_they_are() -> None:
    assert (
        ringcentral(RecordingTransport()).explain(
            refused("invalid_grant"), JWTBearerGrant(grant_type=JWT_BEARER, assertion="a")
        )
        is None
    )


def test_an_endpoint_shows_no_secret() -> None:
    client = RingCentralClient(base_url="https://id:secret@platform.ringcentral.com")
    assert "secret" not in repr(RingCentralTokenEndpoint(client))
    assert "secret" not in repr(
        DocusignTokenEndpoint(DocusignClient(base_url="https://id:secret@account-d.docusign.com"))
    )


# -- Docusign -------------------------------------------------------------------------------------
def test_docusign_sends_the_grant_and_reads_the_token() -> None:
    recorder = RecordingTransport(body={**DOCUSIGN_ANSWER, "refresh_token": "ds-refresh"})
    endpoint = DocusignTokenEndpoint(DocusignClient(base_url=DOCUSIGN, httpx_args={"transport": recorder.transport()}))
    grant = DocusignCodeGrant(code="the-code")

    answer = asyncio.run(endpoint.asend(grant))

    assert str(recorder.last.url) == f"{DOCUSIGN}/oauth/token"
    assert ("code", "the-code") in form_fields(recorder.last)
    assert endpoint.parse(answer, NOW) == AccessToken("ds-access", NOW + 28800, "ds-refresh", None, "Bearer")
    assert endpoint.parse(endpoint.send(grant), NOW).access_token == "ds-access"


def test_docusign_refresh_carries_the_grants_client_id() -> None:
    endpoint = DocusignTokenEndpoint(DocusignClient(base_url=DOCUSIGN))
    refresh = endpoint.refresh_request("rt", DocusignCodeGrant(code="c", client_id="integration-key"))
    assert isinstance(refresh, DocusignRefreshGrant)
    assert (refresh.refresh_token, refresh.client_id) == ("rt", "integration-key")


def test_docusign_explains_consent_required_with_the_url_for_the_assertions_scopes() -> None:
    endpoint = DocusignTokenEndpoint(
        DocusignClient(base_url="http://user:pw@127.0.0.1:8080/"),
        integration_key="integration-key",
        redirect_uri="https://app.example/callback",
    )
    grant = JWTGrant(assertion=unsigned_jwt({"scope": "signature extended"}))

    explained = endpoint.explain(refused("consent_required"), grant)

    assert isinstance(explained, ConsentRequired)
    assert explained.consent_url.startswith("http://127.0.0.1:8080/oauth/auth?")
    assert "scope=signature+extended" in explained.consent_url
    assert "client_id=integration-key" in explained.consent_url
    assert endpoint.explain(refused("invalid_grant"), grant) is None


def test_docusign_without_a_redirect_uri_keeps_consent_required_as_it_is() -> None:
    endpoint = DocusignTokenEndpoint(DocusignClient(base_url=DOCUSIGN), integration_key="integration-key")
    error: APIStatusError = refused("consent_required")
    assert endpoint.explain(error, JWTGrant(assertion="a.b.c")) is None


# -- useGrant -------------------------------------------------------------------------------------
def test_usegrant_creates_a_token_with_the_options_and_has_no_refresh_tokens() -> None:
    recorder = RecordingTransport(status=201, body=USEGRANT_ANSWER)
    client = UseGrantClient(base_url=USEGRANT, token="api-key", httpx_args={"transport": recorder.transport()})
    endpoint = UseGrantTokenEndpoint(client, PROVIDER, CLIENT)

    answer = endpoint.send(CreateTokenRequest(expires_in=600))
    asyncio.run(endpoint.asend(CreateTokenRequest(expires_in=600)))

    for request in recorder.requests:
        assert str(request.url) == f"{USEGRANT}/v1/providers/{PROVIDER}/clients/{CLIENT}/tokens"
        assert json_body(request) == {"expiresIn": 600}
    expires = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc).timestamp()
    assert endpoint.parse(answer, NOW) == AccessToken("ug-access", expires, None, None, "Bearer")
    assert not endpoint.refreshes
    with pytest.raises(NotImplementedError):
        endpoint.refresh_request("rt", CreateTokenRequest())
