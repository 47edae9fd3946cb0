"""python -m generator: drift check, determinism, and one clear line for bad input."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.manifest import load_manifest
from generator.pipeline import build_client
from generator.tree import differing_files

ROOT = Path(__file__).resolve().parents[2]
GENERATED = ROOT / "clients"


def run_module(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *arguments], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_committed_generated_tree_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    # The drift check: CI fails here when someone edits clients/ or forgets to regenerate.
    assert main(["--check"]) == 0, capsys.readouterr().err


def test_generation_is_byte_for_byte_deterministic(tmp_path: Path) -> None:
    for client in load_manifest().clients:
        first, second = tmp_path / f"{client.name}-1", tmp_path / f"{client.name}-2"
        build_client(client, first)
        build_client(client, second)
        assert differing_files(first, second) == []


def test_hand_edit_in_generated_fails_the_check_and_names_the_file_and_the_fix(tmp_path: Path) -> None:
    copy = tmp_path / "clients"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    edited = copy / "grantwire-usegrant" / "grantwire_usegrant" / "models" / "token.py"
    edited.write_text(edited.read_text() + "# a hand edit\n")
    (copy / "grantwire-usegrant" / "grantwire_usegrant" / "extra.py").write_text("")

    completed = run_module("--check", "--output", str(copy), "usegrant")

    assert completed.returncode == 1
    assert "grantwire-usegrant/grantwire_usegrant/models/token.py (differs)" in completed.stderr
    assert "grantwire-usegrant/grantwire_usegrant/extra.py (should not exist)" in completed.stderr
    assert "Run `nox -s generate`" in completed.stderr


def test_the_check_and_a_regeneration_leave_a_packages_lib_alone(tmp_path: Path) -> None:
    copy = tmp_path / "clients"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))
    lib = copy / "grantwire-usegrant" / "grantwire_usegrant" / "lib"
    edited = lib / "tokens.py"
    edited.write_text(edited.read_text() + "# a hand edit, where hand edits belong\n")
    added = lib / "notes.py"
    added.write_text('"""A module of our own."""\n')

    checked = run_module("--check", "--output", str(copy), "usegrant")
    assert checked.returncode == 0, checked.stderr

    forced = run_module("--force", "--output", str(copy), "usegrant")
    assert forced.returncode == 0, forced.stderr
    assert edited.read_text().endswith("# a hand edit, where hand edits belong\n")
    assert added.read_text() == '"""A module of our own."""\n'


def test_a_run_with_nothing_changed_skips_rendering_but_a_hand_edit_is_repaired(tmp_path: Path) -> None:
    copy = tmp_path / "clients"
    shutil.copytree(GENERATED, copy, ignore=shutil.ignore_patterns("__pycache__"))

    unchanged = run_module("--output", str(copy), "usegrant")
    assert unchanged.returncode == 0, unchanged.stderr
    assert "grantwire-usegrant: unchanged, inputs as recorded" in unchanged.stdout

    edited = copy / "grantwire-usegrant" / "grantwire_usegrant" / "models" / "token.py"
    original = edited.read_text()
    edited.write_text(original + "# a hand edit\n")
    repaired = run_module("--output", str(copy), "usegrant")
    assert "grantwire-usegrant: 1 file(s) changed" in repaired.stdout
    assert edited.read_text() == original

    forced = run_module("--force", "--output", str(copy), "usegrant")
    assert "grantwire-usegrant: unchanged (" in forced.stdout  # rendered, then nothing to write


def test_generate_into_an_output_folder_creates_installable_trees(tmp_path: Path) -> None:
    completed = run_module("--output", str(tmp_path), "usegrant", "docusign")

    assert completed.returncode == 0, completed.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["grantwire-docusign", "grantwire-usegrant"]
    assert differing_files(GENERATED / "grantwire-docusign", tmp_path / "grantwire-docusign") == []
    for name in ("pyproject.toml", "README.md", "generation.json", "grantwire_usegrant/py.typed"):
        assert (tmp_path / "grantwire-usegrant" / name).is_file()


def test_unknown_client_is_one_line_without_traceback() -> None:
    completed = run_module("stripe")

    assert completed.returncode == 2
    assert completed.stderr == "error: unknown client 'stripe'; choose from: docusign, ringcentral, usegrant\n"


def broken_manifest(tmp_path: Path, spec_text: str) -> Path:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "broken.yaml").write_text(spec_text)
    manifest = tmp_path / "generator" / "clients.toml"
    manifest.parent.mkdir()
    manifest.write_text(
        '[clients.broken]\nspec = "specs/broken.yaml"\ndistribution = "grantwire-broken"\n'
        'package = "grantwire_broken"\nversion = "0.1.0"\ncore = ">=0.1.0,<0.2"\n'
    )
    return manifest


@pytest.mark.parametrize(
    ("spec_text", "message"),
    [
        ("openapi: 3.1.0\ninfo: {title: t\n", "Invalid YAML"),
        (
            "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /x:\n    get:\n      responses:\n"
            "        '200': {description: ok, content: {application/json: {schema: {$ref: '#/x/Nope'}}}}\n",
            "cannot be generated faithfully",
        ),
        ("openapi: 3.1.0\ninfo: {version: '1'}\npaths: {/x: {}}\n", "spec specs/broken.yaml:"),
    ],
)
def test_broken_spec_is_one_clear_line(tmp_path: Path, spec_text: str, message: str) -> None:
    completed = run_module("--manifest", str(broken_manifest(tmp_path, spec_text)), "--output", str(tmp_path / "out"))

    assert completed.returncode == 2
    assert completed.stderr.startswith("error: ")
    assert message in completed.stderr
    assert "Traceback" not in completed.stderr
    assert completed.stderr.count("\n") == 1
    assert not (tmp_path / "out").exists()
