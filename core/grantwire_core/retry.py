"""When and how long to wait before trying a request again.

One ``RetryPolicy`` serves sync and async calls alike. Its clock, sleep and random source are
fields, so tests (and callers with their own event loop tooling) can replace them.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from ._internal.records import FrozenRecord

#: Statuses that say "try again later" without the request having had an effect.
RETRY_STATUSES = frozenset({408, 429, 502, 503, 504})


def _require(condition: bool, name: str, rule: str, value: object) -> None:
    if not condition:
        raise ValueError(f"RetryPolicy.{name} {rule}, got {value!r}")


async def _asyncio_sleep(seconds: float) -> None:
    # asyncio is imported on the first async retry, not with the package: it costs ~10 ms.
    import asyncio

    await asyncio.sleep(seconds)


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


# The default random source under another name: inside RetryPolicy's body, ``random`` is its field.
_random = random.random


# A frozen dataclass whose methods are written out, so that importing it compiles nothing (see
# FrozenRecord): every client imports it.
@dataclass(init=False, repr=False, eq=False)
class RetryPolicy(FrozenRecord):
    """Retries with capped exponential backoff and jitter, honouring ``Retry-After``.

    Retried: connection failures, read/write timeouts and the statuses in ``retry_statuses``. A
    request that carries a single-use credential (authorization code, device code, OTP, IVR PIN)
    is retried only after a connection failure, when it cannot have reached the server.

    The n-th retry waits ``min(backoff_max, backoff_initial * backoff_multiplier ** (n - 1))``,
    of which a random fraction up to ``jitter`` is taken off, or what ``Retry-After`` asks, capped at
    ``retry_after_max`` seconds.
    """

    max_retries: int = 2
    """Retries after the first attempt (0: none)."""
    backoff_initial: float = 0.5
    backoff_multiplier: float = 2.0
    backoff_max: float = 8.0
    jitter: float = 0.5
    retry_after_max: float = 60.0
    retry_statuses: frozenset[int] = RETRY_STATUSES
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    async_sleep: Callable[[float], Awaitable[None]] = field(default=_asyncio_sleep, repr=False, compare=False)
    """How an async call waits between attempts (tests pass their own)."""
    clock: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)
    utc_now: Callable[[], dt.datetime] = field(default=_utc_now, repr=False, compare=False)
    """The current time, for a ``Retry-After`` given as an HTTP date."""
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    """A number in [0, 1): which fraction of the jitter is taken off a wait."""

    def __init__(
        self,
        max_retries: int = 2,
        backoff_initial: float = 0.5,
        backoff_multiplier: float = 2.0,
        backoff_max: float = 8.0,
        jitter: float = 0.5,
        retry_after_max: float = 60.0,
        retry_statuses: frozenset[int] = RETRY_STATUSES,
        sleep: Callable[[float], None] = time.sleep,
        async_sleep: Callable[[float], Awaitable[None]] = _asyncio_sleep,
        clock: Callable[[], float] = time.monotonic,
        utc_now: Callable[[], dt.datetime] = _utc_now,
        random: Callable[[], float] = _random,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "max_retries", max_retries)
        set_field(self, "backoff_initial", backoff_initial)
        set_field(self, "backoff_multiplier", backoff_multiplier)
        set_field(self, "backoff_max", backoff_max)
        set_field(self, "jitter", jitter)
        set_field(self, "retry_after_max", retry_after_max)
        set_field(self, "retry_statuses", retry_statuses)
        set_field(self, "sleep", sleep)
        set_field(self, "async_sleep", async_sleep)
        set_field(self, "clock", clock)
        set_field(self, "utc_now", utc_now)
        set_field(self, "random", random)
        self.__post_init__()

    def __post_init__(self) -> None:
        _require(self.max_retries >= 0, "max_retries", "must be 0 or more", self.max_retries)
        _require(self.backoff_initial >= 0, "backoff_initial", "must be 0 or more", self.backoff_initial)
        _require(self.backoff_multiplier >= 1, "backoff_multiplier", "must be 1 or more", self.backoff_multiplier)
        _require(self.backoff_max >= 0, "backoff_max", "must be 0 or more", self.backoff_max)
        _require(0 <= self.jitter <= 1, "jitter", "must be between 0 and 1", self.jitter)
        _require(self.retry_after_max >= 0, "retry_after_max", "must be 0 or more", self.retry_after_max)

    def backoff(self, retry: int) -> float:
        """Seconds before the ``retry``-th retry (1-based) when the server gave no ``Retry-After``."""
        ceiling = min(self.backoff_max, self.backoff_initial * self.backoff_multiplier ** (retry - 1))
        return ceiling * (1 - self.jitter * self.random())

    def delay(self, retry: int, retry_after: str | None) -> float:
        """Seconds to wait before retry number ``retry`` (from 1), given the ``Retry-After`` header."""
        asked = parse_retry_after(retry_after, now=self.utc_now)
        if asked is not None:
            return min(asked, self.retry_after_max)
        return self.backoff(retry)


#: A policy that never retries.
NO_RETRIES = RetryPolicy(max_retries=0)


def parse_retry_after(value: str | None, *, now: Callable[[], dt.datetime] = _utc_now) -> float | None:
    """``Retry-After`` in seconds from now: delta-seconds or an HTTP date (RFC 9110 §10.2.3)."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    import email.utils  # only when a server sends a date: not worth its import time up front

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return max(0.0, (when - now()).total_seconds())


__all__ = ["NO_RETRIES", "RETRY_STATUSES", "RetryPolicy", "parse_retry_after"]
