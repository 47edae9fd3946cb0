"""A fake RingCentral token endpoint and a clock that moves only when told to."""

from __future__ import annotations

import asyncio
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from grantwire_core._internal.http import httpx


@dataclass
class Clock:
    now: float = 1_000_000.0

    def __call__(self) -> float:
        return self.now


@dataclass
class TokenServer:
    """Issues ``at-<n>``/``rt-<n>`` pairs; ``refresh_error`` makes refresh grants fail with 400."""

    expires_in: int = 3600
    refresh_expires_in: int | None = 604800
    refresh_error: str | None = None
    delay: float = 0.0
    grants: list[dict[str, str]] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _answer(self, request: httpx.Request) -> httpx.Response:
        form = dict(parse_qsl(request.read().decode()))
        with self._lock:
            self.grants.append(form)
            n = len(self.grants)
        if form["grant_type"] == "refresh_token" and self.refresh_error:
            return httpx.Response(400, json={"error": self.refresh_error, "errors": []})
        body: dict[str, Any] = {
            "access_token": f"at-{n}",
            "token_type": "bearer",
            "expires_in": self.expires_in,
            "scope": "ReadAccounts",
        }
        if self.refresh_expires_in is not None and form["grant_type"] != "client_credentials":
            body |= {"refresh_token": f"rt-{n}", "refresh_token_expires_in": self.refresh_expires_in}
        return httpx.Response(200, json=body)

    def handle(self, request: httpx.Request) -> httpx.Response:
        if self.delay:
            time.sleep(self.delay)
        return self._answer(request)

    async def handle_async(self, request: httpx.Request) -> httpx.Response:
        if self.delay:
            await asyncio.sleep(self.delay)
        return self._answer(request)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def async_transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle_async)

    @property
    def grant_types(self) -> list[str]:
        return [grant["grant_type"] for grant in self.grants]
