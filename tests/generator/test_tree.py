"""generator.tree: stale files disappear, and differences are listed by kind."""

from __future__ import annotations

from pathlib import Path

from generator.tree import differing_files, list_files, sync_tree


def make_tree(root: Path, files: dict[str, str]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_differences_name_missing_extra_and_changed_files(tmp_path: Path) -> None:
    expected = make_tree(tmp_path / "expected", {"a.py": "a", "pkg/b.py": "b", "pkg/c.py": "c"})
    actual = make_tree(tmp_path / "actual", {"a.py": "a", "pkg/b.py": "B", "pkg/stale.py": "old"})

    assert differing_files(expected, actual) == [
        "pkg/b.py (differs)",
        "pkg/c.py (missing)",
        "pkg/stale.py (should not exist)",
    ]


def test_sync_makes_the_target_equal_and_removes_stale_files_and_folders(tmp_path: Path) -> None:
    source = make_tree(tmp_path / "source", {"a.py": "new", "pkg/b.py": "b"})
    target = make_tree(tmp_path / "target", {"a.py": "old", "gone/x.py": "x", "pkg/__pycache__/b.pyc": ""})

    changes = sync_tree(source, target)

    assert changes == ["a.py (differs)", "gone/x.py (should not exist)", "pkg/b.py (missing)"]
    assert differing_files(source, target) == []
    assert not (target / "gone").exists()
    assert not (target / "pkg" / "__pycache__").exists()


def test_caches_are_not_part_of_a_tree(tmp_path: Path) -> None:
    root = make_tree(tmp_path, {"a.py": "", "__pycache__/a.pyc": "", ".ruff_cache/x": ""})
    assert list(list_files(root)) == ["a.py"]
