"""A socket server on loopback that misbehaves the way networks and proxies do.

Each connection reads the request (headers and ``Content-Length`` body), then acts out one
``Behaviour``: answer slowly byte by byte, close or reset the connection, send a body that does not
match its headers, or bytes that are not HTTP at all. The tests point real clients at it; nothing
here is a mock of httpx.
"""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Behaviour = Callable[[socket.socket], None]


def _read_request(conn: socket.socket) -> None:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = 0
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(body) < length:
        chunk = conn.recv(65536)
        if not chunk:
            return
        body += chunk


def response(status: int, body: bytes, content_type: str = "application/json", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status} X", f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    lines += [f"{name.replace('_', '-')}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


def answer(raw: bytes) -> Behaviour:
    return lambda conn: conn.sendall(raw)


def trickle(raw: bytes, *, every: float, head: int | None = None, sent: list[int] | None = None) -> Behaviour:
    """Send the first ``head`` bytes at once (default: the headers), then one byte every ``every`` s;
    ``sent`` gets, per connection, how many bytes went out before the client hung up."""
    split = raw.index(b"\r\n\r\n") + 4 if head is None else head

    def act(conn: socket.socket) -> None:
        count = 0
        try:
            conn.sendall(raw[:split])
            count = split
            for byte in raw[split:]:
                time.sleep(every)
                conn.sendall(bytes([byte]))
                count += 1
        finally:
            if sent is not None:
                sent.append(count)

    return act


def close_after(raw: bytes) -> Behaviour:
    """Send ``raw`` (maybe nothing), then close cleanly: a truncated or missing response."""
    return lambda conn: conn.sendall(raw) if raw else None


def reset() -> Behaviour:
    """Close with a TCP reset (SO_LINGER 0), as a crashing proxy does."""

    def act(conn: socket.socket) -> None:
        conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    return act


class MisbehavingServer:
    """Serves ``behaviour`` to every connection until the ``running()`` block ends."""

    def __init__(self, behaviour: Behaviour) -> None:
        self.behaviour = behaviour
        self.connections = 0
        self.url = ""

    @contextmanager
    def running(self) -> Iterator[MisbehavingServer]:
        listener = socket.create_server(("127.0.0.1", 0))
        listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{listener.getsockname()[1]}"
        stop = threading.Event()
        workers: list[threading.Thread] = []

        def serve(conn: socket.socket) -> None:
            with conn:
                try:
                    _read_request(conn)
                    self.behaviour(conn)
                except OSError:
                    pass  # the client gave up (the test's point, often)

        def accept() -> None:
            while not stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    continue
                self.connections += 1
                worker = threading.Thread(target=serve, args=(conn,), daemon=True)
                workers.append(worker)
                worker.start()

        acceptor = threading.Thread(target=accept, daemon=True)
        acceptor.start()
        try:
            yield self
        finally:
            stop.set()
            acceptor.join(timeout=5)
            listener.close()
            for worker in workers:
                worker.join(timeout=5)
