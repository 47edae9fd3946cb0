"""Publishing built distributions, after every check that can refuse has passed.

Refusals, all before anything is uploaded: clients/ is stale; a version already exists on the
index; a distribution's code changed since its recorded release while its version did not; a client
requires a grantwire-core range that no version on the index (or published in the same run) meets.
Credentials come from the environment only (TWINE_USERNAME / TWINE_PASSWORD, or a token).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from packaging.specifiers import SpecifierSet
from packaging.version import InvalidVersion, Version

from release import lock
from release.artifacts import artifacts_of
from release.clients import ROOT, Distribution, core_distribution
from release.errors import ReleaseRefused
from release.index import existing_versions, simple_url_for

INDEX_ENV = "GRANTWIRE_INDEX_URL"


def refusals(distributions: list[Distribution], simple_url: str, lock_path: Path) -> list[str]:
    """Every reason not to publish, for all the distributions at once (empty: go ahead)."""
    problems = []
    clients = [d for d in distributions if not d.is_core]
    if clients:
        stale = subprocess.run(
            [sys.executable, "-m", "generator", "--check", *(d.name for d in clients)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        if stale.returncode != 0:
            problems.append(f"clients/ is stale; run `nox -s generate` and commit:\n{stale.stderr.strip()}")
    releases = lock.read(lock_path)
    for d in distributions:
        where = "core/grantwire_core/__init__.py" if d.is_core else "generator/clients.toml"
        if d.version in existing_versions(simple_url, d.distribution):
            problems.append(f"{d.distribution} {d.version} already exists on {simple_url}; bump its version in {where}")
        previous = lock.latest(releases, d.distribution)
        if previous is not None and previous.version == d.version and previous.code_sha256 != d.code_sha256:
            problems.append(
                f"{d.distribution}: the {'' if d.is_core else 'generated '}code changed since {d.version} was "
                "released, but the version did "
                f"not; bump it in {where} and add a changelog entry"
            )
    problems.extend(_unmet_core_ranges(distributions, simple_url))
    return problems


def _unmet_core_ranges(distributions: list[Distribution], simple_url: str) -> list[str]:
    """A client whose grantwire-core range no version on the index, nor the core published in the
    same run, satisfies: its users could not install it."""
    clients = [d for d in distributions if d.core_range is not None]
    if not clients:
        return []
    core = core_distribution()
    available = existing_versions(simple_url, core.distribution)
    if any(d.is_core for d in distributions):
        available.add(core.version)
    versions = []
    for text in available:
        try:
            versions.append(Version(text))
        except InvalidVersion:
            continue
    problems = []
    for d in clients:
        assert d.core_range is not None
        if not any(SpecifierSet(d.core_range).contains(v, prereleases=True) for v in versions):
            shown = ", ".join(sorted(map(str, versions))) or "none"
            problems.append(
                f"{d.distribution} requires {core.distribution}{d.core_range}, which no version on "
                f"{simple_url} meets (it has: {shown}); publish core first (`nox -s publish -- core`)"
            )
    return problems


def publish(distributions: list[Distribution], dist_dir: Path, upload_url: str, lock_path: Path) -> None:
    """Upload each distribution's built files, then record the release."""
    simple_url = simple_url_for(upload_url)
    problems = refusals(distributions, simple_url, lock_path)
    if problems:
        raise ReleaseRefused("refusing to publish, nothing was uploaded:\n- " + "\n- ".join(problems))
    uploads = {d: artifacts_of(d, dist_dir) for d in distributions}
    for d, files in uploads.items():
        result = subprocess.run(
            ["twine", "upload", "--non-interactive", "--disable-progress-bar", "--repository-url", upload_url]
            + [str(path) for path in files],
            capture_output=True,
            text=True,
            check=False,
            env={**os.environ, "TWINE_NON_INTERACTIVE": "1"},
        )
        if result.returncode != 0:
            # twine prints the index's answer; it never echoes the password.
            raise ReleaseRefused(
                f"upload of {d.distribution} {d.version} failed:\n{(result.stdout + result.stderr).strip()}"
            )
        lock.append(lock.Release(d.distribution, d.version, d.code_sha256), lock_path)
        print(f"published {d.distribution} {d.version} to {upload_url}")
