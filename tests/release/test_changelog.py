"""Changelog entries written from the plan: a new entry, and an unreleased one a person edited."""

from __future__ import annotations

from pathlib import Path

from release.changelog import changelog_path, with_entry, write_entry
from release.changes import added, removed
from release.clients import select
from release.plan import Plan

ROOT = Path(__file__).resolve().parents[2]
RELEASED = """# Changelog: grantwire-ringcentral

Newest first.

## 0.1.0

- First version.
"""


def ringcentral_plan() -> Plan:
    (ringcentral,) = select(["ringcentral"], ROOT)
    changes = (removed("removed operation revokeToken (POST /restapi/oauth/revoke)"), added("added field X.y"))
    return Plan(ringcentral, "0.1.0", "tag grantwire-ringcentral-v0.1.0", "minor", "0.2.0", changes)


def test_a_new_entry_goes_above_the_last_release() -> None:
    assert with_entry(RELEASED, ringcentral_plan()) == RELEASED.replace(
        "## 0.1.0\n",
        "## 0.2.0 (unreleased)\n\n"
        "- Removed operation revokeToken (POST /restapi/oauth/revoke).\n"
        "- Added field X.y.\n\n"
        "## 0.1.0\n",
    )


def test_an_edited_unreleased_entry_keeps_its_words_and_gains_only_what_it_lacks() -> None:
    edited = RELEASED.replace(
        "## 0.1.0\n",
        "## 0.1.1 (unreleased)\n\n- Removed operation revokeToken (POST /restapi/oauth/revoke).\n"
        "- Revoking is now done by expiry: see the README.\n\n## 0.1.0\n",
    )
    once = with_entry(edited, ringcentral_plan())
    assert once == edited.replace("## 0.1.1 (unreleased)", "## 0.2.0 (unreleased)").replace(
        "see the README.\n", "see the README.\n- Added field X.y.\n"
    )
    assert with_entry(once, ringcentral_plan()) == once  # running it again changes nothing


def test_an_entry_still_marked_unreleased_for_the_last_release_is_not_written_into() -> None:
    stale = RELEASED.replace("## 0.1.0\n", "## 0.1.0 (unreleased)\n")
    assert with_entry(stale, ringcentral_plan()).startswith(
        "# Changelog: grantwire-ringcentral\n\nNewest first.\n\n## 0.2.0 (unreleased)\n\n"
        "- Removed operation revokeToken (POST /restapi/oauth/revoke).\n- Added field X.y.\n\n"
        "## 0.1.0 (unreleased)\n\n- First version.\n"
    )


def test_nothing_to_say_leaves_the_file_alone(tmp_path: Path) -> None:
    plan = ringcentral_plan()
    quiet = Plan(plan.distribution, "0.1.0", plan.where, "none", "0.1.0", ())
    path = changelog_path(plan.distribution, tmp_path)
    path.parent.mkdir(parents=True)
    path.write_text(RELEASED, encoding="utf-8")
    assert write_entry(quiet, tmp_path) is None
    assert write_entry(plan, tmp_path) == path
    assert path.read_text(encoding="utf-8").startswith(
        "# Changelog: grantwire-ringcentral\n\nNewest first.\n\n## 0.2.0 ("
    )


def test_the_core_changelog_lives_in_core() -> None:
    (core,) = select(["core"], ROOT)
    assert changelog_path(core, ROOT) == ROOT / "core" / "CHANGELOG.md"
    assert changelog_path(ringcentral_plan().distribution, ROOT) == (
        ROOT / "clients" / "grantwire-ringcentral" / "grantwire_ringcentral" / "lib" / "CHANGELOG.md"
    )
