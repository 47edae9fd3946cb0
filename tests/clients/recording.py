"""A canned-response transport that records what the client sent.

The clients are exercised through their real httpx stack; only the network is replaced.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl

from grantwire_core._internal.http import httpx


@dataclass
class RecordingTransport:
    """Answers every request with ``status`` and ``body`` (JSON), and keeps the requests."""

    status: int = 200
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    requests: list[httpx.Request] = field(default_factory=list)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        return httpx.Response(self.status, json=self.body, headers=self.headers)

    @property
    def last(self) -> httpx.Request:
        assert self.requests, "no request was sent"
        return self.requests[-1]


def form_fields(request: httpx.Request) -> list[tuple[str, str]]:
    """The request's form body as ordered pairs, asserting the form content type."""
    assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    return parse_qsl(request.content.decode(), keep_blank_values=True, strict_parsing=True)


def json_body(request: httpx.Request) -> Any:
    assert request.headers["Content-Type"] == "application/json"
    return json.loads(request.content)
