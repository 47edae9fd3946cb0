"""Comparing and syncing generated trees.

Upstream clears only ``models/`` and ``api/`` and leaves stale files elsewhere, so we always
generate into a fresh folder and make the committed tree equal to it, file by file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

_IGNORED_PARTS = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def list_files(root: Path) -> dict[str, Path]:
    """Relative POSIX path → path, for every file under ``root`` except caches."""
    if not root.is_dir():
        return {}
    return {
        path.relative_to(root).as_posix(): path
        for path in sorted(root.rglob("*"))
        if path.is_file() and not _IGNORED_PARTS.intersection(path.relative_to(root).parts)
    }


def differing_files(expected: Path, actual: Path) -> list[str]:
    """Relative paths that are missing, extra, or different in ``actual`` compared to ``expected``."""
    wanted, present = list_files(expected), list_files(actual)
    differences = []
    for relative in sorted(wanted.keys() | present.keys()):
        if relative not in wanted:
            differences.append(f"{relative} (should not exist)")
        elif relative not in present:
            differences.append(f"{relative} (missing)")
        elif wanted[relative].read_bytes() != present[relative].read_bytes():
            differences.append(f"{relative} (differs)")
    return differences


def sync_tree(source: Path, target: Path) -> list[str]:
    """Make ``target`` hold exactly the files of ``source``; return what changed."""
    changes = differing_files(source, target)
    wanted, present = list_files(source), list_files(target)
    for relative, path in present.items():
        if relative not in wanted:
            path.unlink()
    for relative, path in wanted.items():
        destination = target / relative
        if relative in present and present[relative].read_bytes() == path.read_bytes():
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    _remove_empty_dirs(target)
    return changes


def _remove_empty_dirs(root: Path) -> None:
    for directory in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if directory.name in _IGNORED_PARTS:
            shutil.rmtree(directory)
        elif not any(directory.iterdir()):
            directory.rmdir()
