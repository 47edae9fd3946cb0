"""python -m generator.document as a user runs it: one ``error:`` line for what it refuses (and
nothing on disk touched), warnings that print values, a report of every fallback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*arguments: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator.document", *map(str, arguments)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def one_error_line(completed: subprocess.CompletedProcess[str]) -> str:
    assert completed.returncode == 2, completed.stderr
    assert completed.stderr.startswith("error: ")
    assert completed.stderr.count("\n") == 1, completed.stderr
    assert "Traceback" not in completed.stderr
    return completed.stderr


def write(path: Path, document: dict[str, Any]) -> Path:
    path.write_text(json.dumps(document))
    return path


AMBIGUOUS: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Shapes", "version": "1"},
    "paths": {},
    "components": {
        "schemas": {
            "A": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "x"}, "a": {}}},
            "B": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "x"}, "b": {}}},
            "Shape": {
                "oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}],
                "discriminator": {"propertyName": "kind"},
            },
        }
    },
}


def test_an_output_path_that_is_a_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "settings.json"
    target.write_text("{}")
    error = one_error_line(run(write(tmp_path / "doc.json", AMBIGUOUS), target))
    assert "is a file" in error
    assert target.read_text() == "{}"


def test_an_existing_folder_needs_overwrite(tmp_path: Path) -> None:
    spec = write(tmp_path / "doc.json", AMBIGUOUS)
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    error = one_error_line(run(spec, out))
    assert "--overwrite" in error
    assert (out / "mine.txt").read_text() == "keep"
    replaced = run(spec, out, "--overwrite")
    assert replaced.returncode == 0, replaced.stderr
    assert not (out / "mine.txt").exists()
    assert (out / "shapes_client" / "__init__.py").is_file()


def test_a_failed_overwrite_leaves_the_folder_as_it_was(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep")
    one_error_line(run(write(tmp_path / "doc.json", {**AMBIGUOUS, "openapi": "4.0"}), out, "--overwrite"))
    assert [path.name for path in out.iterdir()] == ["mine.txt"]


def test_a_union_that_cannot_be_dispatched_falls_back_alone_and_strict_refuses_it(tmp_path: Path) -> None:
    spec = write(tmp_path / "doc.json", AMBIGUOUS)
    completed = run(spec, tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    (warning,) = [line for line in completed.stderr.splitlines() if "/components/schemas/Shape" in line]
    assert warning.startswith("warning: /components/schemas/Shape: kind 'x' selects A and B")
    report = json.loads((tmp_path / "out" / "generation-report.json").read_text())
    assert [fallback["pointer"] for fallback in report["fallbacks"]] == ["/components/schemas/Shape"]

    refused = one_error_line(run(spec, tmp_path / "strict", "--strict"))
    assert "/components/schemas/Shape: kind 'x' selects A and B" in refused
    assert not (tmp_path / "strict").exists()


def test_a_dangling_reference_warning_prints_the_status_code(tmp_path: Path) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "Dangling", "version": "1"},
        "paths": {"/x": {"get": {"responses": {"404": {"$ref": "#/components/responses/Missing"}}}}},
    }
    completed = run(write(tmp_path / "doc.json", document), tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    assert 'status code "404"' in completed.stderr
    assert "object at 0x" not in completed.stderr


def test_upstreams_config_file_is_read(tmp_path: Path) -> None:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Colours", "version": "1"},
        "paths": {},
        "components": {"schemas": {"Colour": {"type": "string", "enum": ["red", "green"]}}},
    }
    config = tmp_path / "config.yml"
    config.write_text("literal_enums: true\nclass_overrides:\n  Colour: {class_name: Hue, module_name: hue}\n")
    completed = run(write(tmp_path / "doc.json", document), tmp_path / "out", "--config", config)
    assert completed.returncode == 0, completed.stderr
    hue = (tmp_path / "out" / "colours_client" / "models" / "hue.py").read_text()
    assert "Hue = Literal[" in hue


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("literal_enums: [\n", "is not valid YAML"),
        ("- a\n", "must be a mapping"),
        ("literal_enums: maybe\n", "literal_enums"),
    ],
)
def test_a_bad_config_file_is_one_error_line(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "config.yml"
    config.write_text(text)
    error = one_error_line(run(write(tmp_path / "doc.json", AMBIGUOUS), tmp_path / "out", "--config", config))
    assert message in error
    assert not (tmp_path / "out").exists()


# What our own clients' files say that does not apply to a client of someone else's document.
OUR_RELEASE_TEXT = ("nox -s generate", "hand-written", "MIT", "Copyright", "grantwire authors", "github.com/grantwire")


def test_a_users_client_carries_none_of_our_release_text(tmp_path: Path) -> None:
    completed = run(write(tmp_path / "doc.json", AMBIGUOUS), tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    out = tmp_path / "out"
    assert not (out / "LICENSE").exists()
    assert not (out / "CHANGELOG.md").exists()
    for path in out.rglob("*"):
        if path.is_file():
            text = path.read_text()
            for ours in OUR_RELEASE_TEXT:
                assert ours not in text, f"{path.relative_to(out)} says {ours!r}"
    readme = (out / "README.md").read_text()
    assert "python -m pip install .\n" in readme
    assert "pip install shapes-client" not in readme
    assert (
        (out / "shapes_client" / "models" / "a.py")
        .read_text()
        .startswith("# Generated from doc.json by grantwire's generator")
    )


def test_a_union_whose_member_upstream_builds_as_no_model_falls_back_alone(tmp_path: Path) -> None:
    # The discriminator decides (each member has its schema name), but one member is a string:
    # no dispatch table can hold it, so this union keeps upstream's parsing, with one warning.
    document = {
        "openapi": "3.1.0",
        "info": {"title": "Mixed", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string"}}},
                "Name": {"type": "string"},
                "Pet": {
                    "oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Name"}],
                    "discriminator": {"propertyName": "kind"},
                },
            }
        },
    }
    spec = write(tmp_path / "doc.json", document)
    completed = run(spec, tmp_path / "out")
    assert completed.returncode == 0, completed.stderr
    (warning,) = [line for line in completed.stderr.splitlines() if "/components/schemas/Pet" in line]
    assert "member Name was generated as StringProperty, not a model class" in warning
    report = json.loads((tmp_path / "out" / "generation-report.json").read_text())
    assert [(f["pointer"], f["scope"]) for f in report["fallbacks"]] == [("/components/schemas/Pet", "union")]
    refused = one_error_line(run(spec, tmp_path / "strict", "--strict"))
    assert "member Name was generated as StringProperty" in refused


def test_a_report_path_that_is_a_folder_is_one_error_line(tmp_path: Path) -> None:
    error = one_error_line(run(write(tmp_path / "doc.json", AMBIGUOUS), tmp_path / "out", "--report", tmp_path))
    assert "cannot write the report" in error
