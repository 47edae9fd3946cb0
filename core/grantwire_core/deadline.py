"""Holding a call to its total deadline while a response body arrives.

httpx bounds each wait for data by the read timeout, so a server that sends one byte just inside
it can stretch a body for as long as it likes. While a body is read, the connection's socket is
watched here: one daemon thread for the whole process looks at the calls in flight every
``TICK`` seconds and shuts down the socket of any call whose deadline has passed, which ends the
blocked read at once (sync and async alike); the transport then raises ``RequestTimeout``.

Registering a call is a dictionary insert and a delete, so the common case (a small body that is
already in the buffer) pays almost nothing; the thread stops after a while without calls.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from typing import Any, Protocol


class Shutdownable(Protocol):
    """A socket, or asyncio's TransportSocket wrapper around one (what anyio hands out)."""

    def shutdown(self, how: int, /) -> None: ...


#: How often the watchdog looks; a trickling body ends at most about this long after its deadline.
TICK = 0.025
#: The watchdog thread ends after this long with nothing to watch (it starts again when needed).
IDLE_EXIT = 10.0


class _Watchdog:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watched: dict[int, tuple[float, Shutdownable]] = {}
        self._thread: threading.Thread | None = None
        self._next = 0

    def watch(self, deadline: float, sock: Shutdownable) -> int:
        """Shut ``sock`` down if it is still watched at ``deadline`` (``time.monotonic()`` seconds)."""
        with self._lock:
            self._next += 1
            key = self._next
            self._watched[key] = (deadline, sock)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="grantwire-deadline", daemon=True)
                self._thread.start()
        return key

    def release(self, key: int) -> None:
        self._watched.pop(key, None)

    def _run(self) -> None:
        idle_since = time.monotonic()
        while True:
            time.sleep(TICK)
            now = time.monotonic()
            with self._lock:
                due = [key for key, (deadline, _) in self._watched.items() if deadline <= now]
                expired = [self._watched.pop(key)[1] for key in due]
                if self._watched or expired:
                    idle_since = now
                elif now - idle_since >= IDLE_EXIT:
                    self._thread = None
                    return
            for sock in expired:
                # Wakes the read blocked on it with end-of-file; the socket's owner closes it.
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


WATCHDOG = _Watchdog()


def socket_of(extensions: Any) -> Shutdownable | None:
    """The socket under an httpx response (``None`` for transports without one, e.g. MockTransport)."""
    stream = extensions.get("network_stream")
    if stream is None:
        return None
    sock = stream.get_extra_info("socket")
    return sock if hasattr(sock, "shutdown") else None


__all__ = ["TICK", "WATCHDOG", "socket_of"]
