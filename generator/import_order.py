"""Writing a generated module's leading imports in the order ruff's isort rules (I001) put them.

Templates emit imports in template order; ruff's ``check --fix`` then sorts every module's imports,
which makes it lint each module at least twice: on OpenAI's document that was a third of its time.
Sorting them when the file is written leaves ruff nothing to fix there. This is only a shortcut:
whatever it does not write exactly as ruff would, ruff still sorts, and its order does not depend
on the order it was given, so the code generated is the same either way. It handles the plain
shapes our templates write (single-line ``import M`` and ``from M import a, b as c``, no comments)
with ruff's defaults: sections future, standard library, third party, local (relative); ``import``
before ``from`` in each; modules in natural, case-insensitive order, nearest-last for relative ones;
names constants, then classes, then the rest; ``as`` names one a statement; a statement past the
line length wrapped one name a line. Anything else in a block leaves that block as it is.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence

from generator.unused_imports import import_region

# The generated pyproject.toml's [tool.ruff] line-length: a longer statement ruff would wrap.
LINE_LENGTH = 120
_FROM = re.compile(r"(?P<indent> *)from (?P<module>\.*[\w.]*) import (?P<names>[\w ,]+)")
_IMPORT = re.compile(r"(?P<indent> *)import (?P<module>[\w.]+)(?: as (?P<alias>\w+))?")
_DIGITS = re.compile(r"(\d+)")
_STDLIB = frozenset(sys.stdlib_module_names)
_FUTURE, _STANDARD, _THIRD_PARTY, _LOCAL = range(4)


def order_imports(text: str) -> str:
    """``text`` (a module's source) with its leading import block, and the ``if TYPE_CHECKING:``
    block right after it, in ruff's order; any block this does not handle is left as it is."""
    lines = text.split("\n")
    start, end = import_region(lines)
    first = next((index for index in range(start, end) if lines[index].strip()), end)
    if first == end or end == len(lines) or any(lines[index].startswith("#") for index in range(first, end)):
        return text
    if lines[end].startswith(("import ", "from ")):
        return text  # the imports go on in a shape this does not read: ruff sorts the whole block
    block = sorted_block(lines[first:end])
    if block is not None:
        # ruff leaves two blank lines before a class or function after the imports, one before anything else.
        trailer = 2 if lines[end].startswith(("class ", "def ", "async def ", "@")) else 1
        lines[first:end] = [*block, *[""] * trailer]
        end = first + len(block) + trailer
    if lines[end] == "if TYPE_CHECKING:":
        nested = end + 1
        while nested < len(lines) and (not lines[nested].strip() or _FROM.fullmatch(lines[nested])):
            nested += 1
        while nested > end + 1 and not lines[nested - 1].strip():
            nested -= 1  # the blank lines after the block stay as they are
        inner = sorted_block(lines[end + 1 : nested]) if nested > end + 1 else None
        if inner is not None and inner[0].startswith(" "):
            lines[end + 1 : nested] = inner
    return "\n".join(lines)


def sorted_block(lines: Sequence[str]) -> list[str] | None:
    """``lines`` (consecutive import statements, blank lines between them allowed, one indentation)
    as ruff writes the block, without its trailing blank lines; None for a block of any other shape."""
    indent: str | None = None
    straight: set[tuple[str, str | None]] = set()
    plain: dict[str, set[str]] = {}
    aliased: set[tuple[str, str, str]] = set()
    for line in lines:
        if not line.strip():
            continue
        match = _FROM.fullmatch(line) or _IMPORT.fullmatch(line)
        if match is None or (indent is not None and match["indent"] != indent):
            return None
        indent = match["indent"]
        module = match["module"]
        if match.re is _IMPORT:
            straight.add((module, match["alias"]))
            continue
        for name in match["names"].split(","):
            parts = name.split()
            if len(parts) == 1 and parts[0].isidentifier():
                plain.setdefault(module, set()).add(parts[0])
            elif len(parts) == 3 and parts[1] == "as" and parts[0].isidentifier() and parts[2].isidentifier():
                if parts[0] == parts[2]:
                    return None  # `a as a` is an explicit re-export ruff keeps as written
                aliased.add((module, parts[0], parts[2]))
            else:
                return None
    if indent is None:
        return None
    sections: dict[int, tuple[list[tuple[object, str]], list[tuple[object, str]]]] = {}
    for module, alias in straight:
        text = f"import {module}" + (f" as {alias}" if alias else "")
        sections.setdefault(_section(module), ([], []))[0].append((_module_key(module, None, alias), text))
    for module, names in plain.items():
        members = sorted(names, key=_member_key)
        text = f"from {module} import {', '.join(members)}"
        sections.setdefault(_section(module), ([], []))[1].append((_module_key(module, members[0], None), text))
    for module, name, alias in aliased:
        text = f"from {module} import {name} as {alias}"
        sections.setdefault(_section(module), ([], []))[1].append((_module_key(module, name, alias), text))
    block: list[str] = []
    for section in sorted(sections):
        if block:
            block.append("")
        for statements in sections[section]:
            for _, text in sorted(statements, key=lambda statement: statement[0]):  # type: ignore[arg-type,return-value]
                block += _wrapped(indent, text)
    return block


def _wrapped(indent: str, statement: str) -> list[str]:
    """``statement`` on one line, or, past the line length, its names one a line in parentheses."""
    if len(indent) + len(statement) <= LINE_LENGTH:
        return [indent + statement]
    head, _, names = statement.partition(" import ")
    return [f"{indent}{head} import (", *(f"{indent}    {name}," for name in names.split(", ")), f"{indent})"]


def _section(module: str) -> int:
    if module.startswith("."):
        return _LOCAL
    top = module.split(".", 1)[0]
    if top == "__future__":
        return _FUTURE
    return _STANDARD if top in _STDLIB else _THIRD_PARTY


def _natural(text: str) -> tuple[tuple[int, int], ...]:
    """Natural order (``type_2`` before ``type_10``), as ruff's natord compares names: a run of digits
    by its value, every other character by its code."""
    key: list[tuple[int, int]] = []
    for index, part in enumerate(_DIGITS.split(text)):
        if index % 2:
            key.append((ord("0"), int(part)))
        else:
            key += [(ord(character), 0) for character in part]
    return tuple(key)


def _member_key(name: str) -> tuple[object, ...]:
    # ruff's order-by-type: CONSTANTS, then Classes, then everything else.
    if len(name) > 1 and name.isupper():
        kind = 0
    elif name[0].isupper():
        kind = 1
    else:
        kind = 2
    return (kind, _natural(name.lower()), _natural(name))


def _module_key(module: str, first_member: str | None, alias: str | None) -> tuple[object, ...]:
    # Relative imports furthest first (`...` before `..` before `.`); a bare `from . import x` first
    # among its level; then the module case-insensitively, its first name, its alias.
    level = len(module) - len(module.lstrip("."))
    name = module[level:]
    return (
        -level,
        bool(name),
        _natural(name.lower()),
        _natural(name),
        _member_key(first_member) if first_member else (),
        _natural(alias) if alias else (),
    )


__all__ = ["LINE_LENGTH", "order_imports", "sorted_block"]
