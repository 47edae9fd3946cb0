"""Which bump a change asks for, and the version it gives: semver, with breaking changes below 1.0
going into the minor version."""

from __future__ import annotations

import pytest
from packaging.version import Version

from release.changes import Impact
from release.plan import bump_for, next_version


@pytest.mark.parametrize(
    ("impact", "released", "bump", "next_"),
    [
        (Impact.BREAKING, "1.4.2", "major", "2.0.0"),
        (Impact.BREAKING, "0.4.2", "minor", "0.5.0"),  # semver's 0.x rule
        (Impact.ADDITION, "1.4.2", "minor", "1.5.0"),
        (Impact.ADDITION, "0.4.2", "minor", "0.5.0"),
        (Impact.PATCH, "1.4.2", "patch", "1.4.3"),
        (Impact.PATCH, "0.1", "patch", "0.1.1"),
        (Impact.NONE, "1.4.2", "none", "1.4.2"),
    ],
)
def test_bump_and_next_version(impact: Impact, released: str, bump: str, next_: str) -> None:
    assert bump_for(impact, Version(released)) == bump
    assert next_version(released, bump) == next_
