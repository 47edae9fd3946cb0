"""The committed clients/ tree: every file says it is generated, and git knows it too; each
package's hand-owned lib/ is neither headed nor marked generated."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.hand_owned import read_hand_owned
from generator.manifest import ClientEntry, load_manifest
from generator.postprocess import header_text
from generator.provenance import PROVENANCE_FILE, tree_digest
from generator.spec import file_digest
from generator.tree import list_files

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = load_manifest().clients


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_every_generated_file_starts_with_the_header(client: ClientEntry) -> None:
    tree = ROOT / "clients" / client.distribution
    files = list_files(tree, client.hand_owned_prefix)
    assert f"{client.package}/__init__.py" in files
    header = header_text(client)
    for relative, path in files.items():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        if relative == PROVENANCE_FILE:
            assert json.loads(path.read_text())["_generated"] == header
        elif relative == "LICENSE":
            # The licence keeps its exact text: the repository's own.
            assert path.read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text(encoding="utf-8")
        else:
            assert header in first_line, relative


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_hand_owned_code_is_in_lib_and_never_headed(client: ClientEntry) -> None:
    # The generator writes nothing under lib/: no file there carries the "generated" header.
    assert client.lib is not None
    hand_owned = sorted(client.lib.glob("*"))
    assert {path.name for path in hand_owned} >= {"__init__.py", "front_door.py", "tokens.py", "README.md"}
    for path in hand_owned:
        if path.is_file():
            assert header_text(client) not in path.read_text(encoding="utf-8"), path.name


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_no_runtime_module_is_copied_into_a_client(client: ClientEntry) -> None:
    # The runtime lives in grantwire_core; a client holds generated code, glue, one alias module per
    # module of its lib/ (the public path) and its token command.
    package = ROOT / "clients" / client.distribution / client.package
    modules = read_hand_owned(client).modules
    aliases = {f"{module}.py" for module in modules}
    glue = {path.name for path in package.glob("*.py")} - aliases
    assert glue == {"__init__.py", "_package.py", "cli.py", "client.py", "errors.py", "types.py"}
    for alias in aliases:
        # Nothing of the hand-written code is copied: the alias only re-exports lib's module.
        body = (package / alias).read_text(encoding="utf-8")
        assert "\ndef " not in body, alias
        assert "\nclass " not in body, alias
        assert f"from .lib.{alias.removesuffix('.py')} import *" in body, alias
    for name in ("errors.py", "types.py"):
        # Upstream's module names, holding core's classes: nothing is defined again.
        assert "\nclass " not in (package / name).read_text(), name


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_provenance_records_the_inputs_and_the_code_hash(client: ClientEntry) -> None:
    tree = ROOT / "clients" / client.distribution
    record = json.loads((tree / PROVENANCE_FILE).read_text())
    assert record["version"] == client.version
    assert record["spec"] == {"path": client.spec_label, "sha256": file_digest(client.spec)}
    assert record["code_sha256"] == tree_digest(
        tree, exclude=frozenset({PROVENANCE_FILE}), hand_owned=client.hand_owned_prefix
    )


def test_gitattributes_marks_generated_as_generated() -> None:
    lines = (ROOT / ".gitattributes").read_text().splitlines()
    assert "clients/** linguist-generated=true" in lines
    assert "clients/*/*/lib/** -linguist-generated" in lines
