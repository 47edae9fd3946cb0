"""Token sources: cached, refreshed before expiry, single-flight, and usable as httpx.Auth.

The clock is injected: nothing waits for a token to expire.
"""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from grantwire_ringcentral import Client
from grantwire_ringcentral.models import (
    AuthorizationCodeGrant,
    ClientCredentialsByAccountGrant,
    JWTBearerGrant,
)
from grantwire_ringcentral.tokens import AccessToken, MemoryTokenStore, RingCentralTokenSource, TokenUnavailable

from tests.tokens.token_server import Clock, TokenServer

JWT = JWTBearerGrant(grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer", assertion="signed-jwt")
BASE = "https://platform.ringcentral.com"


def source(server: TokenServer, grant: Any = JWT, clock: Clock | None = None, **kwargs: Any) -> RingCentralTokenSource:
    client = Client(base_url=BASE, httpx_args={"transport": server.transport()})
    return RingCentralTokenSource(client, grant, clock=clock or Clock(), **kwargs)


def test_a_token_is_fetched_once_and_cached() -> None:
    server = TokenServer()
    tokens = source(server)
    assert tokens.token().access_token == "at-1"
    assert tokens.token().access_token == "at-1"
    assert server.grant_types == ["urn:ietf:params:oauth:grant-type:jwt-bearer"]


def test_refresh_happens_skew_seconds_before_expiry_with_the_refresh_token() -> None:
    server, clock = TokenServer(expires_in=3600), Clock()
    tokens = source(server, clock=clock, skew=60)
    tokens.token()

    clock.now += 3539  # 61 s left: still fresh
    assert tokens.token().access_token == "at-1"
    clock.now += 2  # 59 s left: inside the skew
    assert tokens.token().access_token == "at-2"
    assert server.grant_types[1] == "refresh_token"
    assert server.grants[1]["refresh_token"] == "rt-1"


def test_without_a_refresh_token_the_grant_is_repeated() -> None:
    server, clock = TokenServer(), Clock()
    tokens = source(server, ClientCredentialsByAccountGrant(account_id="400131"), clock=clock)
    tokens.token()
    clock.now += 4000
    assert tokens.token().access_token == "at-2"
    assert server.grant_types == ["client_credentials", "client_credentials"]


def test_an_expired_refresh_token_falls_back_to_the_original_grant() -> None:
    server, clock = TokenServer(refresh_expires_in=7200), Clock()
    tokens = source(server, clock=clock)
    tokens.token()
    clock.now += 8000  # both the access token and its refresh token are gone
    assert tokens.token().access_token == "at-2"
    assert server.grant_types == ["urn:ietf:params:oauth:grant-type:jwt-bearer"] * 2


def test_a_rejected_refresh_falls_back_to_the_original_grant() -> None:
    server, clock = TokenServer(), Clock()
    tokens = source(server, clock=clock)
    tokens.token()
    server.refresh_error = "invalid_grant"
    clock.now += 3600
    assert tokens.token().access_token == "at-3"
    assert server.grant_types[1:] == ["refresh_token", "urn:ietf:params:oauth:grant-type:jwt-bearer"]


def test_a_single_use_grant_is_never_sent_twice_and_the_error_says_what_to_do() -> None:
    server, clock = TokenServer(), Clock()
    code = AuthorizationCodeGrant(code="one-time-code", redirect_uri="https://app.example/cb")
    tokens = source(server, code, clock=clock)
    tokens.token()
    server.refresh_error = "invalid_grant"
    clock.now += 3600
    with pytest.raises(TokenUnavailable, match=r"refresh answered HTTP 400 invalid_grant.*sign in again"):
        tokens.token()
    assert server.grant_types == ["authorization_code", "refresh_token"]


def test_the_store_hook_persists_and_supplies_tokens() -> None:
    class Recording(MemoryTokenStore):
        def __init__(self) -> None:
            super().__init__()
            self.saved: list[AccessToken] = []

        def save(self, token: AccessToken) -> None:
            self.saved.append(token)
            super().save(token)

    server, clock = TokenServer(), Clock()
    store = Recording()
    store.save(AccessToken("persisted", expires_at=clock.now + 3600))
    tokens = source(server, clock=clock, store=store)
    assert tokens.token().access_token == "persisted"
    assert server.grants == []
    clock.now += 3600
    assert tokens.token().access_token == "at-1"
    assert store.saved[-1].access_token == "at-1"


@pytest.mark.parametrize("run", range(3))
def test_200_threads_asking_an_expired_source_cause_one_request(run: int) -> None:
    server, clock = TokenServer(delay=0.02), Clock()
    tokens = source(server, ClientCredentialsByAccountGrant(account_id="400131"), clock=clock)
    tokens.store.save(AccessToken("expired", expires_at=clock.now - 1))
    start = threading.Barrier(200)
    seen: list[str] = []

    def ask() -> None:
        start.wait()
        seen.append(tokens.token().access_token)

    threads = [threading.Thread(target=ask) for _ in range(200)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(server.grants) == 1
    assert seen == ["at-1"] * 200


@pytest.mark.parametrize("run", range(3))
def test_200_tasks_asking_an_expired_source_cause_one_request(run: int) -> None:
    server, clock = TokenServer(delay=0.02), Clock()
    client = Client(base_url=BASE, httpx_args={"transport": server.async_transport()})
    tokens = RingCentralTokenSource(client, JWT, clock=clock)
    tokens.store.save(AccessToken("expired", expires_at=clock.now - 1))

    async def ask_all() -> list[AccessToken]:
        return await asyncio.gather(*(tokens.atoken() for _ in range(200)))

    results = asyncio.run(ask_all())
    assert len(server.grants) == 1
    assert {token.access_token for token in results} == {"at-1"}


def api(status_for: dict[str, int]) -> tuple[httpx.MockTransport, list[str]]:
    """An API that answers by bearer token, recording which tokens it saw."""
    seen: list[str] = []

    def handle(request: httpx.Request) -> httpx.Response:
        token = request.headers["Authorization"].removeprefix("Bearer ")
        seen.append(token)
        return httpx.Response(status_for.get(token, 200), json={"ok": token})

    return httpx.MockTransport(handle), seen


def test_as_httpx_auth_it_sends_a_bearer_token_and_retries_once_after_a_401() -> None:
    server = TokenServer()
    tokens = source(server)
    transport, seen = api({"at-1": 401})
    with httpx.Client(base_url="https://platform.ringcentral.com", auth=tokens, transport=transport) as http:
        response = http.get("/restapi/v1.0/account/~")
    assert response.status_code == 200
    assert seen == ["at-1", "at-2"]
    assert server.grant_types == ["urn:ietf:params:oauth:grant-type:jwt-bearer", "refresh_token"]


def test_a_second_401_is_returned_not_retried_again() -> None:
    server = TokenServer()
    transport, seen = api({"at-1": 401, "at-2": 401})
    with httpx.Client(auth=source(server), transport=transport) as http:
        assert http.get("https://api.example/x").status_code == 401
    assert seen == ["at-1", "at-2"]


def test_async_httpx_auth() -> None:
    server = TokenServer()
    client = Client(base_url=BASE, httpx_args={"transport": server.async_transport()})
    tokens = RingCentralTokenSource(client, JWT, clock=Clock())
    transport, seen = api({"at-1": 401})

    async def call() -> int:
        async with httpx.AsyncClient(auth=tokens, transport=transport) as http:
            return (await http.get("https://api.example/x")).status_code

    assert asyncio.run(call()) == 200
    assert seen == ["at-1", "at-2"]


def test_tokens_do_not_show_their_secrets() -> None:
    token = AccessToken("access-secret", expires_at=1.0, refresh_token="refresh-secret")
    assert "access-secret" not in repr(token)
    assert "refresh-secret" not in repr(token)
    assert "access_token='***'" in repr(token)


def test_negative_skew_is_refused() -> None:
    with pytest.raises(ValueError, match="skew must be 0 or more"):
        source(TokenServer(), skew=-1)
