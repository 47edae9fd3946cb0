"""FileTokenStore and RedisTokenStore on their own: what they keep, compare-and-set, the lock,
corrupt data, outages, and what their reprs and errors show."""

from __future__ import annotations

import asyncio
import logging
import os
import stat
import threading
import time
from pathlib import Path

import pytest
from grantwire_core.errors import StoreUnavailable, TokenUnavailable
from grantwire_core.tokens import redis_store
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.renewal_outcome import RenewalFailure
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken, SharedTokenStore, WakingTokenStore

from tests.fleet.redis_server import RedisServer, each_server

FIRST = AccessToken("at-SECRET-1", 1000.0, "rt-SECRET-1", 2000.0, scope="a b")
SECOND = AccessToken("at-SECRET-2", 1100.0, "rt-SECRET-2")


def test_a_file_store_keeps_a_token_in_a_0600_file(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "tokens" / "app.json")
    assert isinstance(store, SharedTokenStore)
    assert store.load() is None
    store.save(FIRST)
    assert store.load() == FIRST
    assert stat.S_IMODE(os.stat(store.path).st_mode) == 0o600
    assert [p.name for p in store.path.parent.iterdir()] == ["app.json"]  # no temporary file left


def test_a_store_file_with_an_unreadable_token_is_empty_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # Files that are not the store's own are refused instead (tests/bad_input/test_file_store.py).
    store = FileTokenStore(tmp_path / "app.json")
    for token in (b'{"access_token": "at-SECR"}', b"[1, 2]", b'{"other": 1}', b"null"):
        store.path.write_bytes(b'{"format": "grantwire-token-file/1", "token": ' + token + b"}")
        with caplog.at_level(logging.WARNING, logger="grantwire.tokens"):
            assert store.load() is None
    assert all("SECR" not in record.getMessage() for record in caplog.records)
    assert len(caplog.records) == 1  # one cause, one warning


def test_file_compare_and_save_refuses_when_the_stored_token_moved_on(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "app.json")
    assert store.compare_and_save(None, FIRST)
    assert not store.compare_and_save(None, SECOND)  # something is stored already
    assert not store.compare_and_save(SECOND, SECOND)  # not what is stored
    assert store.compare_and_save(FIRST, SECOND)
    assert store.load() == SECOND


def test_the_file_lock_is_exclusive_across_store_objects(tmp_path: Path) -> None:
    first, second = FileTokenStore(tmp_path / "app.json"), FileTokenStore(tmp_path / "app.json")
    assert first.acquire(timeout=1)
    assert not second.acquire(timeout=0.1)
    first.release()
    assert second.acquire(timeout=1)
    second.release()


@each_server
def test_a_redis_store_keeps_and_compares_tokens(redis_server: RedisServer) -> None:
    store = RedisTokenStore(redis_server.url, key="ringcentral:app:user-1")
    assert isinstance(store, SharedTokenStore)
    assert store.load() is None
    assert store.compare_and_save(None, FIRST)
    assert not store.compare_and_save(None, SECOND)
    assert not store.compare_and_save(SECOND, SECOND)
    assert store.compare_and_save(FIRST, SECOND)
    assert store.load() == SECOND
    assert store.redis.exists("grantwire:token:{ringcentral:app:user-1}") == 1  # one hash tag per token


def test_keys_are_namespaced_by_prefix_and_key(redis_server: RedisServer) -> None:
    one = RedisTokenStore(redis_server.url, key="user-1", prefix="app-a:")
    other = RedisTokenStore(redis_server.url, key="user-1", prefix="app-b:")
    one.save(FIRST)
    assert other.load() is None
    keys = [key.decode() if isinstance(key, bytes) else str(key) for key in one.redis.keys("*")]
    assert [key for key in keys if not key.startswith("app-a:{user-1}:")] == ["app-a:{user-1}"]


@each_server
def test_the_redis_lock_is_exclusive_and_expires(redis_server: RedisServer) -> None:
    first = RedisTokenStore(redis_server.url, key="k", lock_ttl=0.5)
    second = RedisTokenStore(redis_server.url, key="k", lock_ttl=0.5)
    assert first.acquire(timeout=1)
    assert not second.acquire(timeout=0.1)
    assert second.acquire(timeout=2)  # the first holder "died": its lock ran out
    first.release()  # expired: nothing to release, and no error
    second.release()


@each_server
def test_an_unreachable_redis_is_store_unavailable_without_secrets(redis_server: RedisServer) -> None:
    store = RedisTokenStore(redis_server.url, key="k", timeout=0.5)
    shown = repr(store)
    assert redis_server.password not in shown
    assert "127.0.0.1" in shown
    redis_server.stop()
    for operation in (store.load, lambda: store.save(FIRST), lambda: store.acquire(0.1)):
        with pytest.raises(StoreUnavailable) as raised:
            operation()
        assert redis_server.password not in str(raised.value)


def counting_source(store: RedisTokenStore, store_wait: float = 30.0) -> tuple[TokenSource, list[str]]:
    issued: list[str] = []

    def fetch() -> AccessToken:
        issued.append(f"at-{len(issued) + 1}")
        return AccessToken(issued[-1], expires_at=time.time() + 3600)

    async def async_fetch() -> AccessToken:
        return fetch()

    source = TokenSource(
        fetch=fetch, async_fetch=async_fetch, refresh=None, async_refresh=None, store=store, store_wait=store_wait
    )
    return source, issued


@each_server
def test_async_renewals_use_redis_asyncio_on_the_callers_loop(redis_server: RedisServer) -> None:
    store = RedisTokenStore(redis_server.url, key="async")
    source, issued = counting_source(store)

    async def scenario() -> set[str]:
        tokens = await asyncio.gather(*(source.atoken() for _ in range(20)))
        assert asyncio.get_running_loop() in store._loops  # the asyncio client of this loop
        await store.aclose()
        return {token.access_token for token in tokens}

    assert asyncio.run(scenario()) == {"at-1"}
    assert issued == ["at-1"]
    assert store.load() == source.token()  # saved where sync callers (and other processes) read it


@each_server
def test_a_renewal_while_redis_is_down_waits_then_raises_store_unavailable(redis_server: RedisServer) -> None:
    store = RedisTokenStore(redis_server.url, key="down", timeout=0.2)
    source, issued = counting_source(store, store_wait=0.5)
    redis_server.stop()
    with pytest.raises(StoreUnavailable):
        source.token()

    async def renewal() -> None:
        try:
            await source.atoken()
        finally:
            await store.aclose()

    with pytest.raises(StoreUnavailable):
        asyncio.run(renewal())
    assert issued == []  # nothing was renewed behind the store's back
    redis_server.start()
    assert source.token().access_token == "at-1"


def wait_in_thread(store: WakingTokenStore, timeout: float) -> tuple[threading.Thread, list[bool]]:
    claimed: list[bool] = []
    thread = threading.Thread(target=lambda: claimed.append(store.claim(timeout)))
    thread.start()
    return thread, claimed


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_waiter_is_woken_by_the_release_and_finds_the_holders_failure(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    # No look again before 60 s: a waiter that returns sooner was woken by the release.
    monkeypatch.setattr(redis_store, "FALLBACK_LOOK", 60.0)
    holder, waiter = two_stores(kind, tmp_path, request, lock_ttl=120.0)
    assert holder.claim(1.0)
    thread, claimed = wait_in_thread(waiter, timeout=60.0)
    time.sleep(0.3)  # the waiter is blocked by now (if not, it is woken all the same)
    failure = RenewalFailure.of(TokenUnavailable("no access token without the user"), FIRST)
    holder.release_after(failure)
    thread.join(timeout=30.0)
    assert not thread.is_alive()
    assert claimed == [False]  # woken, not holding: it reads the store, then the failure
    assert waiter.last_failure() == failure
    assert waiter.claim(1.0)  # the next renewal starts afresh, and clears the failure
    assert holder.last_failure() is None
    waiter.release()


@each_server
def test_a_lost_wake_up_costs_a_redis_waiter_one_fallback_look(redis_server: RedisServer) -> None:
    holder = RedisTokenStore(redis_server.url, key="lost", lock_ttl=30.0)
    waiter = RedisTokenStore(redis_server.url, key="lost", lock_ttl=30.0)
    assert holder.claim(1.0)
    thread, claimed = wait_in_thread(waiter, timeout=30.0)
    time.sleep(0.3)
    holder.redis.delete(f"{holder.key}:waiters")  # the registration is lost (a failover, say)
    holder.release_after(None)
    thread.join(timeout=20.0)  # FALLBACK_LOOK later, the waiter looks again on its own
    assert claimed == [False]
    assert waiter.claim(1.0)
    waiter.release()


def two_stores(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest, lock_ttl: float
) -> tuple[WakingTokenStore, WakingTokenStore]:
    if kind == "file":
        return FileTokenStore(tmp_path / "app.json"), FileTokenStore(tmp_path / "app.json")
    server: RedisServer = request.getfixturevalue("redis_server")
    return (
        RedisTokenStore(server.url, key="woken", lock_ttl=lock_ttl),
        RedisTokenStore(server.url, key="woken", lock_ttl=lock_ttl),
    )
