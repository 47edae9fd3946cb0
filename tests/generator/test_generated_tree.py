"""The committed generated/ tree: every file says it is generated, and git knows it too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.manifest import ClientEntry, load_manifest
from generator.postprocess import VENDOR_MODULES_DIR, copied_header_text, header_text
from generator.provenance import PROVENANCE_FILE, tree_digest
from generator.spec import file_digest
from generator.tree import list_files

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = load_manifest().clients


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_every_generated_file_starts_with_the_header(client: ClientEntry) -> None:
    tree = ROOT / "generated" / client.distribution
    files = list_files(tree)
    assert f"{client.package}/__init__.py" in files
    header = header_text(client)
    vendor_modules = {
        f"{client.package}/{source.name}": source for source in (VENDOR_MODULES_DIR / client.name).glob("*")
    }
    for relative, path in files.items():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        if relative == PROVENANCE_FILE:
            assert json.loads(path.read_text())["_generated"] == header
        elif relative == "LICENSE":
            # The licence keeps its exact text: the repository's own.
            assert path.read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text(encoding="utf-8")
        elif relative in vendor_modules:
            # Hand-written for this vendor: the header says where to edit it.
            assert copied_header_text(client, vendor_modules[relative]) in first_line, relative
        else:
            assert header in first_line, relative


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_no_runtime_module_is_copied_into_a_client(client: ClientEntry) -> None:
    # The runtime lives in grantwire_core; a client holds generated code, glue and its vendor's modules.
    package = ROOT / "generated" / client.distribution / client.package
    vendor_modules = {path.name for path in (VENDOR_MODULES_DIR / client.name).glob("*.py")}
    glue = {path.name for path in package.glob("*.py")} - vendor_modules
    assert glue == {"__init__.py", "_package.py", "client.py", "errors.py", "types.py"}
    for name in ("errors.py", "types.py"):
        # Upstream's module names, holding core's classes: nothing is defined again.
        assert "\nclass " not in (package / name).read_text(), name


@pytest.mark.parametrize("client", CLIENTS, ids=lambda client: client.name)
def test_provenance_records_the_inputs_and_the_code_hash(client: ClientEntry) -> None:
    tree = ROOT / "generated" / client.distribution
    record = json.loads((tree / PROVENANCE_FILE).read_text())
    assert record["version"] == client.version
    assert record["spec"] == {"path": client.spec_label, "sha256": file_digest(client.spec)}
    assert record["code_sha256"] == tree_digest(tree, exclude=frozenset({PROVENANCE_FILE}))


def test_gitattributes_marks_generated_as_generated() -> None:
    lines = (ROOT / ".gitattributes").read_text().splitlines()
    assert "generated/** linguist-generated=true" in lines
