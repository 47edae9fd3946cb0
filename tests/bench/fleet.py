"""Sharing one token: the hot path per store, token requests per expiry for 1, 4 and 16 processes,
and how long callers wait while the fleet renews.

- Hot path: a request through ``httpx.Client(auth=source)`` whose token is fresh, with each store,
  against the same request with a static ``Authorization`` header (target 1.02x: a fresh token is
  served from memory; the store is read only to renew).
- Requests per expiry: N worker processes (tests/fleet/worker.py) against the rotating Authlib
  server for a fixed time, tokens living 3 s and renewed 1.5 s early. The expiries are counted from
  the server's side: token requests closer together than half the renewal interval belong to the
  same expiry. The baseline is the physical limit, one process (target 1.00x: the fleet renews as
  one process does).
- Waits: the calls that found no fresh token in memory (p50 and p99 over the 16-process run),
  against one token request of the single process.
"""

from __future__ import annotations

import itertools
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from grantwire_core.file_store import FileTokenStore
from grantwire_core.http import httpx
from grantwire_core.redis_store import RedisTokenStore
from grantwire_core.tokens import AccessToken, MemoryTokenStore, TokenSource, TokenStore

from tests.authserver.server import RegisteredClient, TestAuthorizationServer
from tests.bench.report import Row, best_of
from tests.fleet.redis_server import BINARY as REDIS_BINARY
from tests.fleet.redis_server import RedisServer
from tests.node_tools import ROOT

DURATION, LIFETIME, SKEW = 4.5, 3, 1.5
RENEWAL = LIFETIME - SKEW  # seconds between two renewals
HOT_TARGET, FLEET_TARGET = 1.02, 1.00


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(204)


def _hot_path(store: TokenStore) -> tuple[float, float]:
    token = AccessToken("a" * 40, expires_at=time.time() + 3600)
    store.save(token)
    source = TokenSource(fetch=lambda: token, async_fetch=None, refresh=None, async_refresh=None, store=store)
    source.token()  # in memory from now on
    ours = httpx.Client(transport=httpx.MockTransport(_answer), auth=source)
    static = httpx.Client(transport=httpx.MockTransport(_answer), headers={"Authorization": f"Bearer {'a' * 40}"})
    ours_us, static_us = [], []
    for _ in range(15):
        static_us.append(best_of(lambda: static.get("https://api.example/me"), number=400, repeat=1))
        ours_us.append(best_of(lambda: ours.get("https://api.example/me"), number=400, repeat=1))
    return min(ours_us), min(static_us)


def _fleet(store: str, processes: int) -> tuple[float, list[float], list[float]]:
    """Token requests per expiry, the waits of every worker, and the single process's waits."""
    server = TestAuthorizationServer(access_lifetime=LIFETIME)
    server.register(RegisteredClient("grantwire-app", "s3cret-of-the-app"))
    with server.running():
        start_at = time.time() + 1 + 0.4 * processes  # all processes up before the first ask
        command = [sys.executable, "-m", "tests.fleet.worker", server.url, store, str(start_at), str(DURATION)]
        workers = [
            subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for _ in range(processes)
        ]
        outcomes: list[dict[str, Any]] = []
        for worker in workers:
            stdout, stderr = worker.communicate(timeout=120)
            if worker.returncode != 0:
                raise RuntimeError(f"fleet worker failed: {stderr[-1000:]}")
            outcomes.append(json.loads(stdout.strip().splitlines()[-1]))
    waits = [wait for outcome in outcomes for wait in outcome["waits_ms"]]
    times = sorted(server.request_times)
    expiries = 1 + sum(1 for earlier, later in itertools.pairwise(times) if later - earlier > RENEWAL / 2)
    return len(times) / expiries, waits, waits if processes == 1 else []


@contextmanager
def _redis(scratch: Path) -> Iterator[str | None]:
    """A Redis server's URL for the run, or None where redis-server is not installed."""
    if REDIS_BINARY is None:
        yield None
        return
    redis = RedisServer(scratch)
    redis.start()
    try:
        yield redis.url
    finally:
        redis.stop()


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="grantwire-fleet-") as directory, _redis(Path(directory)) as redis_url:
        scratch = Path(directory)
        # Store specs per kind, a function of a name so that every run gets its own token.
        kinds: dict[str, Callable[[str], str]] = {"file": lambda name: f"file:{scratch / name}.json"}
        hot_stores: dict[str, TokenStore] = {
            "memory": MemoryTokenStore(),
            "file": FileTokenStore(scratch / "hot.json"),
        }
        if redis_url is not None:
            kinds["redis"] = lambda name: f"redis:{redis_url}#bench:{name}"
            hot_stores["redis"] = RedisTokenStore(redis_url, key="bench:hot")
        for name, store in hot_stores.items():
            ours, static = _hot_path(store)
            rows.append(
                Row(
                    f"auth per request, {name} store",
                    ours,
                    static,
                    "static Authorization header",
                    f"<= {HOT_TARGET:.2f}x",
                    ours / static <= HOT_TARGET,
                )
            )
        for kind, spec in kinds.items():
            single, _, single_waits = _fleet(spec(f"{kind}-1"), 1)
            for processes in (4, 16):
                requests, waits, _ = _fleet(spec(f"{kind}-{processes}"), processes)
                rows.append(
                    Row(
                        f"token requests per expiry, {processes} processes, {kind}",
                        requests,
                        single,
                        "1 process, same store",
                        f"<= {FLEET_TARGET:.2f}x",
                        requests / single <= FLEET_TARGET,
                        unit="req",
                    )
                )
            if waits and single_waits:
                request_ms = statistics.median(single_waits)
                for label, value in (("p50", statistics.median(waits)), ("p99", _p99(waits))):
                    rows.append(
                        Row(
                            f"renewal wait {label}, 16 processes, {kind}",
                            value,
                            request_ms,
                            "one token request, 1 process",
                            "reported",
                            True,
                            unit="ms",
                        )
                    )
    return rows


def _p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.99 * len(ordered)))]
