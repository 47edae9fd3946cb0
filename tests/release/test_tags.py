"""Release tags name what the release workflow builds and publishes, at the version in the source;
the command line that plans and builds from them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from release.__main__ import main
from release.clients import select
from release.errors import ReleaseRefused
from release.last_release import tag_name
from release.tags import tagged

ROOT = Path(__file__).resolve().parents[2]


def test_tags_name_their_distributions_core_first() -> None:
    core, ringcentral = select(["core", "ringcentral"], ROOT)
    tags = [tag_name(ringcentral, ringcentral.version), tag_name(core, core.version)]
    assert [d.name for d in tagged(tags, ROOT)] == ["core", "ringcentral"]


def test_a_tag_with_another_version_than_the_source_is_refused() -> None:
    (usegrant,) = select(["usegrant"], ROOT)
    with pytest.raises(ReleaseRefused) as refused:
        tagged(["grantwire-usegrant-v9.9.9"], ROOT)
    assert str(refused.value) == (
        f"tag grantwire-usegrant-v9.9.9 does not match grantwire-usegrant {usegrant.version} in generator/clients.toml"
    )


def test_a_tag_of_no_distribution_is_refused() -> None:
    with pytest.raises(ReleaseRefused, match=r"^tag v1\.0 names no distribution \(release tags are grantwire-core-v"):
        tagged(["v1.0"], ROOT)


def test_the_plan_command_prints_json_for_the_names_given(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--json", "core", "usegrant"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert [entry["name"] for entry in printed] == ["grantwire-core", "grantwire-usegrant"]
    assert {"released", "released_from", "next", "bump", "version", "changes"} <= set(printed[0])


def test_tag_is_only_for_build(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--tag", "grantwire-core-v0.1.0"]) == 1
    assert capsys.readouterr().err == "error: --tag names what to build: use it with `build` and no names\n"
