"""Per-call cost of a generated token call against what a user would write instead.

All sides send the same password-grant form over the same ``MockTransport`` (no network, so every
microsecond of ours shows) and parse the same JSON body. Ours also builds the form from the model,
checks it, runs the retry/timeout/logging machinery and parses the body into ``TokenInfo``. The
baselines: raw httpx2 with a ``base_url`` (as our client is configured), the fastest raw path (an
absolute URL on a client with no ``base_url``: nothing to merge per call), and Authlib's
``OAuth2Client.fetch_token`` (the OAuth library a user would reach for).
"""

from __future__ import annotations

import asyncio
import json
import timeit
from collections.abc import Awaitable, Callable

from authlib.integrations.httpx_client import AsyncOAuth2Client, OAuth2Client
from grantwire_core._internal.http import httpx
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant

from tests.bench.report import Case, Measured, Probe, Runner, best_of
from tests.runtime.test_values import TOKEN_INFO

BASE_URL = "https://platform.ringcentral.com"
PATH = "/restapi/oauth/token"
TOKEN_URL = BASE_URL + PATH
BODY = json.dumps(TOKEN_INFO).encode()
GRANT = PasswordGrant(username="+16501234567", password="pw", client_id="app")
FORM = GRANT.to_dict()
CALLS, ROUNDS = 500, 7
# The target: what the model, the checks and the retry machinery add stays within a tenth
# of the fastest raw call, so nobody has a speed reason to hand-write the request.
TARGET = 1.10
# Each baseline: its short name in the row's name, and what it is.
BASELINES = {
    "fastest": ("fastest raw httpx2", "raw httpx2, absolute URL, no base_url (the fastest raw path)"),
    "raw": ("raw httpx2 base_url", "raw httpx2 with base_url, as our client is configured"),
    "authlib": ("Authlib", "Authlib OAuth2Client.fetch_token"),
}


def _answer(request: httpx.Request) -> httpx.Response:
    return httpx.Response(200, content=BODY, headers={"Content-Type": "application/json"})


def _transport() -> httpx.MockTransport:
    return httpx.MockTransport(_answer)


def _sync() -> dict[str, float]:
    raw = httpx.Client(base_url=BASE_URL, transport=_transport())
    absolute = httpx.Client(transport=_transport())
    authlib = OAuth2Client("app", "secret", transport=_transport())
    ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

    def raw_call() -> object:
        response = raw.post(PATH, data=FORM)
        response.raise_for_status()
        return response.json()

    def absolute_call() -> object:
        response = absolute.post(TOKEN_URL, data=FORM)
        response.raise_for_status()
        return response.json()

    def authlib_call() -> object:
        return authlib.fetch_token(TOKEN_URL, grant_type="password", username="+16501234567", password="pw")

    calls: dict[str, Callable[[], object]] = {
        "ours": lambda: get_token.sync(client=ours, body=GRANT),
        "raw": raw_call,
        "fastest": absolute_call,
        "authlib": authlib_call,
    }
    # Interleaved rounds, best of each: every side sees the same machine conditions.
    best = dict.fromkeys(calls, float("inf"))
    for _ in range(ROUNDS):
        for name, call in calls.items():
            best[name] = min(best[name], best_of(call, number=CALLS, repeat=1))
    for client in (raw, absolute, authlib):
        client.close()
    return best


def _async() -> dict[str, float]:
    async def measure() -> dict[str, float]:
        raw = httpx.AsyncClient(base_url=BASE_URL, transport=_transport())
        absolute = httpx.AsyncClient(transport=_transport())
        authlib = AsyncOAuth2Client("app", "secret", transport=_transport())
        ours = Client(base_url=BASE_URL, httpx_args={"transport": _transport()})

        async def raw_call() -> object:
            response = await raw.post(PATH, data=FORM)
            response.raise_for_status()
            return response.json()

        async def absolute_call() -> object:
            response = await absolute.post(TOKEN_URL, data=FORM)
            response.raise_for_status()
            return response.json()

        async def authlib_call() -> object:
            return await authlib.fetch_token(TOKEN_URL, grant_type="password", username="+16501234567", password="pw")

        async def our_call() -> object:
            return await get_token.asyncio(client=ours, body=GRANT)

        async def timed(call: Callable[[], Awaitable[object]]) -> float:
            started = timeit.default_timer()
            for _ in range(CALLS):
                await call()
            return (timeit.default_timer() - started) / CALLS * 1e6

        calls = {"ours": our_call, "raw": raw_call, "fastest": absolute_call, "authlib": authlib_call}
        best = dict.fromkeys(calls, float("inf"))
        for _ in range(ROUNDS):
            for name, call in calls.items():
                best[name] = min(best[name], await timed(call))
        for client in (raw, absolute, authlib):
            await client.aclose()
        return best

    return asyncio.run(measure())


def run(runner: Runner) -> None:
    for label, measure in (("sync", _sync), ("async", _async)):
        cases = [
            Case(
                "token call",
                f"token call {label} vs {short}",
                against,
                TARGET,
                "the model, checks and retry machinery add at most a tenth to a hand-written call",
                # CI keeps the one that matters most: against the fastest raw call.
                quick=label == "sync" and key == "fastest",
            )
            for key, (short, against) in BASELINES.items()
        ]
        announce = f"token call, {label}: ours, raw httpx2 and Authlib, {ROUNDS} interleaved rounds of {CALLS}"
        runner.measure(cases, _probe(measure, [case.name for case in cases]), announce)


def _probe(measure: Callable[[], dict[str, float]], names: list[str]) -> Probe:
    """The rows of one measurement: ours against each baseline, in the order of BASELINES."""

    def probe() -> dict[str, Measured]:
        best = measure()
        return {name: Measured(best["ours"], best[key]) for name, key in zip(names, BASELINES, strict=True)}

    return probe
