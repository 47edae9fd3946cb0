"""Dropping, before ruff sees a module, the names its leading imports bring in that its code never
mentions.

Upstream's templates and ours import everything a module might use (``_FIELD_HELPERS`` goes into
every model and endpoint) and leave ruff's unused-import fix (F401) to remove the rest: on OpenAI's
document that is 37,000 removals, which ruff makes over several lint-and-fix rounds, three times
what the rest of its work costs. A name that occurs nowhere in the module's code after its imports
cannot be used by it, so leaving it out when the file is written gives ruff nothing to remove there
and the same module after ``ruff check --fix`` and ``ruff format``. Everything this cannot be sure
of is left to ruff: a name that occurs anywhere (a docstring, an attribute), an import after the
first statement that is not one, a parenthesised or plain ``import``, an explicit re-export
(``a as a``), ``__future__``, and whole ``__init__.py`` modules (F401 does not fix them).
"""

from __future__ import annotations

import re

_IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
# One single-line `from MODULE import NAMES` statement, unindented, without parentheses or a comment.
_FROM_IMPORT = re.compile(r"from (?P<module>[\w.]+) import (?P<names>[\w ,]+)")
_IMPORT = re.compile(r"import [\w.]+( as \w+)?")


def prune_unused_imports(text: str) -> str:
    """``text`` (a module's source) without the imported names its code never mentions, and
    without a name imported again from the module it was already imported from."""
    lines = text.split("\n")
    start, end = _import_region(lines)
    candidates = [index for index in range(start, end) if _FROM_IMPORT.fullmatch(lines[index])]
    if not candidates:
        return text
    mentioned = set(_IDENTIFIER.findall("\n".join(lines[end:])))
    pruned = False
    imported: set[tuple[str, str]] = set()
    for index in candidates:
        match = _FROM_IMPORT.fullmatch(lines[index])
        assert match is not None
        if match["module"] == "__future__":
            continue
        names = [name.strip() for name in match["names"].split(",")]
        kept = [name for name in names if _bound_name(name) is None or _bound_name(name) in mentioned]
        # The same name from the same module again binds nothing new (ruff's F811 would remove it).
        kept = [name for name in kept if (match["module"], name) not in imported or " " in name]
        imported.update((match["module"], name) for name in kept)
        if len(kept) == len(names):
            continue
        pruned = True
        lines[index] = f"from {match['module']} import {', '.join(kept)}" if kept else ""
    return "\n".join(lines) if pruned else text


def _bound_name(imported: str) -> str | None:
    """The name ``imported`` (``a`` or ``a as b``) binds, or None for what must be kept as is."""
    parts = imported.split()
    if len(parts) == 1 and parts[0].isidentifier():
        return parts[0]
    if len(parts) == 3 and parts[1] == "as" and parts[0] != parts[2]:  # `a as a` is a re-export
        return parts[2]
    return None


def _import_region(lines: list[str]) -> tuple[int, int]:
    """The range of lines holding the module's leading imports: after its leading comments and
    docstring, up to its first line that is not an import, a comment or blank."""
    index = 0
    while index < len(lines) and (not lines[index].strip() or lines[index].startswith("#")):
        index += 1
    if index < len(lines) and lines[index].startswith(('"""', "'''")):
        quote = lines[index][:3]
        closed = lines[index].count(quote) >= 2
        index += 1
        while not closed and index < len(lines):
            closed = quote in lines[index]
            index += 1
    start = index
    while index < len(lines):
        line = lines[index]
        is_import = _FROM_IMPORT.fullmatch(line) or _IMPORT.fullmatch(line)
        if line.strip() and not line.startswith("#") and not is_import:
            break
        index += 1
    return start, index
