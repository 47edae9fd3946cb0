"""Building a distribution's sdist and wheel, and checking them.

Built without isolation by the pinned hatchling of the session, which writes fixed timestamps
and file order: the same generated code gives the same bytes.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from release.clients import Distribution
from release.errors import ReleaseRefused
from release.metadata import check_metadata


def build(distribution: Distribution, out_dir: Path) -> list[Path]:
    """sdist and wheel of ``distribution`` into ``out_dir``; returns their paths."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="grantwire-build-") as scratch:
        # Build from a copy: hatchling must not see caches or stray files in clients/.
        source = Path(scratch) / distribution.distribution
        shutil.copytree(distribution.directory, source, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        staging = Path(scratch) / "dist"
        _run(
            [
                sys.executable,
                "-m",
                "build",
                "--no-isolation",
                "--sdist",
                "--wheel",
                "--outdir",
                str(staging),
                str(source),
            ]
        )
        built = sorted(staging.iterdir())
        for artifact in built:
            shutil.copy2(artifact, out_dir / artifact.name)
    return [out_dir / artifact.name for artifact in built]


def check(artifacts: list[Path]) -> None:
    """twine's metadata check, check-wheel-contents and our own metadata fields (project links,
    authors, keywords, Typing :: Typed); a failure refuses the release."""
    _run(["twine", "check", "--strict", *map(str, artifacts)])
    wheels = [path for path in artifacts if path.suffix == ".whl"]
    _run(["check-wheel-contents", *map(str, wheels)])
    check_metadata(wheels)


def artifacts_of(distribution: Distribution, out_dir: Path) -> list[Path]:
    prefix = distribution.distribution.replace("-", "_")
    found = sorted(
        path for path in out_dir.glob(f"{prefix}-{distribution.version}*") if path.name.endswith((".whl", ".tar.gz"))
    )
    if len(found) != 2:
        raise ReleaseRefused(
            f"{distribution.distribution} {distribution.version}: expected one sdist and one wheel in {out_dir}, "
            f"found {len(found)}; run `nox -s build -- {distribution.name}` first"
        )
    return found


def remove_previous(distribution: Distribution, out_dir: Path) -> None:
    """Earlier builds of this version, so that ``artifacts_of`` finds exactly the new pair."""
    prefix = distribution.distribution.replace("-", "_")
    for path in out_dir.glob(f"{prefix}-{distribution.version}*"):
        path.unlink()


def _run(command: list[str]) -> None:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        output = (result.stdout + result.stderr).strip()
        raise ReleaseRefused(f"`{' '.join(command[:3])} …` failed:\n{output}")
