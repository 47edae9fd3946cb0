"""Holding a call to its total deadline while its response arrives: connect, headers and body.

httpx bounds each wait for data by the read timeout, so a server that sends one byte just inside
it can stretch the status line, the headers or the body for as long as it likes. Two mechanisms
stop that:

- Every ``httpx`` client grantwire uses (built or given, ``bound_by_deadline``) has its connection
  pools' network backend wrapped: each connect, read and write of a call waits at most until the
  call's deadline (``CALL_DEADLINE``, set by the transport for the call), whatever the timeout
  httpx asks for. A trickle ends with a timeout right at the deadline, headers or body, sync or
  async, on a new or a reused connection. Outside a grantwire call the wrapper changes nothing.
- Transports without such a pool (an ``httpx.MockTransport``, a transport of your own) are still
  bounded while the body is read: the connection's socket is watched. One daemon thread for the
  whole process looks at the calls in flight every ``TICK`` seconds and shuts down the socket of
  any call whose deadline has passed, which ends the blocked read at once; the transport then
  raises ``RequestTimeout``.

Both cost a call almost nothing: a context variable set and reset, one subtraction per read, a
dictionary insert and delete; the thread stops after a while without calls.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterable
from contextvars import ContextVar
from typing import Any, Protocol

#: The ``time.monotonic()`` second by which the call in progress (in this thread or task) must end.
CALL_DEADLINE: ContextVar[float | None] = ContextVar("grantwire_call_deadline", default=None)
# The wait asked of a socket once the deadline has passed: it times out at once, and the transport
# then sees that the deadline, not the read timeout, ended the call.
_PAST = 1e-4


def bounded(timeout: float | None) -> float | None:
    """``timeout``, shortened to what is left of the call's deadline (``CALL_DEADLINE``)."""
    deadline = CALL_DEADLINE.get()
    if deadline is None:
        return timeout
    left = max(deadline - time.monotonic(), _PAST)
    return left if timeout is None or left < timeout else timeout


class _BoundedStream:
    """An httpcore network stream whose every wait ends by the call's deadline."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = self._stream.read(max_bytes, bounded(timeout))
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, bounded(timeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None) -> Any:
        return _BoundedStream(self._stream.start_tls(ssl_context, server_hostname, bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _BoundedAsyncStream:
    """``_BoundedStream`` for httpcore's async streams (the deadline is the task's own)."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        data: bytes = await self._stream.read(max_bytes, bounded(timeout))
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        await self._stream.write(buffer, bounded(timeout))

    async def aclose(self) -> None:
        await self._stream.aclose()

    async def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> Any:
        return _BoundedAsyncStream(await self._stream.start_tls(ssl_context, server_hostname, bounded(timeout)))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _BoundedBackend:
    """An httpcore network backend whose connections are ``_BoundedStream``s."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _BoundedStream:
        return _BoundedStream(self.backend.connect_tcp(host, port, bounded(timeout), local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _BoundedStream:
        return _BoundedStream(self.backend.connect_unix_socket(path, bounded(timeout), socket_options))

    def sleep(self, seconds: float) -> None:
        self.backend.sleep(seconds)


class _BoundedAsyncBackend:
    """``_BoundedBackend`` for httpcore's async backends."""

    def __init__(self, backend: Any) -> None:
        self.backend = backend

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> _BoundedAsyncStream:
        stream = await self.backend.connect_tcp(host, port, bounded(timeout), local_address, socket_options)
        return _BoundedAsyncStream(stream)

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> _BoundedAsyncStream:
        return _BoundedAsyncStream(await self.backend.connect_unix_socket(path, bounded(timeout), socket_options))

    async def sleep(self, seconds: float) -> None:
        await self.backend.sleep(seconds)


def bound_by_deadline(client: Any, *, asynchronous: bool) -> None:
    """Wrap the network backend of each connection pool under ``client`` (an httpx2 or httpx
    ``Client``/``AsyncClient``, its default transport and its proxy mounts) so that every wait of a
    grantwire call ends by the call's deadline. These are httpx's and httpcore's private
    attributes: a transport without them (a mock, one of your own) is left as it is, and the
    socket watchdog still bounds its bodies."""
    wrapper = _BoundedAsyncBackend if asynchronous else _BoundedBackend
    transports = [getattr(client, "_transport", None), *getattr(client, "_mounts", {}).values()]
    for transport in transports:
        pool = getattr(transport, "_pool", None)
        backend = getattr(pool, "_network_backend", None)
        if backend is not None and not isinstance(backend, wrapper):
            pool._network_backend = wrapper(backend)  # type: ignore[union-attr]


class Shutdownable(Protocol):
    """A socket, or asyncio's TransportSocket wrapper around one (what anyio hands out)."""

    def shutdown(self, how: int, /) -> None:
        """Shut down reading, writing or both (``socket.SHUT_RD``/``SHUT_WR``/``SHUT_RDWR``)."""
        ...


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


__all__ = ["CALL_DEADLINE", "TICK", "WATCHDOG", "bound_by_deadline", "bounded", "socket_of"]
