"""generator.import_order: the import blocks it writes are the ones ruff's isort rules would write,
whatever order the template gave them in, and a block of a shape it does not handle is left alone."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from generator.import_order import order_imports, sorted_block
from tests.generator.ruffed import ruffed

# Every shape our templates write: future, standard library, third party and relative sections;
# `import M` and `import M as A`; several names, aliases, CONSTANTS, Classes and functions; natural
# order of numbered names; relative levels; a statement past the line length.
TOP = [
    "from __future__ import annotations",
    "import datetime",
    "import json as _json",
    "from collections.abc import Mapping",
    "from typing import TYPE_CHECKING, Any, TypeVar, cast",
    "from http import HTTPStatus",
    "import httpx",
    "from attrs import define as _attrs_define",
    "from attrs import field as _attrs_field",
    "from grantwire_core.runtime import transport",
    "from ... import errors",
    "from ...client import AuthenticatedClient, Client",
    "from ...types import UNSET, Response, Unset",
    "from ..models.type_10 import Type10",
    "from ..models.type_2 import Type2",
    "from .errors import FieldError, ParseError, UnknownEnumValueError, ResponseValidationError, "
    "check_request, RequestValidationError, MissingFieldError",
    "from . import types",
]
TYPE_CHECKING_BLOCK = [
    "    from ..models.token_error import TokenError",
    "    from ..models.Token_Alias import TokenAlias",
    "    from ..models.a_b import AB",
]


def _module(top: list[str], nested: list[str]) -> str:
    head = '"""A generated module."""\n\n'
    body = "\n".join(top) + "\n\nif TYPE_CHECKING:\n" + "\n".join(nested) + "\n\n\n"
    bound = [name for line in [*top, *nested] if "__future__" not in line for name in _bound(line)]
    uses = "".join(f"    print({name})\n" for name in bound)
    return head + body + f"def use() -> None:\n{uses}"


def _bound(line: str) -> list[str]:
    """The names an import statement binds."""
    statement = line.strip()
    if statement.startswith("import "):
        return [statement.split()[-1]]
    names = statement.split(" import ", 1)[1].split(",")
    return [name.split(" as ")[-1].strip() for name in names]


@pytest.mark.parametrize("seed", range(5))
def test_any_template_order_comes_out_as_ruff_writes_it(tmp_path: Path, seed: int) -> None:
    shuffled = random.Random(seed)
    top = [TOP[0], *shuffled.sample(TOP[1:], len(TOP) - 1)]
    nested = shuffled.sample(TYPE_CHECKING_BLOCK, len(TYPE_CHECKING_BLOCK))
    text = _module(top, nested)
    ordered = order_imports(text)
    assert ordered != text  # something was out of order, so the test says something
    # ruff finds nothing more to do, and what it makes of the unordered text is what we wrote.
    assert ruffed(tmp_path, ordered) == ordered
    assert ruffed(tmp_path, text) == ordered


def test_a_module_already_in_order_is_unchanged(tmp_path: Path) -> None:
    text = ruffed(tmp_path, _module(TOP, TYPE_CHECKING_BLOCK))
    assert order_imports(text) == text


@pytest.mark.parametrize(
    "line",
    [
        "from .errors import FieldError  # a comment ruff keeps beside its name",
        "from .errors import (FieldError, ParseError)",
        "from .errors import FieldError as FieldError",
    ],
)
def test_a_block_of_another_shape_is_left_as_it_is(line: str) -> None:
    lines = ["import json", line, "import datetime"]
    assert sorted_block(lines) is None
    text = '"""m."""\n\n' + "\n".join(lines) + "\n\nX = 1\n"
    assert order_imports(text) == text


def test_a_module_without_imports_is_unchanged() -> None:
    text = '"""Only a docstring."""\n\nX = 1\n'
    assert order_imports(text) == text
