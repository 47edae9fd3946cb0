"""What the generator reads from a client's hand-owned folder (``<package>/lib/``), never writes.

The folder holds the vendor's hand-written modules (front door, token source, JWT builder) and the
sources of the client's README quick start and CHANGELOG. The generator reads only facts from it,
without importing it (it imports the package being generated): which modules exist (each gets a
public alias module, ``<package>/<module>.py``), what the front door exports (re-exported by the
package) and which class it is (the ``token`` command's), and the two Markdown sources.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

from generator.manifest import ClientEntry

README_SOURCE = "README.md"
CHANGELOG_SOURCE = "CHANGELOG.md"
_FRONT_DOOR_MODULE = "front_door.py"
_FRONT_DOOR_BASE = "FrontDoor"


@dataclass(frozen=True)
class HandOwned:
    """The facts of one client's hand-owned folder (all empty for a client without one)."""

    modules: tuple[str, ...] = ()  # module names, without ``__init__``
    front_door_exports: tuple[str, ...] = ()  # the front door module's ``__all__``, sorted
    front_door_class: str | None = None  # the class built on grantwire_core's FrontDoor
    readme_intro: str = ""
    changelog: str | None = None


def read_hand_owned(client: ClientEntry) -> HandOwned:
    """The facts of ``client``'s hand-owned folder."""
    lib = client.lib
    if lib is None or not lib.is_dir():
        return HandOwned()
    front_door = lib / _FRONT_DOOR_MODULE
    tree = ast.parse(front_door.read_text(encoding="utf-8")) if front_door.is_file() else None
    return HandOwned(
        modules=tuple(sorted(path.stem for path in lib.glob("*.py") if path.stem != "__init__")),
        front_door_exports=tuple(_exports(tree)) if tree is not None else (),
        front_door_class=_front_door_class(tree) if tree is not None else None,
        readme_intro=_read_or_empty(lib / README_SOURCE),
        changelog=(lib / CHANGELOG_SOURCE).read_text(encoding="utf-8") if (lib / CHANGELOG_SOURCE).is_file() else None,
    )


def _exports(tree: ast.Module) -> list[str]:
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            return sorted(ast.literal_eval(node.value))
    return []


def _front_door_class(tree: ast.Module) -> str | None:
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id == _FRONT_DOOR_BASE for base in node.bases
        ):
            return node.name
    return None


def _read_or_empty(path: Path) -> str:
    return path.read_text(encoding="utf-8") if path.is_file() else ""
