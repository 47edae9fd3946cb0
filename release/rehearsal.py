"""A release rehearsed against a real package index: pypiserver on loopback, then a user's install.

1. pypiserver on a free loopback port serving a temporary folder, with no fallback to PyPI;
   the third-party dependencies are mirrored into it, so installs need no other index.
2. grantwire-core, then every client, is built, checked and published through ``release.publish``
   (a temporary lock).
3. A fresh virtualenv installs each client with ``--index-url`` pointed at the server only (so
   grantwire-core comes from there too), imports it and makes one call through a
   ``MockTransport`` (release/smoke.py): it runs on httpx2, and httpx is not installed. A second
   virtualenv takes the documented fallback (httpx 0.28, grantwire installed with ``--no-deps``)
   and makes the same calls on httpx, without httpx2.
4. The release plan read from that index finds nothing to bump (``nox -s release-plan --
   --index-url``, end to end).
5. Publishing the same versions again must be refused.
The server is stopped in every case.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import tomllib

from generator.manifest import CORE_DISTRIBUTION
from release.artifacts import build, check
from release.clients import ROOT, Distribution
from release.errors import ReleaseRefused
from release.plan import plan_releases
from release.publish import publish

SMOKE = Path(__file__).with_name("smoke.py")
# Only the index named on the command line: no user or site pip configuration.
_ISOLATED_PIP = {"PIP_CONFIG_FILE": os.devnull, "PIP_NO_INPUT": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}


def rehearse(distributions: list[Distribution]) -> None:
    with tempfile.TemporaryDirectory(prefix="grantwire-rehearsal-") as scratch:
        work = Path(scratch)
        packages, dist_dir, lock_path = work / "packages", work / "dist", work / "releases.toml"
        packages.mkdir()
        _mirror_dependencies(distributions, packages)
        for d in distributions:
            check(build(d, dist_dir))
        with pypiserver(packages) as url:
            os.environ.setdefault("TWINE_USERNAME", "rehearsal")
            os.environ.setdefault("TWINE_PASSWORD", "rehearsal")
            publish(distributions, dist_dir, url, lock_path)
            _plan_against(distributions, url)
            _install_and_call(distributions, url, work / "fresh")
            try:
                publish(distributions, dist_dir, url, lock_path)
            except ReleaseRefused as refusal:
                if "already exists" not in str(refusal):
                    raise
                print(f"second publish refused, as it must be:\n{refusal}")
            else:
                raise ReleaseRefused("the second publish of the same versions was not refused")


def _plan_against(distributions: list[Distribution], url: str) -> None:
    """The release plan read from the index just published to: the same code, so nothing to bump."""
    plans = plan_releases(distributions, ROOT, f"{url}/simple/")
    print("\n".join(p.line() for p in plans))
    changed = [p.line() for p in plans if p.bump != "none" or p.released != p.distribution.version]
    if changed:
        raise ReleaseRefused("the plan against the index just published to is not empty:\n" + "\n".join(changed))


@contextlib.contextmanager
def pypiserver(packages: Path) -> Iterator[str]:
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    command = [
        sys.executable, "-m", "pypiserver", "run", "--interface", "127.0.0.1", "--port", str(port),
        "--authenticate", ".", "--passwords", ".", "--disable-fallback", str(packages),
    ]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_for(url + "/simple/", process)
        yield url
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def _mirror_dependencies(distributions: list[Distribution], packages: Path) -> None:
    # grantwire-core is not mirrored: the rehearsal publishes it, and clients must find it there.
    projects = [tomllib.loads((d.directory / "pyproject.toml").read_text())["project"] for d in distributions]
    requirements = sorted(
        {
            requirement
            for project in projects
            # The dependencies, and core's [httpx] extra for the fallback install.
            for requirement in [*project["dependencies"], *project.get("optional-dependencies", {}).get("httpx", [])]
            if not requirement.startswith(CORE_DISTRIBUTION)
        }
    )
    _run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--quiet",
            "--only-binary=:all:",
            "--dest",
            str(packages),
            *requirements,
        ]
    )


def _install_and_call(distributions: list[Distribution], url: str, venv: Path) -> None:
    python = _fresh_venv(venv)
    pip = _pip(python, url)
    # The clients alone: each pulls the grantwire-core its range allows from the same index.
    names = [f"{d.distribution}=={d.version}" for d in distributions if not d.is_core]
    _run([*pip, *names], env=_ISOLATED_PIP)
    _expect_libraries(python, present="httpx2", absent="httpx")
    _smoke(python, distributions)

    # The fallback: an environment that cannot take httpx2 brings httpx and installs with --no-deps.
    python = _fresh_venv(venv.with_name(venv.name + "-httpx"))
    pip = _pip(python, url)
    core = next(d for d in distributions if d.is_core)
    core_project = tomllib.loads((core.directory / "pyproject.toml").read_text())["project"]
    others = [r for r in core_project["dependencies"] if not r.startswith("httpx2")]
    _run([*pip, *core_project["optional-dependencies"]["httpx"], *others], env=_ISOLATED_PIP)
    _run([*pip, "--no-deps", f"{core.distribution}=={core.version}", *names], env=_ISOLATED_PIP)
    _expect_libraries(python, present="httpx", absent="httpx2")
    _smoke(python, distributions)


def _pip(python: str, url: str) -> list[str]:
    return [python, "-m", "pip", "install", "--quiet", "--no-cache-dir", "--index-url", f"{url}/simple/"]


def _fresh_venv(venv: Path) -> str:
    _run([sys.executable, "-m", "venv", str(venv)])
    return str(venv / "bin" / "python")


def _expect_libraries(python: str, *, present: str, absent: str) -> None:
    check = (
        "import importlib.util as u; "
        f"assert u.find_spec({present!r}) and not u.find_spec({absent!r}), "
        f"[u.find_spec({present!r}), u.find_spec({absent!r})]"
    )
    _run([python, "-c", check], env=_ISOLATED_PIP)


def _smoke(python: str, distributions: list[Distribution]) -> None:
    for d in distributions:
        print(_run([python, str(SMOKE), d.name], env=_ISOLATED_PIP).strip())


def _wait_for(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise ReleaseRefused(f"pypiserver exited with {process.returncode}:\n{stderr}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=1):
            return
        time.sleep(0.2)
    raise ReleaseRefused(f"pypiserver did not answer on {url}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], env: dict[str, str] | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False, env={**os.environ, **(env or {})})
    if result.returncode != 0:
        raise ReleaseRefused(f"`{' '.join(command[:4])} …` failed:\n{(result.stdout + result.stderr).strip()}")
    return result.stdout
