"""The release plan against real tagged releases: a copy of the repository in a temporary git
repo, changed the way a release changes it, read by griffe and by the OpenAPI diff."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from release.clients import select
from release.plan import Plan, plan_releases
from tests.release.released_repo import commit, edit_spec, git, release_all, released_repo


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    return released_repo(tmp_path / "repo")


def plans_of(repo: Path) -> dict[str, Plan]:
    return {p.distribution.name: p for p in plan_releases(select([], repo), repo)}


def bumps(repo: Path) -> dict[str, str]:
    return {name: p.bump for name, p in plans_of(repo).items()}


def test_nothing_changed_plans_nothing(repo: Path) -> None:
    plans = plans_of(repo)
    assert {name: (p.released, p.next, p.bump) for name, p in plans.items()} == {
        name: ("0.1.0", "0.1.0", "none") for name in ("core", "docusign", "ringcentral", "usegrant")
    }
    assert plans["ringcentral"].line() == "grantwire-ringcentral: 0.1.0 -> 0.1.0 (none): no change"


def remove_revoke(document: Any) -> None:
    del document["paths"]["/restapi/oauth/revoke"]


def test_a_removed_operation_is_breaking_for_that_client_only(repo: Path) -> None:
    edit_spec(repo, "ringcentral", remove_revoke)
    plans = plans_of(repo)
    # Breaking below 1.0 is a minor bump (semver's 0.x rule).
    assert {name: p.bump for name, p in plans.items()} == {
        "core": "none", "docusign": "none", "ringcentral": "minor", "usegrant": "none",
    }  # fmt: skip
    ringcentral = plans["ringcentral"]
    assert ringcentral.next == "0.2.0"
    assert ringcentral.changes[0].text == "removed operation revokeToken (POST /restapi/oauth/revoke)"
    assert ringcentral.line().startswith(
        "grantwire-ringcentral: 0.1.0 -> 0.2.0 (minor): removed operation revokeToken (POST /restapi/oauth/revoke)"
    )


def test_from_1_0_a_removed_operation_is_major(repo: Path) -> None:
    git(repo, "tag", "grantwire-ringcentral-v1.0.0")
    edit_spec(repo, "ringcentral", remove_revoke)
    ringcentral = plans_of(repo)["ringcentral"]
    assert (ringcentral.released, ringcentral.next, ringcentral.bump) == ("1.0.0", "2.0.0", "major")


def add_optional_audience(document: Any) -> None:
    document["components"]["schemas"]["CreateTokenRequest"]["properties"]["audience"] = {"type": "string"}


def test_an_added_optional_field_is_minor(repo: Path) -> None:
    edit_spec(repo, "usegrant", add_optional_audience)
    usegrant = plans_of(repo)["usegrant"]
    assert (usegrant.bump, usegrant.next) == ("minor", "0.2.0")
    assert [change.text for change in usegrant.changes] == ["added field CreateTokenRequest.audience"]
    assert bumps(repo) == {"core": "none", "docusign": "none", "ringcentral": "none", "usegrant": "minor"}


def test_a_new_required_request_field_is_breaking(repo: Path) -> None:
    def add_required_audience(document: Any) -> None:
        add_optional_audience(document)
        document["components"]["schemas"]["CreateTokenRequest"].setdefault("required", []).append("audience")

    edit_spec(repo, "usegrant", add_required_audience)
    usegrant = plans_of(repo)["usegrant"]
    assert usegrant.bump == "minor"  # breaking, below 1.0
    assert [change.text for change in usegrant.changes] == ["added required request field CreateTokenRequest.audience"]


def test_a_removed_enum_value_and_a_new_status(repo: Path) -> None:
    def change(document: Any) -> None:
        document["components"]["schemas"]["Token"]["properties"]["type"]["enum"] = ["Bearer", "MAC"]
        responses = document["paths"]["/v1/providers/{providerId}/clients/{clientId}/tokens"]["post"]["responses"]
        responses["409"] = {"description": "Conflict."}

    edit_spec(repo, "usegrant", change)
    texts = [change.text for change in plans_of(repo)["usegrant"].changes]
    assert texts == [
        "added enum value 'MAC' to Token.type",
        "added status 409 to createToken (POST /v1/providers/{providerId}/clients/{clientId}/tokens)",
    ]


def test_a_description_only_change_is_a_patch(repo: Path) -> None:
    def describe(document: Any) -> None:
        document["paths"]["/v1/providers/{providerId}/clients/{clientId}/tokens"]["post"]["description"] = "New text."

    edit_spec(repo, "usegrant", describe)
    usegrant = plans_of(repo)["usegrant"]
    assert (usegrant.bump, usegrant.next) == ("patch", "0.1.1")


def test_a_docstring_only_change_in_the_core_is_a_patch(repo: Path) -> None:
    errors = repo / "core" / "grantwire_core" / "errors.py"
    text = errors.read_text(encoding="utf-8")
    first_docstring = text.index('"""') + 3
    errors.write_text(text[:first_docstring] + "Reworded. " + text[first_docstring:], encoding="utf-8")
    plans = plans_of(repo)
    assert (plans["core"].bump, plans["core"].next) == ("patch", "0.1.1")
    assert [change.text for change in plans["core"].changes] == [
        "code changed; the public API and the OpenAPI document did not"
    ]
    assert {name: p.bump for name, p in plans.items() if name != "core"} == {
        "docusign": "none", "ringcentral": "none", "usegrant": "none",
    }  # fmt: skip


LEGACY = '\n\ndef legacy_helper(value: int) -> int:\n    """Kept for old callers."""\n    return value\n'


def with_legacy_helper(errors: str) -> str:
    """grantwire_core/errors.py with one more public function, exported through its ``__all__``."""
    return errors.replace("__all__ = [", '__all__ = [\n    "legacy_helper",', 1) + LEGACY


def test_a_public_name_removed_from_the_core_is_breaking_for_the_core_only(repo: Path) -> None:
    errors = repo / "core" / "grantwire_core" / "errors.py"
    released = errors.read_text(encoding="utf-8")
    errors.write_text(with_legacy_helper(released), encoding="utf-8")
    commit(repo, "a release with legacy_helper")
    release_all(repo)
    errors.write_text(released, encoding="utf-8")

    plans = plans_of(repo)
    assert plans["core"].bump == "minor"  # breaking, below 1.0
    assert [change.text for change in plans["core"].changes] == ["removed grantwire_core.errors.legacy_helper"]
    # The clients' code did not change: a core change widens nothing by itself.
    assert {name: p.bump for name, p in plans.items() if name != "core"} == {
        "docusign": "none", "ringcentral": "none", "usegrant": "none",
    }  # fmt: skip


def test_an_added_public_function_and_parameter_are_minor(repo: Path) -> None:
    errors = repo / "core" / "grantwire_core" / "errors.py"
    errors.write_text(with_legacy_helper(errors.read_text(encoding="utf-8")), encoding="utf-8")
    commit(repo, "legacy_helper")
    release_all(repo)
    widened = LEGACY.replace("(value: int)", "(value: int, scale: int = 1)")
    text = errors.read_text(encoding="utf-8").replace(LEGACY, widened)
    errors.write_text(text.replace("__all__ = [", '__all__ = [\n    "LIMIT",', 1) + "\n\nLIMIT = 3\n")
    core = plans_of(repo)["core"]
    assert core.bump == "minor"
    assert [change.text for change in core.changes] == [
        "added grantwire_core.errors.LIMIT",
        "added parameter scale to grantwire_core.errors.legacy_helper",
    ]


def test_the_tag_of_the_commit_being_released_is_not_its_own_baseline(repo: Path) -> None:
    edit_spec(repo, "ringcentral", remove_revoke)
    manifest = repo / "generator" / "clients.toml"
    text = manifest.read_text(encoding="utf-8")
    start = text.index("[clients.ringcentral]")
    manifest.write_text(text[:start] + text[start:].replace('version = "0.1.0"', 'version = "0.2.0"', 1))
    commit(repo, "ringcentral 0.2.0")
    git(repo, "tag", "grantwire-ringcentral-v0.2.0")  # what the release workflow runs on
    ringcentral = plans_of(repo)["ringcentral"]
    assert (ringcentral.released, ringcentral.next, ringcentral.refusal()) == ("0.1.0", "0.2.0", None)


def test_a_version_below_the_plan_is_refused_in_one_line(repo: Path) -> None:
    edit_spec(repo, "ringcentral", remove_revoke)
    refusal = plans_of(repo)["ringcentral"].refusal()
    assert refusal is not None
    assert "\n" not in refusal
    assert refusal.startswith("grantwire-ringcentral 0.1.0 is lower than the 0.2.0 the release plan requires")
    assert "removed operation revokeToken" in refusal
    assert refusal.endswith("set it in generator/clients.toml")


def test_json_carries_every_change(repo: Path) -> None:
    edit_spec(repo, "ringcentral", remove_revoke)
    as_json = plans_of(repo)["ringcentral"].as_json()
    assert as_json["name"] == "grantwire-ringcentral"
    assert (as_json["released"], as_json["next"], as_json["bump"]) == ("0.1.0", "0.2.0", "minor")
    assert as_json["released_from"] == "tag grantwire-ringcentral-v0.1.0"
    assert {"impact": "breaking", "text": "removed operation revokeToken (POST /restapi/oauth/revoke)"} in as_json[
        "changes"
    ]
