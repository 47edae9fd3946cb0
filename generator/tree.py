"""Comparing and syncing generated trees.

Upstream clears only ``models/`` and ``api/`` and leaves stale files elsewhere, so we always
generate into a fresh folder and make the committed tree equal to it, file by file. Files under
a hand-owned prefix (a package's ``lib/``) are neither compared nor removed: the generator never
writes them.
"""

from __future__ import annotations

import shutil
from pathlib import Path

_IGNORED_PARTS = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def list_files(root: Path, hand_owned: str | None = None) -> dict[str, Path]:
    """Relative POSIX path → path, for every file under ``root`` except caches and those under the
    ``hand_owned`` prefix."""
    if not root.is_dir():
        return {}
    files = {}
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or _IGNORED_PARTS.intersection(path.relative_to(root).parts):
            continue
        if hand_owned is not None and relative.startswith(hand_owned):
            continue
        files[relative] = path
    return files


def differing_files(expected: Path, actual: Path, hand_owned: str | None = None) -> list[str]:
    """Relative paths that are missing, extra, or different in ``actual`` compared to ``expected``
    (files under the ``hand_owned`` prefix are not compared)."""
    wanted, present = list_files(expected, hand_owned), list_files(actual, hand_owned)
    differences = []
    for relative in sorted(wanted.keys() | present.keys()):
        if relative not in wanted:
            differences.append(f"{relative} (should not exist)")
        elif relative not in present:
            differences.append(f"{relative} (missing)")
        elif wanted[relative].read_bytes() != present[relative].read_bytes():
            differences.append(f"{relative} (differs)")
    return differences


def sync_tree(source: Path, target: Path, hand_owned: str | None = None) -> list[str]:
    """Make ``target`` hold exactly the files of ``source``, leaving those under the ``hand_owned``
    prefix alone; return what changed."""
    changes = differing_files(source, target, hand_owned)
    wanted, present = list_files(source, hand_owned), list_files(target, hand_owned)
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
