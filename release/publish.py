"""Publishing built distributions, after every check that can refuse has passed.

Refusals, all before anything is uploaded: generated/ is stale; a version already exists on the
index; a client's generated code changed since its recorded release while its version did not.
Credentials come from the environment only (TWINE_USERNAME / TWINE_PASSWORD, or a token).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from release import lock
from release.artifacts import artifacts_of
from release.clients import ROOT, Distribution
from release.errors import ReleaseRefused
from release.index import existing_versions, simple_url_for

INDEX_ENV = "GRANTWIRE_INDEX_URL"


def refusals(distributions: list[Distribution], simple_url: str, lock_path: Path) -> list[str]:
    """Every reason not to publish, for all the distributions at once (empty: go ahead)."""
    problems = []
    stale = subprocess.run(
        [sys.executable, "-m", "generator", "--check", *(d.name for d in distributions)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if stale.returncode != 0:
        problems.append(f"generated/ is stale; run `nox -s generate` and commit:\n{stale.stderr.strip()}")
    releases = lock.read(lock_path)
    for d in distributions:
        if d.version in existing_versions(simple_url, d.distribution):
            problems.append(
                f"{d.distribution} {d.version} already exists on {simple_url}; "
                "bump its version in generator/clients.toml"
            )
        previous = lock.latest(releases, d.distribution)
        if previous is not None and previous.version == d.version and previous.code_sha256 != d.code_sha256:
            problems.append(
                f"{d.distribution}: the generated code changed since {d.version} was released, but the version did "
                "not; bump it in generator/clients.toml and add a changelog entry"
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
