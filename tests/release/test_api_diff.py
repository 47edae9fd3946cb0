"""The Python API diff on small packages read by griffe from source."""

from __future__ import annotations

from pathlib import Path

import pytest

from release.api_diff import api_changes, load_package
from release.changes import Impact
from release.errors import ReleaseRefused

RELEASED = '''
"""A package."""

__all__ = ["Grant", "token"]
VERSION = "1.0.0"


class Grant:
    """A grant."""

    def __init__(self, code: str) -> None:
        self.code = code


def token(grant: Grant, scope: str = "") -> str:
    """A token."""
    return grant.code + scope
'''


def package(root: Path, source: str) -> Path:
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text(source, encoding="utf-8")
    return root


def changes(tmp_path: Path, new_source: str) -> list[tuple[Impact, str]]:
    old = load_package("pkg", package(tmp_path / "old", RELEASED))
    new = load_package("pkg", package(tmp_path / "new", new_source))
    return [(change.impact, change.text) for change in api_changes(old, new)]


def test_the_same_source_has_no_changes_even_with_another_version_string(tmp_path: Path) -> None:
    assert changes(tmp_path, RELEASED.replace('"1.0.0"', '"1.1.0"')) == []


def test_a_removed_parameter_and_a_parameter_now_required_are_breaking(tmp_path: Path) -> None:
    narrowed = RELEASED.replace('def token(grant: Grant, scope: str = "")', "def token(scope: str)")
    assert changes(tmp_path, narrowed) == [
        (Impact.BREAKING, "parameter is now required: pkg.token"),
        (Impact.BREAKING, "parameter was removed: pkg.token(grant)"),
        (Impact.BREAKING, "positional parameter was moved: pkg.token"),
    ]


def test_new_public_names_and_optional_parameters_are_additions(tmp_path: Path) -> None:
    widened = RELEASED.replace('"token"]', '"token", "revoke"]').replace(
        'scope: str = "")', 'scope: str = "", audience: str | None = None)'
    )
    widened += '\n\ndef revoke(grant: Grant) -> None:\n    """Revoke."""\n'
    assert changes(tmp_path, widened) == [
        (Impact.ADDITION, "added parameter audience to pkg.token"),
        (Impact.ADDITION, "added pkg.revoke"),
    ]


def test_a_package_that_is_not_there_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReleaseRefused, match=r"^cannot read the API of pkg in "):
        load_package("pkg", tmp_path)
