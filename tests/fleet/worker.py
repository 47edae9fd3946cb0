"""One worker process of the fleet tests: threads and asyncio tasks of one process asking one
RingCentral token source (with a shared store) for tokens until a given time.

    python -m tests.fleet.worker SERVER_URL STORE START_AT DURATION [--grant password|code:CODE]

STORE is ``file:PATH`` or ``redis:URL#KEY``. Prints one JSON line: the access tokens it saw and the
errors it met. ``--once`` makes every thread and task ask once; ``--ready FOLDER`` makes the
worker say it is up (``FOLDER/<pid>``) and start when ``FOLDER/go`` appears, so that a test
starts a whole fleet at one moment. ``--hang-while-locked MARKER`` makes it take the store's renewal lock, write MARKER
and hang there, as a process killed mid-renewal would.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import threading
import time
from pathlib import Path
from typing import Any

from grantwire_core._internal.http import httpx
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.store import WakingTokenStore
from grantwire_ringcentral import Client
from grantwire_ringcentral.models import AuthorizationCodeGrant, GetTokenRequest, PasswordGrant
from grantwire_ringcentral.tokens import RingCentralTokenSource

from tests.authserver.server import PASSWORD, REDIRECT_URI, USER

CLIENT_ID, CLIENT_SECRET = "grantwire-app", "s3cret-of-the-app"


def make_store(spec: str, lock_ttl: float) -> WakingTokenStore:
    kind, _, where = spec.partition(":")
    if kind == "file":
        return FileTokenStore(where)
    url, _, key = where.partition("#")
    return RedisTokenStore(url, key=key, lock_ttl=lock_ttl)


def hang_while_locked(store: WakingTokenStore, marker: Path) -> None:
    original = store.claim

    def claim(timeout: float) -> bool:
        if original(timeout):
            marker.write_text("locked")
            time.sleep(3600)  # killed here by the test
        return False

    store.claim = claim  # type: ignore[method-assign]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("store")
    parser.add_argument("start_at", type=float)
    parser.add_argument("duration", type=float)
    parser.add_argument("--grant", default="password")
    parser.add_argument("--threads", type=int, default=3)
    parser.add_argument("--tasks", type=int, default=3)
    parser.add_argument("--skew", type=float, default=1.5)
    parser.add_argument("--lock-ttl", type=float, default=30.0)
    parser.add_argument("--hang-while-locked")
    parser.add_argument("--once", action="store_true")
    parser.add_argument("--ready")
    arguments = parser.parse_args()

    store = make_store(arguments.store, arguments.lock_ttl)
    if arguments.hang_while_locked:
        hang_while_locked(store, Path(arguments.hang_while_locked))
    grant: GetTokenRequest = PasswordGrant(username=USER, password=PASSWORD)
    if arguments.grant.startswith("code:"):
        grant = AuthorizationCodeGrant(code=arguments.grant[5:], redirect_uri=REDIRECT_URI)
    client = Client(base_url=arguments.server, httpx_args={"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    source = RingCentralTokenSource(client, grant, skew=arguments.skew, store=store)

    seen: set[str] = set()
    errors: list[str] = []
    error_classes: set[str] = set()
    first_token_at: list[float] = []
    waits_ms: list[float] = []  # calls that did not find a fresh token in memory (they waited)
    lock = threading.Lock()
    if arguments.ready:
        ready = Path(arguments.ready)
        (ready / str(os.getpid())).touch()
        while not (ready / "go").exists():
            time.sleep(0.005)
    time.sleep(max(0.0, arguments.start_at - time.time()))
    stop_at = time.monotonic() + arguments.duration

    def record(token: str | None, error: BaseException | None) -> None:
        with lock:
            if token is not None:
                seen.add(token)
                if not first_token_at:
                    first_token_at.append(time.time())
            if error is not None and len(errors) < 10:
                errors.append(f"{type(error).__name__}: {error}")
            if error is not None:
                error_classes.add(type(error).__name__)

    def timed(started: float) -> None:
        elapsed = (time.perf_counter() - started) * 1000
        if elapsed > 1.0:
            with lock:
                waits_ms.append(elapsed)

    def in_thread() -> None:
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                record(source.token().access_token, None)
            except Exception as error:
                record(None, error)
            timed(started)
            if arguments.once:
                return
            time.sleep(0.02)

    async def in_task() -> None:
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                record((await source.atoken()).access_token, None)
            except Exception as error:
                record(None, error)
            timed(started)
            if arguments.once:
                return
            await asyncio.sleep(0.02)

    async def tasks() -> Any:
        return await asyncio.gather(*(in_task() for _ in range(arguments.tasks)))

    threads = [threading.Thread(target=in_thread) for _ in range(arguments.threads)]
    for thread in threads:
        thread.start()
    asyncio.run(tasks())
    for thread in threads:
        thread.join()
    outcome = {"tokens": sorted(seen), "errors": errors, "first_token_at": first_token_at[:1], "waits_ms": waits_ms}
    outcome["error_classes"] = sorted(error_classes)
    print(json.dumps(outcome))


if __name__ == "__main__":
    main()
