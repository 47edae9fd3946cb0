"""One token per fleet: many processes (tests/fleet/worker.py, each with threads and asyncio tasks)
share a FileTokenStore or a RedisTokenStore in front of the rotating authorization server.

The server rotates refresh tokens and revokes a token family when a rotated refresh token is
redeemed again, so any renewal made twice for one expiry shows up as ``reuse_detected`` (and the
processes' tokens stop working). Tokens live 3 s and are renewed 1.5 s early: a run of 6 s spans
several expiries, each of which must cost exactly one token request for the whole fleet.
"""

from __future__ import annotations

import itertools
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.authserver.server import RegisteredClient, TestAuthorizationServer
from tests.fleet.redis_server import RedisServer, each_server
from tests.node_tools import ROOT

CLIENT_ID, CLIENT_SECRET = "grantwire-app", "s3cret-of-the-app"
LIFETIME, SKEW, DURATION = 3, 1.5, 6.0


@pytest.fixture
def server() -> Iterator[TestAuthorizationServer]:
    authorization = TestAuthorizationServer(access_lifetime=LIFETIME)
    authorization.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET))
    with authorization.running():
        yield authorization


def start_worker(server: TestAuthorizationServer, store: str, start_at: float, *extra: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "tests.fleet.worker", server.url, store, str(start_at), str(DURATION), *extra]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def results(workers: list[subprocess.Popen[str]]) -> list[dict[str, Any]]:
    outcomes = []
    for worker in workers:
        stdout, stderr = worker.communicate(timeout=120)
        assert worker.returncode == 0, stderr[-2000:]
        outcomes.append(json.loads(stdout.strip().splitlines()[-1]))
    return outcomes


def assert_one_request_per_expiry(server: TestAuthorizationServer, outcomes: list[dict[str, Any]]) -> None:
    errors = [error for outcome in outcomes for error in outcome["errors"]]
    assert errors == []
    seen = {token for outcome in outcomes for token in outcome["tokens"]}
    issued = {token.access_token for token in server.tokens}
    assert seen == issued  # every token the server issued was used by the fleet, and only those
    assert server.outcomes["reuse_detected"] == 0
    assert server.outcomes["invalid_grant"] == 0
    assert server.outcomes["code_replayed"] == 0
    # The first grant, then one refresh per expiry for the whole fleet (not one per process): two
    # requests for one expiry would come within one renewal interval of each other. (Counting them
    # against the run's length would not do: on a busy machine the processes start late, and run
    # on past it.)
    assert server.token_requests >= 3, server.grant_types
    gaps = [later - earlier for earlier, later in itertools.pairwise(server.request_times)]
    assert min(gaps) > (LIFETIME - SKEW) / 2, gaps
    assert server.grant_types[0] in ("password", "authorization_code")
    assert set(server.grant_types[1:]) <= {"refresh_token"}


def test_sixteen_processes_on_one_host_share_a_file_store(server: TestAuthorizationServer, tmp_path: Path) -> None:
    start_at = time.time() + 6  # every process is up before the first token is asked for
    store = f"file:{tmp_path / 'ringcentral-user.json'}"
    workers = [start_worker(server, store, start_at) for _ in range(16)]
    assert_one_request_per_expiry(server, results(workers))


@each_server
def test_sixteen_processes_on_two_hosts_share_a_redis_store(
    server: TestAuthorizationServer, redis_server: RedisServer, tmp_path: Path
) -> None:
    start_at = time.time() + 6
    store = f"redis:{redis_server.url}#ringcentral:app:user-1"
    # Two "hosts": each its own working folder; every process its own Redis connection.
    workers = []
    for host in ("host-a", "host-b"):
        (tmp_path / host).mkdir()
        workers += [start_worker(server, store, start_at) for _ in range(8)]
    assert_one_request_per_expiry(server, results(workers))


def test_a_fleet_shares_one_authorization_code_without_replaying_it(
    server: TestAuthorizationServer, redis_server: RedisServer
) -> None:
    # Every process is handed the same code: exactly one redeems it, the rest use the stored token.
    code = server.authorization_code(CLIENT_ID)
    start_at = time.time() + 6
    store = f"redis:{redis_server.url}#ringcentral:app:code-user"
    workers = [start_worker(server, store, start_at, "--grant", f"code:{code}") for _ in range(8)]
    assert_one_request_per_expiry(server, results(workers))
    assert server.grant_types.count("authorization_code") == 1


def test_a_redis_restart_mid_run_costs_no_extra_token_request(
    server: TestAuthorizationServer, redis_server: RedisServer
) -> None:
    start_at = time.time() + 6
    store = f"redis:{redis_server.url}#ringcentral:app:restart"
    workers = [start_worker(server, store, start_at) for _ in range(8)]
    time.sleep(max(0.0, start_at - time.time()) + 2.0)
    redis_server.restart(down_for=0.8)  # renewals due meanwhile wait for it; fresh tokens keep flowing
    assert_one_request_per_expiry(server, results(workers))


def start_together(workers: list[subprocess.Popen[str]], ready: Path) -> None:
    """Wait until every worker is up (each writes ``ready/<pid>``), then let them all go at once."""
    deadline = time.monotonic() + 120
    while len([path for path in ready.iterdir() if path.name != "go"]) < len(workers):
        assert time.monotonic() < deadline, "the workers did not start"
        assert all(worker.poll() is None for worker in workers), "a worker exited before it started"
        time.sleep(0.05)
    (ready / "go").touch()


def store_of(kind: str, tmp_path: Path, request: pytest.FixtureRequest, name: str) -> str:
    if kind == "file":
        return f"file:{tmp_path / f'{name}.json'}"
    redis_server: RedisServer = request.getfixturevalue("redis_server")
    return f"redis:{redis_server.url}#ringcentral:app:{name}"


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_rejected_grant_costs_the_fleet_one_token_request_and_every_waiter_its_error(
    kind: str, server: TestAuthorizationServer, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    # The token server refuses every grant; its answer is late, so that the whole fleet is waiting
    # on the one process that sent it when it arrives.
    server.fail_next(400, times=100, body={"error": "invalid_grant"}, delay=0.5)
    store = store_of(kind, tmp_path, request, "refused")
    ready = tmp_path / "ready"
    ready.mkdir()
    workers = [start_worker(server, store, 0.0, "--once", "--ready", str(ready)) for _ in range(16)]
    start_together(workers, ready)
    outcomes = results(workers)
    assert server.token_requests == 1, server.grant_types  # not one per process
    # Every caller of every process got the holder's error, rebuilt with its class: none got a
    # token, none another kind of error (a timeout, say).
    assert all(outcome["tokens"] == [] for outcome in outcomes)
    assert {name for outcome in outcomes for name in outcome["error_classes"]} == {"OAuthBadRequestError"}
    assert all("invalid_grant" in error for outcome in outcomes for error in outcome["errors"])


@pytest.mark.parametrize("kind", ["file", "redis"])
def test_a_lock_holder_killed_mid_renewal_delays_the_others_by_at_most_the_lock_ttl(
    kind: str, server: TestAuthorizationServer, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    lock_ttl = 2.0
    if kind == "file":
        store = f"file:{tmp_path / 'token.json'}"
    else:
        redis_server: RedisServer = request.getfixturevalue("redis_server")
        store = f"redis:{redis_server.url}#ringcentral:app:kill"
    marker = tmp_path / "locked"
    start_at = time.time()
    holder = start_worker(server, store, start_at, "--hang-while-locked", str(marker), "--lock-ttl", str(lock_ttl))
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline, "the lock holder never took the lock"
        assert holder.poll() is None, holder.communicate()[1][-2000:]
        time.sleep(0.05)
    waiter = start_worker(server, store, time.time(), "--lock-ttl", str(lock_ttl))
    time.sleep(1.0)  # the waiter is blocked on the lock by now
    os.kill(holder.pid, signal.SIGKILL)
    killed_at = time.time()
    holder.communicate()  # reaped, its pipes closed
    (outcome,) = results([waiter])
    assert outcome["errors"] == []
    assert outcome["tokens"]
    # The OS frees a dead holder's file lock at once; Redis's lock lives out its TTL. The bound is
    # loose (the machine may be busy): what it rules out is waiting for the 30 s store_wait.
    waited = outcome["first_token_at"][0] - killed_at
    assert waited <= lock_ttl + 10.0, waited
    assert server.token_requests == server.outcomes["issued"]
    assert server.grant_types[0] == "password"
    assert server.outcomes["reuse_detected"] == 0
