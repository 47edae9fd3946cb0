"""The skew check's plan: for each client, the oldest grantwire-core its range allows, built from
the git history of core/ (or from core/ itself when that is the oldest).

A range's lower bound is a promise: every core from there on has what the generated code uses.
Building the oldest allowed core and running the client's tests against it keeps the promise
honest; a bound set too low fails CI instead of a user's install.
"""

from __future__ import annotations

import subprocess
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from release.artifacts import build
from release.clients import ROOT, Distribution, core_distribution
from release.errors import ReleaseRefused
from release.git import git

_INIT = "core/grantwire_core/__init__.py"


def core_history(root: Path = ROOT) -> dict[Version, str | None]:
    """Every grantwire-core version core/ has held, with the newest commit that held it (``None``:
    the working tree's version, built from core/ as it is)."""
    found: dict[Version, str | None] = {Version(core_distribution(root).version): None}
    log = git(root, "log", "--format=%H", "--", _INIT).split()
    for commit in log:  # newest first: the first commit seen for a version is its final state
        text = git(root, "show", f"{commit}:{_INIT}")
        for line in text.splitlines():
            if line.startswith("__version__ = "):
                try:
                    version = Version(line.split("=", 1)[1].strip().strip("\"'"))
                except InvalidVersion:
                    break
                found.setdefault(version, commit)
                break
    return found


def oldest_core(core_range: str, history: dict[Version, str | None]) -> tuple[Version, str | None]:
    allowed = sorted(version for version in history if SpecifierSet(core_range).contains(version, prereleases=True))
    if not allowed:
        known = ", ".join(map(str, sorted(history))) or "none"
        raise ReleaseRefused(f"no grantwire-core version in core/'s history meets {core_range!r} (known: {known})")
    return allowed[0], history[allowed[0]]


def build_core(commit: str | None, out_dir: Path, root: Path = ROOT) -> Path:
    """The wheel of grantwire-core at ``commit`` (``None``: core/ as it is now)."""
    if commit is None:
        return _wheel(build(core_distribution(root), out_dir))
    with tempfile.TemporaryDirectory(prefix="grantwire-skew-") as scratch:
        archive = subprocess.run(
            ["git", "archive", "--format=tar", commit, "core"], cwd=root, capture_output=True, check=True
        ).stdout
        with tarfile.open(fileobj=BytesIO(archive)) as tar:
            tar.extractall(scratch, filter="data")
        old = core_distribution(Path(scratch))
        return _wheel(build(Distribution(old.name, old.distribution, old.package, old.version, old.directory), out_dir))


def plan(distributions: list[Distribution], out_dir: Path) -> list[tuple[str, str, Path]]:
    """(client, core version, core wheel) for every client, building each oldest core once."""
    history = core_history()
    wheels: dict[Version, Path] = {}
    rows = []
    for d in distributions:
        if d.core_range is None:
            continue
        version, commit = oldest_core(d.core_range, history)
        if version not in wheels:
            wheels[version] = build_core(commit, out_dir / str(version))
        rows.append((d.name, str(version), wheels[version]))
    return rows


def _wheel(artifacts: list[Path]) -> Path:
    return next(path for path in artifacts if path.suffix == ".whl")
