"""Runs ``prism mock`` for one spec on a free loopback port, and always stops it.

Prism runs in a process group of its own, so stopping it also stops anything it spawned; the
context manager stops it however the block is left (failure, KeyboardInterrupt included).
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from grantwire_core._internal.http import httpx

STARTUP_SECONDS = 60.0
STOP_SECONDS = 10.0


class PrismStartupError(RuntimeError):
    pass


@dataclass(frozen=True)
class PrismServer:
    url: str
    pid: int


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def prism_mock(prism: Path, spec: Path, log: Path) -> Iterator[PrismServer]:
    port = free_port()
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            [str(prism), "mock", "--host", "127.0.0.1", "--port", str(port), str(spec)],
            stdout=log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            server = PrismServer(url=f"http://127.0.0.1:{port}", pid=process.pid)
            _wait_until_answering(process, server.url, log)
            yield server
        finally:
            stop(process)


def _wait_until_answering(process: subprocess.Popen[bytes], url: str, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise PrismStartupError(f"prism exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        try:
            # Any HTTP answer (a 404 for an unknown path) means the server is up.
            httpx.get(url + "/__grantwire_probe", timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.2)
    raise PrismStartupError(f"prism did not answer on {url} within {STARTUP_SECONDS:.0f}s")


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the whole group, SIGKILL if it lingers; returns once the group is gone."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            continue
        if not group_alive(process.pid):
            return
    process.wait()


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def running_prism_processes(root: Path) -> list[int]:
    """Pids of Prism processes started from this checkout's node_modules (Linux /proc)."""
    marker = str(root / "node_modules")
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if marker in command and "prism" in command:
            found.append(int(entry.name))
    return found
