"""Docusign POST /oauth/token and GET /oauth/userinfo against Prism: every grant, every status."""

from __future__ import annotations

import pytest
from grantwire_core._internal.http import httpx
from grantwire_docusign import AuthenticatedClient, Client
from grantwire_docusign.api.tokens import get_token
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_docusign.models import OAuthErrorResponse, TokenResponse, UserInfo, parse_token_request

from tests.contract.calls import MODES, call, prefer, violations
from tests.contract.conftest import PrismUrl
from tests.grant_payloads import DOCUSIGN

TOKEN_STATUSES = {200: TokenResponse, 400: OAuthErrorResponse, 429: OAuthErrorResponse}
USERINFO_STATUSES = {200: UserInfo, 400: OAuthErrorResponse, 429: OAuthErrorResponse}


def client_auth(payload: dict[str, str]) -> httpx.Auth | None:
    # Public clients (PKCE) and the JWT grant send no client credentials; the rest use HTTP Basic.
    if payload["grant_type"].endswith("jwt-bearer") or "code_verifier" in payload:
        return None
    return httpx.BasicAuth("integration-key", "secret-key")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", TOKEN_STATUSES)
@pytest.mark.parametrize(
    "payload", [p for p, _ in DOCUSIGN], ids=[f"{p['grant_type']}-{sorted(p)}" for p, _ in DOCUSIGN]
)
def test_every_grant_and_status(prism_url: PrismUrl, payload: dict[str, str], status: int, mode: str) -> None:
    client = Client(base_url=prism_url("docusign"), headers=prefer(status), httpx_args={"auth": client_auth(payload)})

    response = call(mode, get_token, client=client, body=parse_token_request(payload))

    assert violations(response.headers) == []
    assert response.status_code == status
    assert isinstance(response.parsed, TOKEN_STATUSES[status])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", USERINFO_STATUSES)
def test_user_info_every_status(prism_url: PrismUrl, status: int, mode: str) -> None:
    client = AuthenticatedClient(base_url=prism_url("docusign"), token="access-token", headers=prefer(status))

    response = call(mode, get_user_info, client=client)

    assert violations(response.headers) == []
    assert response.status_code == status
    assert isinstance(response.parsed, USERINFO_STATUSES[status])
