"""Reading this repository's git history: one command, its output, or a refusal saying which failed."""

from __future__ import annotations

import subprocess
from pathlib import Path

from release.errors import ReleaseRefused


def git(root: Path, *arguments: str) -> str:
    """The output of ``git ARGUMENTS`` run in ``root``."""
    result = subprocess.run(["git", *arguments], cwd=root, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise ReleaseRefused(f"`git {' '.join(arguments[:2])}` failed: {result.stderr.strip()}")
    return result.stdout
