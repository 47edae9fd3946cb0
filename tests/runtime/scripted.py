"""A transport that answers from a script, and a clock that only moves when someone sleeps."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from grantwire_core._internal.http import httpx

Outcome = tuple[int, Any] | tuple[int, Any, dict[str, str]] | type[httpx.TransportError] | bytes


@dataclass
class ScriptedTransport:
    """Answers the n-th request with the n-th outcome: ``(status, json_body[, headers])``,
    ``(status, b"raw bytes")`` or an httpx transport error class to raise."""

    outcomes: Sequence[Outcome]
    requests: list[httpx.Request] = field(default_factory=list)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        outcome = self.outcomes[min(len(self.requests), len(self.outcomes)) - 1]
        if isinstance(outcome, type):
            raise outcome("scripted failure", request=request)
        status, body, *rest = outcome
        headers: dict[str, str] = dict(rest[0]) if rest and isinstance(rest[0], dict) else {}
        if isinstance(body, bytes):
            return httpx.Response(status, content=body, headers=headers)
        return httpx.Response(
            status, content=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers}
        )


@dataclass
class FakeTime:
    """Monotonic clock and sleeps for a RetryPolicy: sleeping advances the clock, nothing waits."""

    now: float = 1000.0
    slept: list[float] = field(default_factory=list)

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds

    async def async_sleep(self, seconds: float) -> None:
        self.sleep(seconds)

    def policy_args(self, random: Callable[[], float] = lambda: 0.0) -> dict[str, Any]:
        return {"sleep": self.sleep, "async_sleep": self.async_sleep, "clock": self.clock, "random": random}
