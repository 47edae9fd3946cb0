"""One process of the fleet benchmark: threads asking one RingCentral token source (with a shared
store) for tokens, timing every call that did not find a fresh token in memory.

    python -m tests.bench.fleet_worker THREADS DURATION

Its first line of standard input is a JSON object: the server's URL, the store (``file:PATH`` or
``redis:URL#KEY``, as for tests/fleet/worker.py) and the credentials (kept off the command line).
The process sets up (imports, client, store), prints ``ready``, and starts when the benchmark
writes a second line, so that a slow start of one process does not shift the fleet's timing. It
prints one JSON line: its first call's time apart (it fetches or reads the first token) and the
waits of every later call that took more than a millisecond. It imports neither the test server
nor tests/fleet (Flask and Authlib would cost each process a second of start-up).
"""

from __future__ import annotations

import json
import sys
import threading
import time

from grantwire_core._internal.http import httpx
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.store import SharedTokenStore
from grantwire_ringcentral import Client
from grantwire_ringcentral.models import PasswordGrant
from grantwire_ringcentral.tokens import RingCentralTokenSource

SKEW = 1.5  # renew this long before expiry (the benchmark's tokens live 3 s)
PAUSE = 0.02  # between two calls of one thread, as a busy web worker asks for its token
WAITED_MS = 1.0  # a call that found a fresh token in memory takes microseconds


def _store(spec: str) -> SharedTokenStore:
    kind, _, where = spec.partition(":")
    if kind == "file":
        return FileTokenStore(where)
    url, _, key = where.partition("#")
    return RedisTokenStore(url, key=key)


def main() -> None:
    threads, duration = int(sys.argv[1]), float(sys.argv[2])
    setup = json.loads(sys.stdin.readline())
    auth = httpx.BasicAuth(setup["client_id"], setup["client_secret"])
    client = Client(base_url=setup["server"], httpx_args={"auth": auth})
    grant = PasswordGrant(username=setup["username"], password=setup["password"])
    source = RingCentralTokenSource(client, grant, skew=SKEW, store=_store(setup["store"]))
    lock = threading.Lock()
    first_ms: list[float] = []
    waits_ms: list[float] = []
    errors: list[str] = []
    print("ready", flush=True)
    sys.stdin.readline()
    stop_at = time.monotonic() + duration

    def ask() -> None:
        first = True
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                source.token()
            except Exception as error:
                with lock:
                    errors.append(type(error).__name__)
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if first:
                    first_ms.append(elapsed)
                elif elapsed > WAITED_MS:
                    waits_ms.append(elapsed)
            first = False
            time.sleep(PAUSE)

    workers = [threading.Thread(target=ask) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(json.dumps({"first_ms": first_ms, "waits_ms": waits_ms, "errors": errors[:10]}))


if __name__ == "__main__":
    main()
