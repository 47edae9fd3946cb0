"""docs/errors.md draws the exception hierarchy and lists the token command's exit codes by hand;
both are checked against the code, so the page cannot drift from what a call raises."""

from __future__ import annotations

import importlib
import pkgutil
import re
from types import ModuleType

import grantwire_core
import grantwire_docusign.tokens
from grantwire_core.vendor_kit.cli import EXIT_CODES

from tests.readme.blocks import ROOT

PAGE = ROOT / "docs" / "errors.md"


def _homes() -> list[ModuleType]:
    """Every public module of grantwire-core, and Docusign's tokens (its consent error)."""
    names = [info.name for info in pkgutil.walk_packages(grantwire_core.__path__, "grantwire_core.")]
    public = [name for name in names if not any(part.startswith("_") for part in name.split("."))]
    return [importlib.import_module(name) for name in public] + [grantwire_docusign.tokens]


_TREE_LINE = re.compile(r"^(?P<indent> *)\* (?P<names>(?:`\w+`(?:, )?)+)")


def _drawn() -> dict[str, str | None]:
    """Each class the page's tree names, with the class it is drawn under (None for the root)."""
    parents: dict[str, str | None] = {}
    stack: list[tuple[int, str]] = []
    tree = PAGE.read_text(encoding="utf-8").split("## The hierarchy", 1)[1].split("\n## ", 1)[0]
    for line in tree.splitlines():
        found = _TREE_LINE.match(line)
        if found is None:
            continue
        depth = len(found["indent"])
        while stack and stack[-1][0] >= depth:
            stack.pop()
        names = re.findall(r"`(\w+)`", found["names"])
        for name in names:
            parents[name] = stack[-1][1] if stack else None
        stack.append((depth, names[0]))
    return parents


def _classes() -> dict[str, type[BaseException]]:
    found: dict[str, type[BaseException]] = {}
    for module in _homes():
        for name, value in vars(module).items():
            if isinstance(value, type) and issubclass(value, grantwire_core.GrantwireError):
                found[name] = value
    return found


def test_each_class_is_drawn_under_its_parent() -> None:
    classes = _classes()
    for name, parent in _drawn().items():
        assert name in classes, f"docs/errors.md draws {name}, which grantwire does not define"
        if parent is None:
            assert classes[name] is grantwire_core.GrantwireError
        else:
            assert classes[parent] in classes[name].__bases__, f"{name} is drawn under {parent}"


def test_every_class_is_drawn_but_the_oauth_combinations() -> None:
    # OAuthBadRequestError and its siblings are OAuthError mixed into one family class each: the
    # page says so in a sentence instead of drawing eight of them.
    combined = {name for name, value in _classes().items() if len(value.__bases__) == 2 and name.startswith("OAuth")}
    assert set(_classes()) - combined == set(_drawn())


def test_the_exit_code_table_is_the_commands() -> None:
    text = PAGE.read_text(encoding="utf-8").split("## Exit codes of the token command", 1)[1]
    rows = re.findall(r"^\| (\d+) \| ([^|]+) \| `?(\w*)`?", text, re.M)
    table = {int(code): (meaning.strip(), raised) for code, meaning, raised in rows}
    assert {code: meaning for code, (meaning, _) in table.items() if code not in (0, 2)} == {
        code: meaning for _, code, meaning in EXIT_CODES
    }
    assert {code: raised for code, (_, raised) in table.items() if raised} == {
        code: kind.__name__ for kind, code, _ in EXIT_CODES
    }
