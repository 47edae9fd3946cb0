"""Requests that break the spec are rejected by Prism: proof the specs are strict, not permissive.

Each variant loses one required field in turn; Prism must name a violation for every one of them.
"""

from __future__ import annotations

from typing import Any

import pytest
from grantwire_core._internal.http import httpx

from tests.contract.calls import violations
from tests.contract.conftest import PrismUrl
from tests.grant_payloads import DOCUSIGN, RINGCENTRAL
from tests.node_tools import ROOT
from tests.oracle.spec_schemas import SCHEMA_PREFIX, comparable_name, load_spec, resolve, union_variants

TOKEN_PATHS = {"ringcentral": "/restapi/oauth/token", "docusign": "/oauth/token"}


def required_fields(client: str, variant: type) -> list[str]:
    """What the spec requires of ``variant``, read from the spec, not from the generated model."""
    spec = load_spec(ROOT / "specs" / f"{client}.yaml")
    for candidate in union_variants(spec):
        if comparable_name(candidate.class_title) == comparable_name(variant.__name__):
            schema = resolve(spec, {"$ref": SCHEMA_PREFIX + candidate.schema})
            return sorted(schema["required"])
    raise AssertionError(f"{variant.__name__} is no variant of {client}")


def cases() -> list[Any]:
    out = []
    for client, table in (("ringcentral", RINGCENTRAL), ("docusign", DOCUSIGN)):
        for payload, variant in table:
            for field in required_fields(client, variant):
                broken = {key: value for key, value in payload.items() if key != field}
                case_id = f"{client}-{payload['grant_type']}-{variant.__name__}-without-{field}"
                out.append(pytest.param(client, broken, field, id=case_id))
    return out


def post_form(url: str, form: dict[str, Any]) -> httpx.Response:
    with httpx.Client() as http:
        return http.post(url, data=form)


@pytest.mark.parametrize(("client", "form", "missing"), cases())
def test_variant_without_a_required_field_is_rejected(
    prism_url: PrismUrl, client: str, form: dict[str, Any], missing: str
) -> None:
    response = post_form(prism_url(client) + TOKEN_PATHS[client], form)

    assert 400 <= response.status_code < 500
    found = violations(response.headers)
    assert found, "Prism accepted a request the spec forbids"
    messages = " ".join(v["message"] for v in found)
    assert missing in messages or "oneOf" in messages


@pytest.mark.parametrize("client", TOKEN_PATHS)
def test_unknown_grant_type_is_rejected(prism_url: PrismUrl, client: str) -> None:
    response = post_form(prism_url(client) + TOKEN_PATHS[client], {"grant_type": "magic", "code": "c"})
    assert violations(response.headers)


def test_both_client_credentials_targets_at_once_are_rejected(prism_url: PrismUrl) -> None:
    # By account and by brand are mutually exclusive: a payload with both matches neither.
    form = {"grant_type": "client_credentials", "account_id": "400131", "brand_id": "1210"}
    response = post_form(prism_url("ringcentral") + TOKEN_PATHS["ringcentral"], form)
    assert violations(response.headers)


def test_json_body_is_rejected_where_the_spec_says_form(prism_url: PrismUrl) -> None:
    with httpx.Client() as http:
        response = http.post(
            prism_url("ringcentral") + TOKEN_PATHS["ringcentral"],
            json={"grant_type": "password", "username": "u", "password": "p"},
        )
    assert response.status_code == 415


def test_usegrant_without_api_key_is_rejected(prism_url: PrismUrl) -> None:
    url = prism_url("usegrant") + "/v1/providers/497f6eca-6276-4993-bfeb-53cbbbba6f08/clients/0b3f7a1e/tokens"
    with httpx.Client() as http:
        response = http.post(url, json={})
    assert response.status_code in {400, 401}
    assert violations(response.headers) or response.status_code == 401


def test_usegrant_expires_in_over_48_hours_is_rejected(prism_url: PrismUrl) -> None:
    url = (
        prism_url("usegrant")
        + "/v1/providers/497f6eca-6276-4993-bfeb-53cbbbba6f08/clients/0b3f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b/tokens"
    )
    with httpx.Client() as http:
        response = http.post(url, json={"expiresIn": 172801}, headers={"Authorization": "Bearer k"})
    found = violations(response.headers)
    assert any("expiresIn" in ".".join(map(str, v["location"])) for v in found)


def test_userinfo_without_bearer_token_is_rejected(prism_url: PrismUrl) -> None:
    with httpx.Client() as http:
        response = http.get(prism_url("docusign") + "/oauth/userinfo")
    assert response.status_code == 401
