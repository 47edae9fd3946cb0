"""generator.discriminators: reading unions from a spec, and refusing the inconsistent ones."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.discriminators import NestedMember, Variant, find_discriminated_unions
from generator.errors import GeneratorFailure
from generator.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def grant(kind: Any, *fields: str, require_kind: bool = True) -> dict[str, Any]:
    properties: dict[str, Any] = {"kind": kind} | {field: {"type": "string"} for field in fields}
    required = (["kind"] if require_kind else []) + list(fields)
    return {"type": "object", "required": required, "properties": properties}


def spec(**schemas: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "Grant": {
            "oneOf": [ref("Code"), ref("Secret")],
            "discriminator": {
                "propertyName": "kind",
                "mapping": {"code": ref("Code")["$ref"], "secret": ref("Secret")["$ref"], "pin": ref("Secret")["$ref"]},
            },
        },
        "Code": grant({"type": "string", "const": "code"}, "code"),
        "Secret": grant({"type": "string", "enum": ["secret", "pin"]}, "secret"),
    }
    base.update(schemas)
    return {"components": {"schemas": base}}


def test_reads_mapping_with_several_values_per_variant() -> None:
    [union] = find_discriminated_unions(spec())
    assert union.schema == "Grant"
    assert union.property_name == "kind"
    assert union.variants == (Variant("Code", ("code",)), Variant("Secret", ("secret", "pin")))
    assert list(union.mapping) == ["code", "secret", "pin"]


def test_implicit_mapping_uses_schema_names() -> None:
    document = spec(
        Grant={"oneOf": [ref("Code"), ref("Secret")], "discriminator": {"propertyName": "kind"}},
        Code=grant({"const": "Code"}, "code"),
        Secret=grant({"const": "Secret"}, "secret"),
    )
    [union] = find_discriminated_unions(document)
    assert union.mapping == {"Code": union.variants[0], "Secret": union.variants[1]}


def test_properties_are_merged_through_allof_and_ref() -> None:
    document = spec(
        Base={"type": "object", "properties": {"kind": {"const": "code"}}, "required": ["kind"]},
        Code={"allOf": [ref("Base"), {"type": "object", "required": ["code"], "properties": {"code": {}}}]},
    )
    assert find_discriminated_unions(document)[0].variants[0] == Variant("Code", ("code",))


def test_ringcentral_client_credentials_is_nested_by_required_field() -> None:
    [union] = find_discriminated_unions(load_spec(ROOT / "specs" / "ringcentral.yaml"))
    client_credentials = union.mapping["client_credentials"]
    assert client_credentials.nested == (
        NestedMember("GetTokenRequest_7_1", "account_id"),
        NestedMember("GetTokenRequest_7_2", "brand_id"),
    )
    assert len(union.mapping) == 10
    assert union.mapping["urn:ietf:params:oauth:grant-type:jwt-bearer"] is union.mapping["partner_jwt"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda s: s["Grant"]["discriminator"]["mapping"].update(code="#/components/schemas/Other"),
            "mapping 'code' points to Other, which is not one of its oneOf members (Code, Secret)",
        ),
        (lambda s: s["Code"]["properties"].pop("kind"), "variant Code has no property 'kind'"),
        (lambda s: s["Code"]["required"].remove("kind"), "variant Code does not require 'kind'"),
        (
            lambda s: s["Code"]["properties"].update(kind={"type": "string", "enum": ["code", "pin"]}),
            "variant Code allows kind ['code', 'pin'], but the discriminator maps ['code'] to it",
        ),
        (
            lambda s: s["Secret"]["properties"].update(kind={"type": "string", "const": "secret"}),
            "variant Secret allows kind ['secret'], but the discriminator maps ['pin', 'secret'] to it",
        ),
        (lambda s: s["Code"]["properties"].update(kind={"type": "string"}), "must constrain 'kind' with const or enum"),
        (lambda s: s["Grant"]["discriminator"].pop("propertyName"), "discriminator needs a propertyName"),
        (lambda s: s["Grant"]["oneOf"].append({"type": "object"}), "every member must be a $ref"),
        (lambda s: s["Grant"]["oneOf"].append(ref("Missing")), "oneOf refers to undefined schemas Missing"),
        (
            lambda s: s["Grant"]["discriminator"]["mapping"].pop("code"),
            "oneOf member Code has no discriminator value mapped to it",
        ),
    ],
)
def test_inconsistent_unions_are_refused_with_a_clear_message(change: Any, message: str) -> None:
    document = copy.deepcopy(spec())
    change(document["components"]["schemas"])
    with pytest.raises(GeneratorFailure, match=r"^discriminated union Grant: ") as caught:
        find_discriminated_unions(document)
    assert message in str(caught.value)


def test_nested_members_must_be_distinguishable() -> None:
    document = spec(
        Secret={"oneOf": [ref("SecretA"), ref("SecretB")]},
        SecretA=grant({"enum": ["secret", "pin"]}, "secret"),
        SecretB=grant({"enum": ["secret", "pin"]}, "secret"),
    )
    with pytest.raises(GeneratorFailure, match="SecretA requires no field the other members lack"):
        find_discriminated_unions(document)
