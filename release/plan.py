"""The release plan: for each distribution, its last release, the changes since, and the version
those changes require.

Removed or narrowed is a major bump, added is minor, anything else that changed is a patch. Below
1.0 a breaking change bumps the minor version instead (semver's rule for 0.x: the minor version is
where breaking changes go), so 0.1.0 with a removed operation needs 0.2.0.
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import Version

from generator.spec import load_spec
from release.api_diff import api_changes, load_package
from release.changes import Change, Impact, patched
from release.clients import Distribution
from release.last_release import LastRelease, from_git_tags, from_index, tag_name
from release.spec_diff import spec_changes

BUMPS = ("none", "patch", "minor", "major")
# A version line differs between any two releases: it is not a change of the code.
_VERSION_LINE = re.compile(rb"^(VERSION|__version__) = .*$", re.MULTILINE)
_SHOWN_REASONS = 3


@dataclass(frozen=True)
class Plan:
    distribution: Distribution
    released: str | None  # None: never released
    where: str  # where the last release was read from
    bump: str  # one of BUMPS
    next: str
    changes: tuple[Change, ...]

    @property
    def reasons(self) -> str:
        if self.released is None:
            return f"first release (no earlier release found: {self.where})"
        if not self.changes:
            return "no change"
        shown = "; ".join(change.text for change in self.changes[:_SHOWN_REASONS])
        more = len(self.changes) - _SHOWN_REASONS
        return shown + (f"; and {more} more" if more > 0 else "")

    def line(self) -> str:
        """``<name>: <released> -> <next> (<bump>): <reasons>``."""
        released = self.released or "unreleased"
        return f"{self.distribution.distribution}: {released} -> {self.next} ({self.bump}): {self.reasons}"

    def as_json(self) -> dict[str, Any]:
        return {
            "name": self.distribution.distribution,
            "released": self.released,
            "released_from": self.where,
            "next": self.next,
            "bump": self.bump,
            "version": self.distribution.version,
            "changes": [{"impact": change.impact.name.lower(), "text": change.text} for change in self.changes],
        }

    def refusal(self) -> str | None:
        """Why the distribution's current version may not be released (one line), or None."""
        if Version(self.distribution.version) >= Version(self.next):
            return None
        where = "core/grantwire_core/__init__.py" if self.distribution.is_core else "generator/clients.toml"
        return (
            f"{self.distribution.distribution} {self.distribution.version} is lower than the {self.next} the release "
            f"plan requires ({self.bump} since {self.released}: {self.reasons}); set it in {where}"
        )


def plan_releases(distributions: list[Distribution], root: Path, simple_url: str | None = None) -> list[Plan]:
    """The plan of each distribution against its last release: on the index at ``simple_url``, or
    by default the last git tag of the distribution in ``root``."""
    plans = []
    with tempfile.TemporaryDirectory(prefix="grantwire-plan-") as scratch:
        for d in distributions:
            if simple_url is None:
                last = from_git_tags(d, root, Path(scratch))
                where = f"no tag {tag_name(d, '*')}"
            else:
                last = from_index(d, simple_url, root, Path(scratch))
                where = f"none on {simple_url}"
            plans.append(plan(d, last, where))
    return plans


def plan(distribution: Distribution, last: LastRelease | None, where: str) -> Plan:
    """The plan of ``distribution`` against ``last`` (None: never released; ``where`` says where
    the release was looked for)."""
    if last is None:
        return Plan(distribution, None, where, "none", distribution.version, ())
    changes = changes_since(distribution, last)
    impact = max((change.impact for change in changes), default=Impact.NONE)
    bump = bump_for(impact, Version(last.version))
    return Plan(distribution, last.version, last.where, bump, next_version(last.version, bump), tuple(changes))


def changes_since(distribution: Distribution, last: LastRelease) -> list[Change]:
    """The API diff, the OpenAPI diff for a client, and a patch when only the code changed."""
    # A client's reasons read best in the spec's words: its changes go first at each strength.
    changes = spec_changes(last.spec, _current_spec(distribution)) if last.spec is not None else []
    old = load_package(distribution.package, last.directory)
    new = load_package(distribution.package, distribution.directory)
    changes.extend(api_changes(old, new))
    if not changes and _code_digest(last.directory / distribution.package) != _code_digest(
        distribution.directory / distribution.package
    ):
        changes.append(patched("code changed; the public API and the OpenAPI document did not"))
    return sorted(dict.fromkeys(changes), key=lambda change: -change.impact)


def bump_for(impact: Impact, released: Version) -> str:
    if impact is Impact.BREAKING:
        return "major" if released.major >= 1 else "minor"
    return {Impact.ADDITION: "minor", Impact.PATCH: "patch", Impact.NONE: "none"}[impact]


def next_version(released: str, bump: str) -> str:
    major, minor, patch = [*Version(released).release, 0, 0][:3]
    if bump == "major":
        return f"{major + 1}.0.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0"
    if bump == "patch":
        return f"{major}.{minor}.{patch + 1}"
    return released


def _current_spec(distribution: Distribution) -> dict[str, Any]:
    """The document a client was generated from: the path its generation.json records, relative to
    the repository (clients/<distribution>/ is two levels down)."""
    recorded = json.loads((distribution.directory / "generation.json").read_text(encoding="utf-8"))
    return load_spec(distribution.directory.parents[1] / recorded["spec"]["path"])


def _code_digest(package: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(_VERSION_LINE.sub(b"", path.read_bytes()) + b"\0")
    return digest.hexdigest()
