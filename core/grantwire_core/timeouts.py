"""How long a call may take: a connect timeout per attempt and a total deadline per call."""

from __future__ import annotations

from dataclasses import dataclass

import httpx


@dataclass(frozen=True)
class Timeouts:
    """``connect``: seconds to establish a connection, per attempt.
    ``total``: seconds for the whole call, every attempt and every backoff included; each attempt's
    read, write and pool timeouts are what is left of it.
    """

    connect: float = 5.0
    total: float = 30.0

    def __post_init__(self) -> None:
        for name in ("connect", "total"):
            value = getattr(self, name)
            if not (isinstance(value, int | float) and value > 0):
                raise ValueError(f"Timeouts.{name} must be a positive number of seconds, got {value!r}")

    def for_attempt(self, remaining: float) -> httpx.Timeout:
        return httpx.Timeout(remaining, connect=min(self.connect, remaining))


__all__ = ["Timeouts"]
