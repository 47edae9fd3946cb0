"""Per-call cost of a generated token call against raw httpx on the same MockTransport.

Both sides send the same form request and parse the same JSON body; ours also builds the form from
the model, runs the retry/timeout/logging machinery and parses the body into ``TokenInfo``.
"""

from __future__ import annotations

import asyncio
import json
import timeit
from collections.abc import Awaitable, Callable

import httpx
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.oauth import get_token
from grantwire_ringcentral.models import PasswordGrant

from tests.bench.report import Row, best_of
from tests.runtime.test_values import TOKEN_INFO

BASE_URL = "https://platform.ringcentral.com"
BODY = json.dumps(TOKEN_INFO).encode()
GRANT = PasswordGrant(username="+16501234567", password="pw", client_id="app")
FORM = GRANT.to_dict()
TARGET = 1.10
CALLS = 2000


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"Content-Type": "application/json"})


def _transport() -> httpx.MockTransport:
    return httpx.MockTransport(_answer)


def _sync_pair() -> tuple[float, float]:
    raw = httpx.Client(base_url=BASE_URL, transport=_transport())
    ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

    def raw_call() -> object:
        response = raw.post("/restapi/oauth/token", data=FORM)
        response.raise_for_status()
        return response.json()

    def our_call() -> object:
        return get_token.sync(client=ours, body=GRANT)

    # Interleaved rounds, best of each: both sides see the same machine conditions.
    raw_us, ours_us = [], []
    for _ in range(7):
        raw_us.append(best_of(raw_call, number=CALLS // 4, repeat=1))
        ours_us.append(best_of(our_call, number=CALLS // 4, repeat=1))
    raw.close()
    return min(ours_us), min(raw_us)


def _async_pair() -> tuple[float, float]:
    async def measure() -> tuple[float, float]:
        raw = httpx.AsyncClient(base_url=BASE_URL, transport=_transport())
        ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

        async def raw_calls(n: int) -> None:
            for _ in range(n):
                response = await raw.post("/restapi/oauth/token", data=FORM)
                response.raise_for_status()
                response.json()

        async def our_calls(n: int) -> None:
            for _ in range(n):
                await get_token.asyncio(client=ours, body=GRANT)

        async def timed(calls: Callable[[int], Awaitable[None]], n: int) -> float:
            started = timeit.default_timer()
            await calls(n)
            return (timeit.default_timer() - started) / n * 1e6

        raw_us, ours_us = [], []
        for _ in range(7):
            raw_us.append(await timed(raw_calls, CALLS // 4))
            ours_us.append(await timed(our_calls, CALLS // 4))
        await raw.aclose()
        return min(ours_us), min(raw_us)

    return asyncio.run(measure())


def run() -> list[Row]:
    rows = []
    for label, (ours, raw) in (("sync", _sync_pair()), ("async", _async_pair())):
        rows.append(
            Row(
                name=f"token call, {label} (RingCentral password grant)",
                ours_us=ours,
                baseline_us=raw,
                baseline=f"raw httpx {label}, same MockTransport",
                target=f"<= {TARGET:.2f}x",
                met=ours / raw <= TARGET,
            )
        )
    return rows
