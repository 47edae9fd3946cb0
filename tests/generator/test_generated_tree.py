"""The committed generated/ tree: every file says it is generated, and git knows it too."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.manifest import ClientEntry, load_manifest
from generator.postprocess import header_text
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
    for relative, path in files.items():
        first_line = path.read_text(encoding="utf-8").splitlines()[0]
        if relative == PROVENANCE_FILE:
            assert json.loads(path.read_text())["_generated"] == header
        else:
            assert header in first_line, relative


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
