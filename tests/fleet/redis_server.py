"""A real Redis server for the tests: Debian's ``redis-server`` on a free loopback port, with its
data in a temporary folder (append-only file on, so a restart keeps the stored token), stopped
after. ``.ci/run`` installs it; without it the Redis tests skip and say so (and fail under CI)."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

BINARY = shutil.which("redis-server") or shutil.which("valkey-server")


def require_redis() -> str:
    if BINARY is None:
        if os.environ.get("CI") or os.environ.get("GRANTWIRE_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed (.ci/run installs it with apt-get)")
        pytest.skip("redis-server is not installed: `apt-get install redis-server` to run the Redis tests")
    return BINARY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """One redis-server process; ``restart()`` stops it and starts it again on the same port."""

    def __init__(self, directory: Path, password: str = "redis-pass-for-tests") -> None:
        self.binary = require_redis()
        self.directory = directory
        self.port = free_port()
        self.password = password
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--dir", str(self.directory),
            "--appendonly", "yes", "--save", "", "--requirepass", self.password, "--daemonize", "no",
        ]  # fmt: skip
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as connection:
                    connection.sendall(f"AUTH {self.password}\r\nPING\r\n".encode())
                    if b"PONG" in connection.recv(64):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process = None

    def restart(self, down_for: float = 0.5) -> None:
        self.stop()
        time.sleep(down_for)
        self.start()


@contextmanager
def running_redis(directory: Path) -> Iterator[RedisServer]:
    """A started server, stopped when the block ends (the tests' ``redis_server`` fixtures)."""
    server = RedisServer(directory)
    server.start()
    try:
        yield server
    finally:
        server.stop()
