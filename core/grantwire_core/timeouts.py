"""How long a call may take: a connect timeout per attempt and a total deadline per call."""

from __future__ import annotations

from dataclasses import dataclass

from ._internal.http import httpx
from ._internal.records import FrozenRecord


# A frozen dataclass whose methods are written out, so that importing it compiles nothing (see
# FrozenRecord): every client imports it.
@dataclass(init=False, repr=False, eq=False)
class Timeouts(FrozenRecord):
    """``connect``: seconds to establish a connection, per attempt.
    ``total``: seconds for the whole call, every attempt and every backoff included; each attempt's
    read, write and pool timeouts are what is left of it.
    """

    connect: float = 5.0
    total: float = 30.0

    def __init__(self, connect: float = 5.0, total: float = 30.0) -> None:
        object.__setattr__(self, "connect", connect)
        object.__setattr__(self, "total", total)
        self.__post_init__()

    def __post_init__(self) -> None:
        for name in ("connect", "total"):
            positive_seconds(getattr(self, name), f"Timeouts.{name}")

    def for_attempt(self, remaining: float) -> httpx.Timeout:
        """The timeouts of one attempt, when ``remaining`` seconds are left of the call."""
        return httpx.Timeout(remaining, connect=min(self.connect, remaining))


TimeoutsLike = Timeouts | float | int
"""What a ``timeout=`` argument takes: ``Timeouts``, or a number of seconds for the whole call."""


def positive_seconds(value: object, name: str) -> float:
    """``value`` if it is a positive number of seconds (not a bool, not NaN); ``ValueError`` naming
    ``name`` otherwise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
        raise ValueError(f"{name} must be a positive number of seconds, got {value!r}")
    return float(value)


def as_timeouts(timeout: object, *, where: str = "timeout") -> Timeouts:
    """A ``Timeouts``, or a number of seconds meaning ``Timeouts(total=number)``; anything else is
    refused here, where it was passed, not when the first call is made."""
    if isinstance(timeout, Timeouts):
        return timeout
    if isinstance(timeout, int | float) and not isinstance(timeout, bool):
        return Timeouts(connect=min(Timeouts.connect, timeout) if timeout > 0 else Timeouts.connect, total=timeout)
    raise TypeError(
        f"{where} must be a grantwire Timeouts or a number of seconds for the whole call, got {type(timeout).__name__}"
    )


__all__ = ["Timeouts", "TimeoutsLike", "as_timeouts", "positive_seconds"]
