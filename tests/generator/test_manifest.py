"""generator.manifest: the real manifest loads, and every kind of bad entry is named clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GeneratorFailure
from generator.manifest import load_manifest

GOOD_ENTRY = """
[clients.example]
spec = "specs/example.yaml"
distribution = "grantwire-example"
package = "grantwire_example"
version = "1.2.3"
core = ">=0.1.0,<0.2"
"""


def write_manifest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "generator" / "clients.toml"
    path.parent.mkdir()
    path.write_text(text)
    return path


def test_real_manifest_lists_the_three_clients() -> None:
    manifest = load_manifest()
    assert [(c.name, c.distribution, c.package) for c in manifest.clients] == [
        ("docusign", "grantwire-docusign", "grantwire_docusign"),
        ("ringcentral", "grantwire-ringcentral", "grantwire_ringcentral"),
        ("usegrant", "grantwire-usegrant", "grantwire_usegrant"),
    ]
    for client in manifest.clients:
        assert client.spec.is_file()
        assert client.spec == manifest.root / client.spec_label


def test_paths_resolve_against_the_repository_root(tmp_path: Path) -> None:
    manifest = load_manifest(write_manifest(tmp_path, GOOD_ENTRY))
    assert manifest.root == tmp_path
    assert manifest.clients[0].spec == tmp_path / "specs" / "example.yaml"
    assert manifest.clients[0].core_requirement == "grantwire-core>=0.1.0,<0.2"


def test_select_names_the_unknown_client_and_the_choices() -> None:
    with pytest.raises(
        GeneratorFailure, match=r"unknown client 'stripe'; choose from: docusign, ringcentral, usegrant"
    ):
        load_manifest().select(["ringcentral", "stripe"])


def test_select_keeps_order_and_drops_repeats() -> None:
    selected = load_manifest().select(["usegrant", "docusign", "usegrant"])
    assert [client.name for client in selected] == ["usegrant", "docusign"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[clients", "is not valid TOML"),
        ("title = 'x'", r"has no \[clients.<name>\] tables"),
        (GOOD_ENTRY.replace('version = "1.2.3"', ""), r"\[clients.example\] lacks version"),
        (
            GOOD_ENTRY + 'colour = "blue"\n',
            "unknown keys colour; valid keys: spec, distribution, package, version, core",
        ),
        (GOOD_ENTRY.replace('">=0.1.0,<0.2"', '"0.1"'), "core '0.1' is not a version range such as"),
        (GOOD_ENTRY.replace('">=0.1.0,<0.2"', '">=0.1.0"'), "core '>=0.1.0' needs a lower and an upper bound"),
        (GOOD_ENTRY.replace('">=0.1.0,<0.2"', '"<0.2"'), "core '<0.2' needs a lower and an upper bound"),
        (GOOD_ENTRY.replace('"1.2.3"', '"one"'), "version 'one' is not a PEP 440 release version"),
        (GOOD_ENTRY.replace('"1.2.3"', "3"), "version must be a non-empty string"),
        (GOOD_ENTRY.replace('"grantwire_example"', '"Grantwire-Example"'), "is not a lowercase import name"),
        (GOOD_ENTRY.replace('"grantwire-example"', '"example"'), "must be the package name with dashes"),
        (GOOD_ENTRY + GOOD_ENTRY.replace("clients.example", "clients.other"), "share distribution 'grantwire-example'"),
    ],
)
def test_bad_manifest_fails_with_a_clear_message(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(GeneratorFailure, match=message):
        load_manifest(write_manifest(tmp_path, text))


def test_missing_manifest_names_the_path(tmp_path: Path) -> None:
    with pytest.raises(GeneratorFailure, match=r"cannot read manifest .*nowhere\.toml"):
        load_manifest(tmp_path / "nowhere.toml")
