"""What is on disk under a folder, to show that a refused input changed nothing there."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[bytes | None, int]]:
    """Every entry under ``folder``: its bytes (``None`` for a folder) and its mode."""
    entries: dict[str, tuple[bytes | None, int]] = {}
    for path in sorted(folder.rglob("*")):
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        entries[str(path.relative_to(folder))] = (None if path.is_dir() else path.read_bytes(), mode)
    return entries
