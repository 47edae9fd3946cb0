"""The custom Spectral rules catch what they promise (bad-spec.yaml), and our specs pass them all."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.node_tools import ROOT, node_tool

RULESET = ROOT / "specs" / "lint" / "ruleset.yaml"
BAD_SPEC = Path(__file__).with_name("bad-spec.yaml")


def spectral(tmp_path: Path, *specs: Path) -> list[dict[str, Any]]:
    report = tmp_path / "spectral.json"
    subprocess.run(
        [str(node_tool("spectral")), "lint", "--ruleset", str(RULESET), "--format", "json", "--output", str(report)]
        + [str(spec) for spec in specs],
        check=False,  # it exits 1 when it finds errors; the report says what they are
        capture_output=True,
    )
    results: list[dict[str, Any]] = json.loads(report.read_text())
    return results


@pytest.fixture(scope="module")
def bad_spec_results(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    return spectral(tmp_path_factory.mktemp("spectral"), BAD_SPEC)


def errors_by_rule(results: list[dict[str, Any]]) -> Counter[str]:
    return Counter(result["code"] for result in results if result["severity"] == 0)


def test_every_custom_rule_fails_the_bad_spec(bad_spec_results: list[dict[str, Any]]) -> None:
    assert errors_by_rule(bad_spec_results) == {
        "operation-operationId": 1,
        "operation-description": 1,
        "grantwire-error-responses": 1,
        "grantwire-secret-marked": 2,  # access_token in a response, password in a request
        "grantwire-oneof-discriminator": 3,  # the inline oneOf, and both nested members
        "grantwire-discriminator-constrained": 2,  # enum wider than its mapping, not required
        "grantwire-shared-discriminator-enum": 1,  # no enum schema lists password, authorization_code, …
    }


def test_messages_name_the_field_and_what_to_do(bad_spec_results: list[dict[str, Any]]) -> None:
    messages = {result["message"] for result in bad_spec_results}
    assert "password carries a secret: mark it format: password or writeOnly" in messages
    assert "PasswordGrant.grant_type must allow exactly password (const or enum), allows password, otp" in messages
    assert "CodeGrant does not require the discriminator grant_type" in messages
    assert (
        "declare one string enum schema listing exactly the grant_type values "
        "password, authorization_code, client_credentials" in messages
    )


def test_our_specs_must_be_openapi_31(tmp_path: Path) -> None:
    # The generator reads 3.0 documents written elsewhere; our own specs use 3.1's const.
    spec = tmp_path / "old.yaml"
    spec.write_text(BAD_SPEC.read_text().replace("openapi: 3.1.0", "openapi: 3.0.3", 1))
    findings = [r for r in spectral(tmp_path, spec) if r["code"] == "grantwire-openapi-3-1"]
    assert [f["message"] for f in findings] == ["openapi is 3.0.3; grantwire's specs are OpenAPI 3.1.x"]


def test_our_specs_have_no_findings_at_all(tmp_path: Path) -> None:
    specs = sorted((ROOT / "specs").glob("*.yaml"))
    assert len(specs) == 3
    assert spectral(tmp_path, *specs) == []
