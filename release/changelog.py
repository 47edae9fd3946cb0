"""A changelog entry written from the release plan, for a person to edit before the release.

The entry goes where each changelog is written by hand: ``lib/CHANGELOG.md`` in a client's package,
beside its hand-written code (the generator puts it into the distribution as CHANGELOG.md),
``core/CHANGELOG.md`` for the core. It is headed ``## <next> (unreleased)`` and lists each change
of the plan as a bullet. An unreleased entry above the last release already at the top is kept as
the person left it: its heading takes the planned version (unless they chose a higher one), and
only the bullets it lacks are added, so running it again changes nothing.
"""

from __future__ import annotations

import re
from pathlib import Path

from packaging.version import InvalidVersion, Version

from generator.manifest import HAND_OWNED_FOLDER
from release.clients import Distribution
from release.plan import Plan

_ENTRY = re.compile(r"^## (?P<version>\S+)(?P<rest>.*)$", re.MULTILINE)
UNRELEASED = "(unreleased)"


def changelog_path(distribution: Distribution, root: Path) -> Path:
    if distribution.is_core:
        return root / "core" / "CHANGELOG.md"
    return root / "clients" / distribution.distribution / distribution.package / HAND_OWNED_FOLDER / "CHANGELOG.md"


def bullets(plan: Plan) -> list[str]:
    """One Markdown bullet per change, as the plan words it ("- Removed operation …")."""
    return [f"- {change.text[:1].upper()}{change.text[1:]}." for change in plan.changes]


def with_entry(text: str, plan: Plan) -> str:
    """``text`` (a changelog) with the plan's entry at the top; unchanged when there is nothing to add."""
    new = bullets(plan)
    if not new:
        return text
    heading = f"## {plan.next} {UNRELEASED}"
    first = _ENTRY.search(text)
    if first is None:
        return text.rstrip("\n") + f"\n\n{heading}\n\n" + "\n".join(new) + "\n"
    # An unreleased entry for a version above the last release is this release's, being written.
    pending = plan.released is None or _is_higher(first.group("version"), plan.released)
    if UNRELEASED in first.group("rest") and pending:
        if _is_higher(first.group("version"), plan.next):  # a person chose a higher version: keep it
            heading = first.group(0)
        following = _ENTRY.search(text, first.end())
        end = following.start() if following else len(text)
        body = text[first.end() : end]
        missing = [line for line in new if line not in body.splitlines()]
        kept = body.rstrip("\n") or "\n"
        body = kept + "\n" + "".join(f"{line}\n" for line in missing) + ("\n" if following else "")
        return text[: first.start()] + heading + body + text[end:]
    return text[: first.start()] + heading + "\n\n" + "\n".join(new) + "\n\n" + text[first.start() :]


def _is_higher(version: str, than: str) -> bool:
    try:
        return Version(version) > Version(than)
    except InvalidVersion:
        return False


def write_entry(plan: Plan, root: Path) -> Path | None:
    """Write the plan's entry into the distribution's changelog; its path, or None if unchanged."""
    path = changelog_path(plan.distribution, root)
    text = path.read_text(encoding="utf-8") if path.exists() else f"# Changelog: {plan.distribution.distribution}\n"
    updated = with_entry(text, plan)
    if updated == text:
        return None
    path.write_text(updated, encoding="utf-8")
    return path
