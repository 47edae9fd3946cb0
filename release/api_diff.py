"""What changed between two versions of a package's public Python API, read by griffe.

Breaking changes are griffe's own (``griffe.find_breaking_changes``: a public object removed, a
parameter removed or made required, an incompatible type); additions are the public names and the
function parameters the new version has and the old one has not. Both packages are read from source
without importing them, so an old release needs nothing installed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import griffe

from release.changes import Change, added, narrowed, removed
from release.errors import ReleaseRefused

# griffe counts a changed value of any module attribute as breaking; ours are version strings and
# constants (VERSION, API_VERSION, __version__) that change with every release, and what a changed
# enum value means on the wire is the OpenAPI diff's to say.
_IGNORED = frozenset({griffe.BreakageKind.ATTRIBUTE_CHANGED_VALUE})


def load_package(package: str, search_path: Path) -> griffe.Object | griffe.Alias:
    """``package`` as found in the folder ``search_path``, from its source only."""
    try:
        return griffe.load(package, search_paths=[search_path], allow_inspection=False, resolve_aliases=False)
    except (ImportError, griffe.GriffeError) as error:
        raise ReleaseRefused(f"cannot read the API of {package} in {search_path}: {error}") from None


def api_changes(old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias) -> list[Change]:
    """Breaking changes and additions from ``old`` to ``new``, strongest first."""
    breakages = (_from_breakage(breakage) for breakage in griffe.find_breaking_changes(old, new))
    changes = [change for change in breakages if change is not None]
    old_names, new_names = public_names(old), public_names(new)
    changes.extend(added(f"added {path}") for path in new_names.keys() - old_names.keys())
    for path in new_names.keys() & old_names.keys():
        changes.extend(_added_parameters(path, old_names[path], new_names[path]))
    return sorted(set(changes), key=lambda change: (-change.impact, change.text))


def _from_breakage(breakage: griffe.Breakage) -> Change | None:
    if breakage.kind in _IGNORED:
        return None
    text = f"{breakage.kind.value.lower()}: {breakage.obj.path}"
    if breakage.kind is griffe.BreakageKind.OBJECT_REMOVED:
        return removed(f"removed {breakage.obj.path}")
    if breakage.kind in {griffe.BreakageKind.PARAMETER_REMOVED, griffe.BreakageKind.PARAMETER_ADDED_REQUIRED}:
        parameter = getattr(breakage.old_value, "name", None) or getattr(breakage.new_value, "name", "?")
        text = f"{breakage.kind.value.lower()}: {breakage.obj.path}({parameter})"
    return narrowed(text)


def public_names(root: griffe.Object | griffe.Alias) -> dict[str, griffe.Object | griffe.Alias]:
    """Every public object under ``root`` by its path: modules, classes, functions, attributes and
    the names a module re-exports (aliases are listed, not followed)."""
    return dict(_walk(root))


def _walk(parent: griffe.Object | griffe.Alias) -> Iterator[tuple[str, griffe.Object | griffe.Alias]]:
    for member in parent.members.values():
        if not member.is_public:
            continue
        yield member.path, member
        if not member.is_alias and (member.is_module or member.is_class):
            yield from _walk(member)


def _added_parameters(
    path: str, old: griffe.Object | griffe.Alias, new: griffe.Object | griffe.Alias
) -> Iterator[Change]:
    if not (isinstance(old, griffe.Function) and isinstance(new, griffe.Function)):
        return
    old_parameters = {parameter.name for parameter in old.parameters}
    for parameter in new.parameters:
        # A new required parameter is already one of griffe's breakages.
        if parameter.name not in old_parameters and not parameter.required:
            yield added(f"added parameter {parameter.name} to {path}")
