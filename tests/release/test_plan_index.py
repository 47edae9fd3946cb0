"""The last release read from a real index (the rehearsal's pypiserver on loopback), and the
build refusing a version below the plan."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from release.__main__ import refuse_below_plan
from release.artifacts import build
from release.clients import select
from release.errors import ReleaseRefused
from release.plan import plan_releases
from release.rehearsal import pypiserver
from tests.release.released_repo import edit_spec, released_repo


def remove_created_at(document: Any) -> None:
    del document["components"]["schemas"]["Token"]["properties"]["expiresAt"]


def test_the_last_release_on_an_index_is_its_highest_version(tmp_path: Path) -> None:
    repo = released_repo(tmp_path / "repo")
    packages = tmp_path / "packages"
    for distribution in select(["core", "docusign", "usegrant"], repo):
        build(distribution, packages)
    edit_spec(repo, "usegrant", remove_created_at)

    with pypiserver(packages) as url:
        plans = plan_releases(select([], repo), repo, f"{url}/simple/")

    core, docusign, ringcentral, usegrant = plans
    assert (core.released, core.bump, core.where) == ("0.1.0", "none", f"{url}/simple/")
    # usegrant's released spec, edited since, is found in git by the hash its sdist's generation.json records.
    assert (docusign.released, docusign.bump) == ("0.1.0", "none")
    assert (usegrant.released, usegrant.next, usegrant.bump) == ("0.1.0", "0.2.0", "minor")
    assert "removed field Token.expiresAt" in [change.text for change in usegrant.changes]
    first = "grantwire-ringcentral: unreleased -> 0.1.0 (none): first release (no earlier release found: none on "
    assert ringcentral.line() == f"{first}{url}/simple/)"


def test_the_build_refuses_a_version_below_the_plan(tmp_path: Path) -> None:
    repo = released_repo(tmp_path / "repo")
    edit_spec(repo, "usegrant", remove_created_at)
    refuse_below_plan(select(["core", "docusign"], repo), repo)  # nothing changed there
    with pytest.raises(ReleaseRefused) as refused:
        refuse_below_plan(select(["usegrant"], repo), repo)
    assert str(refused.value) == (
        "grantwire-usegrant 0.1.0 is lower than the 0.2.0 the release plan requires (minor since 0.1.0: "
        "removed field Token.expiresAt); set it in generator/clients.toml"
    )
