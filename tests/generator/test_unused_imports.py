"""generator.unused_imports: what it leaves out of a module, ruff would have removed anyway."""

from __future__ import annotations

from pathlib import Path

from generator.unused_imports import prune_unused_imports
from tests.generator.ruffed import ruffed

MODULE = '''"""A generated module."""
from __future__ import annotations

from typing import Any, TypeVar, cast
from attrs import define as _attrs_define
from .errors import FieldError, ParseError
from .errors import ParseError
from .types import UNSET as UNSET

T = TypeVar("T", bound="Thing")


@_attrs_define
class Thing:
    def parse(self, value: Any) -> None:
        raise ParseError("no")
'''


def test_unused_and_repeated_names_are_dropped_and_the_rest_kept() -> None:
    pruned = prune_unused_imports(MODULE)
    assert "from typing import Any, TypeVar\n" in pruned  # cast is never mentioned
    assert "from .errors import ParseError\n" in pruned  # FieldError unused
    assert pruned.count("ParseError\n") == 1  # the second import of it is gone
    assert "from .types import UNSET as UNSET\n" in pruned  # an explicit re-export stays
    assert "from __future__ import annotations\n" in pruned


def test_ruff_makes_the_same_module_of_the_pruned_text(tmp_path: Path) -> None:
    (tmp_path / "stock").mkdir()
    (tmp_path / "pruned").mkdir()
    assert ruffed(tmp_path / "pruned", prune_unused_imports(MODULE)) == ruffed(tmp_path / "stock", MODULE)


def test_imports_after_the_first_statement_and_in_docstrings_are_left_alone() -> None:
    text = '"""Example:\nfrom os import path\n"""\nX = 1\nfrom os import sep\n'
    assert prune_unused_imports(text) == text
