"""Which distributions a set of release tags names (``<distribution>-v<version>``), checked against
the versions in the source: the release workflow builds and publishes exactly those."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from release.clients import Distribution, select
from release.errors import ReleaseRefused
from release.last_release import TAG_SEPARATOR, tag_name


def tagged(tags: Sequence[str], root: Path) -> list[Distribution]:
    """The distributions ``tags`` name, core first; refused when a tag names no distribution or a
    version other than the one in the source."""
    distributions = select([], root)
    problems, chosen = [], set()
    for tag in tags:
        named = [d for d in distributions if tag.startswith(d.distribution + TAG_SEPARATOR)]
        if not named:
            known = ", ".join(tag_name(d, "<version>") for d in distributions)
            problems.append(f"tag {tag} names no distribution (release tags are {known})")
        elif tag != tag_name(named[0], named[0].version):
            d = named[0]
            where = "core/grantwire_core/__init__.py" if d.is_core else "generator/clients.toml"
            problems.append(f"tag {tag} does not match {d.distribution} {d.version} in {where}")
        else:
            chosen.add(named[0].name)
    if problems:
        raise ReleaseRefused("\n".join(problems))
    return [d for d in distributions if d.name in chosen]
