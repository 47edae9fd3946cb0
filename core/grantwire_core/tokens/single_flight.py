"""One renewal at a time per token source, shared by every thread and every event loop of the process.

The first caller to find the token wanting becomes the leader and renews; everyone who asks while
it does waits for the same outcome: threads on a ``threading.Event``, asyncio tasks (on any loop)
on a future of their own loop, resolved from whichever thread or loop the leader runs on. A
failure is shared the same way, so one failing token endpoint costs one request (plus the retry
policy's), not one per waiter; the next caller after it starts a new attempt.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    import asyncio

T = TypeVar("T")


class Flight(Generic[T]):
    """The outcome of one renewal, awaited by every caller that arrived while it ran."""

    __slots__ = ("_done", "_error", "_lock", "_result", "_waiters")

    def __init__(self) -> None:
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._result: T | None = None
        self._error: BaseException | None = None
        self._waiters: list[tuple[asyncio.AbstractEventLoop, asyncio.Future[None]]] = []

    def succeed(self, result: T) -> None:
        """End the flight with ``result``: every waiter gets it."""
        self._result = result
        self._finish()

    def fail(self, error: BaseException) -> None:
        """End the flight with ``error``: every waiter raises it."""
        self._error = error
        self._finish()

    def wait(self) -> T:
        """The leader's result, or its exception raised here too (a thread's wait)."""
        self._done.wait()
        return self._outcome()

    async def wait_async(self) -> T:
        """The same, for an asyncio task on any event loop."""
        import asyncio

        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        with self._lock:
            if not self._done.is_set():
                self._waiters.append((loop, future))
            else:
                future.set_result(None)
        await future
        return self._outcome()

    def _finish(self) -> None:
        with self._lock:
            self._done.set()
            waiters, self._waiters = self._waiters, []
        for loop, future in waiters:
            # A loop closed meanwhile (RuntimeError) has nobody left waiting on it.
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(_resolve, future)

    def _outcome(self) -> T:
        if self._error is not None:
            raise self._error
        assert self._result is not None
        return self._result


def _resolve(future: asyncio.Future[None]) -> None:
    if not future.done():  # a waiter cancelled meanwhile has nothing to resolve
        future.set_result(None)


class SingleFlight(Generic[T]):
    """Elects one leader per renewal: ``join()`` returns ``(flight, True)`` to the caller that must
    renew (and later ``land()`` it) and ``(flight, False)`` to everyone who should wait on it."""

    __slots__ = ("_current", "_lock")

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._current: Flight[T] | None = None

    def join(self) -> tuple[Flight[T], bool]:
        """The flight in progress and False, or a new one and True: its caller must end it."""
        with self._lock:
            if self._current is not None:
                return self._current, False
            flight = self._current = Flight()
            return flight, True

    def land(self, flight: Flight[T]) -> None:
        """Forget ``flight`` once it has ended, so the next ``join`` starts a new one."""
        with self._lock:
            if self._current is flight:
                self._current = None


__all__ = ["Flight", "SingleFlight"]
