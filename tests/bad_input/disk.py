"""What is on disk under a folder, to show that a refused input changed nothing there."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def snapshot(folder: Path) -> dict[str, tuple[str | bytes | None, int]]:
    """Every entry under ``folder``: its bytes (a link's target, ``None`` for a folder or a file
    that cannot be read) and its mode."""
    entries: dict[str, tuple[str | bytes | None, int]] = {}
    for path in sorted(folder.rglob("*")):
        mode = stat.S_IMODE(os.lstat(path).st_mode)
        content: str | bytes | None
        if path.is_symlink():
            content = os.readlink(path)
        elif path.is_dir():
            content = None
        else:
            try:
                content = path.read_bytes()
            except OSError:
                content = None
        entries[str(path.relative_to(folder))] = (content, mode)
    return entries
