"""A refresh rejected because another source already redeemed it, against the real authorization
server (Authlib's, rotating refresh tokens with reuse detection).

Two sources (two processes, in effect) hold the same token; the other one refreshes it first and
saves the new token in the store they share, so this one's refresh is rejected as reused. It must
read the store again and use the token saved there, and never fall back to replaying its
authorization code (single-use: a replay revokes the session).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import TokenUnavailable
from grantwire_core.retry import NO_RETRIES
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.store import AccessToken, MemoryTokenStore, TokenStore
from grantwire_ringcentral import Client
from grantwire_ringcentral.models import AuthorizationCodeGrant, GetTokenRequest, PasswordGrant
from grantwire_ringcentral.tokens import RingCentralTokenSource

from tests.authserver.server import PASSWORD, REDIRECT_URI, USER, RegisteredClient, TestAuthorizationServer
from tests.fleet.redis_server import RedisServer, running_redis
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET
from tests.tokens.token_server import Clock

LIFETIME = 3600


@pytest.fixture(params=[True, False], ids=["family-revoked-on-reuse", "reuse-only-refused"])
def server(request: pytest.FixtureRequest) -> Iterator[TestAuthorizationServer]:
    authorization = TestAuthorizationServer(revoke_family_on_reuse=request.param)
    authorization.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET))
    with authorization.running():
        yield authorization


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    with running_redis(tmp_path) as server:
        yield server


class PlainView:
    """Only ``load`` and ``save`` of a shared store: a process that does not take its lock (an
    older version, a script of the user's), so that a refresh can really race another."""

    def __init__(self, store: TokenStore) -> None:
        self.store = store

    def load(self) -> AccessToken | None:
        return self.store.load()

    def save(self, token: AccessToken) -> None:
        self.store.save(token)


def source(
    server: TestAuthorizationServer,
    grant: GetTokenRequest,
    clock: Clock,
    store: TokenStore,
    before_refresh: Callable[[], None] | None = None,
) -> RingCentralTokenSource:
    """A source whose client runs ``before_refresh`` once, just before its first refresh request
    leaves: the moment another source's refresh overtakes it."""
    pending = [before_refresh] if before_refresh is not None else []

    def hook(request: httpx.Request) -> None:
        if pending and b"grant_type=refresh_token" in request.content:
            pending.pop()()

    httpx_args: dict[str, Any] = {"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET), "event_hooks": {"request": [hook]}}
    client = Client(base_url=server.url, retry=NO_RETRIES, httpx_args=httpx_args)
    return RingCentralTokenSource(client, grant, clock=clock, store=store)


def status_of(server: TestAuthorizationServer, token: AccessToken) -> int:
    return httpx.get(server.url + "/api/me", headers={"Authorization": f"Bearer {token.access_token}"}).status_code


def overtaken_refresh(
    server: TestAuthorizationServer, grant: GetTokenRequest, first_store: TokenStore, second_store: TokenStore
) -> tuple[AccessToken, AccessToken]:
    """Both sources get the first token; both find it expired; the second one's refresh is
    overtaken by the first one's. Returns (the first's new token, the token the second ends with)."""
    clock = Clock()
    first = source(server, grant, clock, first_store)
    overtaken: list[AccessToken] = []
    second = source(server, grant, clock, second_store, before_refresh=lambda: overtaken.append(first.token()))
    initial = first.token()
    assert second.token() == initial  # from the store: the grant is sent once
    clock.now += LIFETIME
    ended_with = second.token()
    return overtaken[0], ended_with


def assert_the_saved_token_is_used(server: TestAuthorizationServer, renewed: AccessToken, used: AccessToken) -> None:
    assert used == renewed  # the token the other source saved, read again from the store
    assert server.grant_types[1:] == ["refresh_token", "refresh_token"]  # nothing replayed
    assert server.outcomes["reuse_detected"] == 1
    assert server.outcomes["code_replayed"] == 0
    # The server decides whether a reuse ends the session; when it does not, the token works.
    assert status_of(server, used) == (401 if server.revoke_family_on_reuse else 200)


def test_two_sources_on_a_plain_store_use_the_token_the_other_saved_never_the_code_again(
    server: TestAuthorizationServer,
) -> None:
    code = AuthorizationCodeGrant(code=server.authorization_code(CLIENT_ID), redirect_uri=REDIRECT_URI)
    store = MemoryTokenStore()
    renewed, used = overtaken_refresh(server, code, store, store)
    assert server.grant_types[0] == "authorization_code"
    assert_the_saved_token_is_used(server, renewed, used)


def test_a_rejected_refresh_with_nothing_new_in_the_store_never_replays_the_code(
    server: TestAuthorizationServer,
) -> None:
    code = AuthorizationCodeGrant(code=server.authorization_code(CLIENT_ID), redirect_uri=REDIRECT_URI)
    clock, store = Clock(), MemoryTokenStore()
    mine = source(server, code, clock, store)
    mine.token()
    server.fail_next(400, body={"error": "invalid_grant"})
    clock.now += LIFETIME
    with pytest.raises(TokenUnavailable, match="sign in again"):
        mine.token()
    # Another source with the same code, sharing the store, finds only that expired token.
    other = source(server, code, clock, store)
    server.fail_next(400, body={"error": "invalid_grant"})
    with pytest.raises(TokenUnavailable):
        other.token()
    assert server.grant_types == ["authorization_code", "refresh_token", "refresh_token"]
    assert server.outcomes["code_replayed"] == 0


def test_a_repeatable_grant_is_sent_again_when_the_store_has_nothing_better(
    server: TestAuthorizationServer,
) -> None:
    clock, store = Clock(), MemoryTokenStore()
    mine = source(server, PasswordGrant(username=USER, password=PASSWORD), clock, store)
    mine.token()
    server.fail_next(400, body={"error": "invalid_grant"})
    clock.now += LIFETIME
    renewed = mine.token()
    assert server.grant_types == ["password", "refresh_token", "password"]
    assert status_of(server, renewed) == 200


def test_file_store_sources_use_the_token_another_saved_after_a_rejected_refresh(
    server: TestAuthorizationServer, tmp_path: Path
) -> None:
    code = AuthorizationCodeGrant(code=server.authorization_code(CLIENT_ID), redirect_uri=REDIRECT_URI)
    path = tmp_path / "token.json"
    renewed, used = overtaken_refresh(server, code, PlainView(FileTokenStore(path)), FileTokenStore(path))
    assert_the_saved_token_is_used(server, renewed, used)
    assert FileTokenStore(path).load() == renewed


def test_redis_store_sources_use_the_token_another_saved_when_a_renewal_outlived_its_lock(
    server: TestAuthorizationServer, redis_server: RedisServer
) -> None:
    # The second source's renewal is slower than its lock's time to live: the first takes the lock
    # after it, refreshes and saves, and the second's refresh token is then refused as reused.
    code = AuthorizationCodeGrant(code=server.authorization_code(CLIENT_ID), redirect_uri=REDIRECT_URI)

    def store() -> RedisTokenStore:
        return RedisTokenStore(redis_server.url, key="ringcentral:app:overtaken", lock_ttl=0.3)

    clock = Clock()
    first = source(server, code, clock, store())
    overtaken: list[AccessToken] = []

    def outlive_the_lock() -> None:
        time.sleep(0.5)
        overtaken.append(first.token())

    second = source(server, code, clock, store(), before_refresh=outlive_the_lock)
    assert second.token() == first.token()
    clock.now += LIFETIME
    used = second.token()
    assert_the_saved_token_is_used(server, overtaken[0], used)
    assert store().load() == overtaken[0]
