"""generator.spec: loading YAML and JSON documents, and the errors for files that are not OpenAPI 3.0/3.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.errors import GeneratorFailure
from generator.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["docusign", "ringcentral", "usegrant"])
def test_real_specs_load(name: str) -> None:
    document = load_spec(ROOT / "specs" / f"{name}.yaml")
    assert document["openapi"] == "3.1.0"
    assert document["paths"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("openapi: [3.1.0\n", "Invalid YAML"),
        ("- a list\n", "must be a mapping, not list"),
        ("openapi: 2.0.0\npaths: {/x: {}}\n", "'openapi' is '2.0.0'; the generator reads OpenAPI 3.0.x and 3.1.x"),
        ("swagger: '2.0'\npaths: {/x: {}}\n", "You may be trying to use a Swagger document"),
    ],
)
def test_bad_documents_fail_with_one_clear_message(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(GeneratorFailure, match=message) as caught:
        load_spec(path)
    assert "\n" not in str(caught.value)


def test_missing_spec_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(GeneratorFailure, match=r"cannot read spec .*absent.yaml: No such file"):
        load_spec(tmp_path / "absent.yaml")


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_openapi_30_and_31_documents_load_from_yaml_and_json(tmp_path: Path, version: str) -> None:
    document = {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {"/x": {}}}
    as_json = tmp_path / "doc.json"
    as_json.write_text(json.dumps(document))
    as_yaml = tmp_path / "doc.yaml"
    as_yaml.write_text(f"openapi: {version}\ninfo: {{title: t, version: '1'}}\npaths: {{/x: {{}}}}\n")
    assert load_spec(as_json) == load_spec(as_yaml) == document


def test_bad_json_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "doc.json"
    path.write_text('{"openapi": ')
    with pytest.raises(GeneratorFailure, match=r"doc.json: Invalid JSON: Expecting value"):
        load_spec(path)


def test_yaml_is_read_by_the_c_parser_when_installed() -> None:
    # The generator's environment pins ruamel.yaml.clib; the pure-Python parser reads a large
    # document five times slower. Both must read our specs the same.
    from ruamel.yaml import YAML
    from ruamel.yaml.main import CParser  # type: ignore[attr-defined]

    assert CParser is not None, "ruamel.yaml.clib is not installed"
    for name in ("docusign", "ringcentral", "usegrant"):
        text = (ROOT / "specs" / f"{name}.yaml").read_text()
        assert YAML(typ="safe", pure=True).load(text) == load_spec(ROOT / "specs" / f"{name}.yaml")
