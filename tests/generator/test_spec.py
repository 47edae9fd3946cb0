"""generator.spec: loading and the errors for files that are not OpenAPI 3.1 documents."""

from __future__ import annotations

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
        ("openapi: [3.1.0\n", "is not valid YAML"),
        ("- a list\n", "must be a YAML mapping, not list"),
        ("openapi: 3.0.3\npaths: {/x: {}}\n", "'openapi' is '3.0.3'; grantwire specs are OpenAPI 3.1.x"),
        ("openapi: 3.1.0\ninfo: {title: t, version: '1'}\n", "has no 'paths'"),
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
