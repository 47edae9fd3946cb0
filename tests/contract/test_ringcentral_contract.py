"""RingCentral POST /restapi/oauth/token against Prism: all 12 grant values, every documented status."""

from __future__ import annotations

import httpx
import pytest
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.oauth import get_token
from grantwire_ringcentral.models import OAuthErrorResponse, RateLimitErrorResponse, TokenInfo, parse_get_token_request

from tests.contract.calls import MODES, call, prefer, violations
from tests.contract.conftest import PrismUrl
from tests.grant_payloads import RINGCENTRAL

# Documented statuses of the operation and the model each one parses into.
STATUSES = {200: TokenInfo, 400: OAuthErrorResponse, 415: OAuthErrorResponse, 429: RateLimitErrorResponse}
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


def test_rate_limit_response_carries_retry_after(prism_url: PrismUrl) -> None:
    client = Client(base_url=prism_url("ringcentral"), headers=prefer(429))
    response = call("sync", get_token, client=client, body=parse_get_token_request(RINGCENTRAL[0][0]))
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) >= 0
