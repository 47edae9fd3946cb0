"""Per-call cost of a generated token call against raw httpx on the same MockTransport.

Both sides send the same form request and parse the same JSON body; ours also builds the form from
the model, checks it, runs the retry/timeout/logging machinery and parses the body into
``TokenInfo``. Two baselines: raw httpx with a ``base_url`` (as our client is configured), and the
fastest raw path, an absolute URL on a client with no ``base_url`` (nothing to merge per call).
"""

from __future__ import annotations

import asyncio
import json
import timeit
from collections.abc import Awaitable, Callable

from grantwire_core.http import httpx
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant

from tests.bench.report import Row, best_of
from tests.runtime.test_values import TOKEN_INFO

BASE_URL = "https://platform.ringcentral.com"
TOKEN_URL = BASE_URL + "/restapi/oauth/token"
BODY = json.dumps(TOKEN_INFO).encode()
GRANT = PasswordGrant(username="+16501234567", password="pw", client_id="app")
FORM = GRANT.to_dict()
TARGET = 1.10
CALLS = 2000


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"Content-Type": "application/json"})


def _transport() -> httpx.MockTransport:
    return httpx.MockTransport(_answer)


def _sync_pair() -> tuple[float, float, float]:
    raw = httpx.Client(base_url=BASE_URL, transport=_transport())
    absolute = httpx.Client(transport=_transport())
    ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

    def raw_call() -> object:
        response = raw.post("/restapi/oauth/token", data=FORM)
        response.raise_for_status()
        return response.json()

    def absolute_call() -> object:
        response = absolute.post(TOKEN_URL, data=FORM)
        response.raise_for_status()
        return response.json()

    def our_call() -> object:
        return get_token.sync(client=ours, body=GRANT)

    # Interleaved rounds, best of each: every side sees the same machine conditions.
    raw_us, absolute_us, ours_us = [], [], []
    for _ in range(7):
        raw_us.append(best_of(raw_call, number=CALLS // 4, repeat=1))
        absolute_us.append(best_of(absolute_call, number=CALLS // 4, repeat=1))
        ours_us.append(best_of(our_call, number=CALLS // 4, repeat=1))
    raw.close()
    absolute.close()
    return min(ours_us), min(raw_us), min(absolute_us)


def _async_pair() -> tuple[float, float, float]:
    async def measure() -> tuple[float, float, float]:
        raw = httpx.AsyncClient(base_url=BASE_URL, transport=_transport())
        absolute = httpx.AsyncClient(transport=_transport())
        ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

        async def raw_calls(n: int) -> None:
            for _ in range(n):
                response = await raw.post("/restapi/oauth/token", data=FORM)
                response.raise_for_status()
                response.json()

        async def absolute_calls(n: int) -> None:
            for _ in range(n):
                response = await absolute.post(TOKEN_URL, data=FORM)
                response.raise_for_status()
                response.json()

        async def our_calls(n: int) -> None:
            for _ in range(n):
                await get_token.asyncio(client=ours, body=GRANT)

        async def timed(calls: Callable[[int], Awaitable[None]], n: int) -> float:
            started = timeit.default_timer()
            await calls(n)
            return (timeit.default_timer() - started) / n * 1e6

        raw_us, absolute_us, ours_us = [], [], []
        for _ in range(7):
            raw_us.append(await timed(raw_calls, CALLS // 4))
            absolute_us.append(await timed(absolute_calls, CALLS // 4))
            ours_us.append(await timed(our_calls, CALLS // 4))
        await raw.aclose()
        await absolute.aclose()
        return min(ours_us), min(raw_us), min(absolute_us)

    return asyncio.run(measure())


def run() -> list[Row]:
    rows = []
    for label, (ours, raw, absolute) in (("sync", _sync_pair()), ("async", _async_pair())):
        for baseline_us, baseline in (
            (raw, f"raw {httpx.__name__} {label}, base_url, same MockTransport"),
            (absolute, f"raw {httpx.__name__} {label}, absolute URL and no base_url: the fastest raw path"),
        ):
            rows.append(
                Row(
                    name=f"token call, {label} (RingCentral password grant)",
                    ours_us=ours,
                    baseline_us=baseline_us,
                    baseline=baseline,
                    target=f"<= {TARGET:.2f}x",
                    met=ours / baseline_us <= TARGET,
                )
            )
    return rows
