"""Renewals through a RedisTokenStore, traced, against a real redis-server (tests/fleet's fixture) and
the real authorization server, sync and async: an async source awaits the store on redis.asyncio,
and its renewal spans and metrics say the same as a sync one's."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.store import AccessToken
from grantwire_ringcentral import Client
from grantwire_ringcentral.tokens import RingCentralTokenSource
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind

from tests.authserver.server import TestAuthorizationServer
from tests.fleet.redis_server import RedisServer, running_redis
from tests.telemetry.conftest import Telemetry
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET
from tests.tokens.test_real_server import Caller, password
from tests.tokens.token_server import Clock


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    runner = Caller(request.param)
    yield runner
    runner.close()


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[RedisServer]:
    """A real redis-server on loopback for the test (skips, and says so, where none is installed)."""
    with running_redis(tmp_path) as server:
        yield server


class SignallingRedisStore(RedisTokenStore):
    """A RedisTokenStore that tells the test when its renewal starts waiting for the lock, on
    either path (``claim`` for a sync source, ``aclaim`` for an async one)."""

    def __init__(self, url: str, *, key: str) -> None:
        super().__init__(url, key=key)
        self.claiming = threading.Event()

    def claim(self, timeout: float) -> bool:
        self.claiming.set()
        return super().claim(timeout)

    async def aclaim(self, timeout: float) -> bool:
        self.claiming.set()
        return await super().aclaim(timeout)


def _source(server: TestAuthorizationServer, store: RedisTokenStore, clock: Clock) -> RingCentralTokenSource:
    client = Client(base_url=server.url, httpx_args={"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    return RingCentralTokenSource(client, password(), clock=clock, store=store)


def _renewals(spans: list[ReadableSpan]) -> list[dict[str, object]]:
    return [dict(span.attributes or {}) for span in spans if span.name == "token renewal"]


def _closed(caller: Caller, *stores: RedisTokenStore) -> None:
    """Each store's connections closed, an async caller's on its loop before the loop ends."""
    for store in stores:
        caller.run(lambda: None, store.aclose)
        if store.redis is not None:
            store.redis.close()


def _asked_on_asyncio(store: RedisTokenStore, caller: Caller) -> bool:
    """Whether the store served an async caller on redis.asyncio (a client per event loop), as
    its async path does, rather than its blocking client in a worker thread."""
    return bool(store._loops) if caller.mode == "async" else not store._loops


def test_a_renewal_through_redis_and_a_read_of_it_are_spans_and_metrics(
    auth_server: TestAuthorizationServer, telemetry: Telemetry, caller: Caller, redis_server: RedisServer
) -> None:
    clock = Clock()
    first_store = RedisTokenStore(redis_server.url, key="traced")
    second_store = RedisTokenStore(redis_server.url, key="traced")  # another process's store
    first, second = _source(auth_server, first_store, clock), _source(auth_server, second_store, clock)

    renewed = caller.token(first)
    read = caller.token(second)  # the token the first renewed, read from Redis: no request
    asked_on_asyncio = [_asked_on_asyncio(store, caller) for store in (first_store, second_store)]
    _closed(caller, first_store, second_store)

    assert read.access_token == renewed.access_token
    assert auth_server.grant_types == ["password"]
    assert asked_on_asyncio == [True, True]
    spans = telemetry.spans()
    [renewal, reading] = _renewals(spans)
    assert renewal["grantwire.token.outcome"] == "renewed"
    assert renewal["grantwire.token.grant_type"] == "original"
    assert renewal["grantwire.token.store"] == "RedisTokenStore"
    assert renewal["grantwire.token.waited"] is False
    assert reading["grantwire.token.outcome"] == "stored"
    assert reading["grantwire.token.grant_type"] == "none"
    assert reading["grantwire.token.store"] == "RedisTokenStore"
    # The renewal's token request is traced beneath it, one CLIENT span for its one attempt.
    assert [span.kind for span in spans if span.name == "POST"] == [SpanKind.CLIENT]
    measured = telemetry.metrics()
    counted = {
        (point["grantwire.token.outcome"], point["grantwire.token.store"]): value
        for point, value in measured["grantwire.token.renewals"]
    }
    assert counted == {("renewed", "RedisTokenStore"): 1, ("stored", "RedisTokenStore"): 1}
    assert sum(value for _, value in measured["grantwire.token.renewal.wait.duration"]) == 2


def test_a_renewal_that_waits_on_redis_for_another_process_says_so(
    auth_server: TestAuthorizationServer,
    telemetry: Telemetry,
    caller: Caller,
    redis_server: RedisServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    other_process = RedisTokenStore(redis_server.url, key="waited")  # holds the lock, renewing now
    assert other_process.claim(5.0)
    waiting = SignallingRedisStore(redis_server.url, key="waited")
    source = _source(auth_server, waiting, clock)
    renewer_store = RedisTokenStore(redis_server.url, key="renewer's own")
    renewer = _source(auth_server, renewer_store, clock)
    got: list[AccessToken] = []
    with caplog.at_level(logging.INFO):
        worker = threading.Thread(target=lambda: got.append(caller.token(source)))
        worker.start()
        assert waiting.claiming.wait(10)
        renewed = renewer.token()  # the other process's renewal (sync: the caller's loop is the waiter's)
        other_process.save(renewed)
        other_process.release_after(None)  # wakes the waiter through Redis
        worker.join(30)
    asked_on_asyncio = _asked_on_asyncio(waiting, caller)
    _closed(caller, waiting, other_process, renewer_store)

    assert [token.access_token for token in got] == [renewed.access_token]
    assert auth_server.grant_types == ["password"]  # the waiting source sent no request
    assert asked_on_asyncio
    [waited] = [span for span in _renewals(telemetry.spans()) if span["grantwire.token.waited"]]
    assert waited["grantwire.token.outcome"] == "stored"
    assert waited["grantwire.token.store"] == "SignallingRedisStore"
    wait = waited["grantwire.token.wait.duration"]
    assert isinstance(wait, float)
    assert wait > 0
    waits = telemetry.metrics()["grantwire.token.renewal.wait.duration"]
    assert [value for point, value in waits if point["grantwire.token.store"] == "SignallingRedisStore"] == [1]
    assert any("another process" in record.getMessage() for record in caplog.records)
