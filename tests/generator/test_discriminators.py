"""generator.discriminators: reading unions from a spec, and refusing the inconsistent ones."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from generator.discriminators import NestedMember, Variant, find_discriminated_unions, read_unions
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


def test_an_implicit_mapping_uses_the_values_each_variant_pins() -> None:
    # OpenAI's style: no mapping, each variant pins its own value (not its schema name).
    document = spec(
        Grant={"oneOf": [ref("Code"), ref("Secret")], "discriminator": {"propertyName": "kind"}},
        Code=grant({"type": "string", "enum": ["code"]}, "code"),  # OpenAPI 3.0 has no const
        Secret=grant({"type": "string", "const": "secret"}, "secret"),
    )
    [union] = find_discriminated_unions(document)
    assert list(union.mapping) == ["code", "secret"]


def test_a_variant_without_a_pinned_value_is_selected_by_its_mapping_or_name() -> None:
    document = spec(Code=grant({"type": "string"}, "code"))
    assert find_discriminated_unions(document)[0].variants[0] == Variant("Code", ("code",))
    del document["components"]["schemas"]["Grant"]["discriminator"]["mapping"]
    assert find_discriminated_unions(document)[0].variants[0].values == ("Code",)


def test_an_overlap_the_explicit_mapping_decides_is_a_warning() -> None:
    # Kratos: both variants allow both methods; the mapping says which one each selects.
    document = spec(Code=grant({"type": "string", "enum": ["code", "secret"]}, "code"))
    report = read_unions(document)
    assert report.unions[0].mapping["secret"].schema == "Secret"
    assert report.warnings == [
        "/components/schemas/Grant: Code allows kind 'secret', which the mapping sends to Secret; the mapping decides"
    ]


def test_a_mapping_to_a_schema_outside_the_union_is_a_warning() -> None:
    document = spec()
    document["components"]["schemas"]["Grant"]["discriminator"]["mapping"]["other"] = "#/components/schemas/Other"
    report = read_unions(document)
    assert "other" not in report.unions[0].mapping
    assert "mapping 'other' points to #/components/schemas/Other, which is not one of its members" in report.warnings[0]


def inline_document(union: dict[str, Any], *, version: str = "3.1.0") -> dict[str, Any]:
    return {
        "openapi": version,
        "paths": {
            "/grants": {
                "post": {
                    "requestBody": {"content": {"application/json": {"schema": union}}},
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {
                                "application/json": {
                                    "schema": {
                                        "type": "object",
                                        "properties": {"grants": {"type": "array", "items": union}},
                                    }
                                }
                            },
                        }
                    },
                }
            }
        },
        "components": {
            "schemas": {"Code": grant({"enum": ["code"]}, "code"), "Secret": grant({"enum": ["secret"]}, "secret")}
        },
    }


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_inline_property_and_array_item_unions_are_found_by_pointer(keyword: str) -> None:
    union = {keyword: [ref("Code"), ref("Secret")], "discriminator": {"propertyName": "kind"}}
    unions = find_discriminated_unions(inline_document(union))
    assert [u.pointer for u in unions] == [
        "/paths/~1grants/post/requestBody/content/application~1json/schema",
        "/paths/~1grants/post/responses/200/content/application~1json/schema/properties/grants/items",
    ]
    assert all(list(u.mapping) == ["code", "secret"] for u in unions)


def test_inline_members_pin_their_own_values() -> None:
    union = {
        "oneOf": [grant({"const": "code"}, "code"), grant({"enum": ["pin"]}, "pin")],
        "discriminator": {"propertyName": "kind"},
    }
    [request, _] = find_discriminated_unions(inline_document(union))
    assert [(v.schema.rsplit("/", 2)[-2:], v.values) for v in request.variants] == [
        (["oneOf", "0"], ("code",)),
        (["oneOf", "1"], ("pin",)),
    ]


def test_a_nested_discriminated_union_passes_its_values_on() -> None:
    document = spec(
        Outer={"oneOf": [ref("Grant"), ref("Other")], "discriminator": {"propertyName": "kind"}},
        Other=grant({"const": "other"}, "other"),
    )
    document["components"]["schemas"]["Code"]["properties"]["kind"] = {"const": "code"}
    outer = next(u for u in find_discriminated_unions(document) if u.schema == "Outer")
    assert list(outer.mapping) == ["code", "secret", "pin", "other"]
    assert outer.variants[0].union == "/components/schemas/Grant"


AMBIGUOUS = {
    "oneOf": [ref("Code"), ref("Secret")],
    "discriminator": {"propertyName": "kind"},
}


def test_an_ambiguous_union_is_refused_naming_its_pointer_and_the_rule() -> None:
    document = spec(Grant=AMBIGUOUS, Secret=grant({"enum": ["code"]}, "secret"))
    with pytest.raises(GeneratorFailure) as caught:
        find_discriminated_unions(document)
    assert str(caught.value) == (
        "/components/schemas/Grant: kind 'code' selects Code and Secret, and no mapping entry says which "
        "(a discriminator value must select exactly one member). Fix the document, or generate with "
        "--try-each /components/schemas/Grant to parse what the discriminator cannot decide by trying each "
        "candidate member"
    )


def test_try_each_tries_only_the_members_a_shared_value_selects() -> None:
    document = spec(Grant=AMBIGUOUS, Secret=grant({"enum": ["code", "secret"]}, "secret"))
    report = read_unions(document, try_each=["/components/schemas/Grant"])
    [union] = report.unions
    assert union.shared == (("code", (0, 1)),)  # Code, then Secret
    assert list(union.mapping) == ["secret"]  # still one lookup
    assert union.values == ("secret", "code")
    assert report.partly_tried == ["/components/schemas/Grant"]
    assert report.warnings == [
        "/components/schemas/Grant: kind 'code' selects Code and Secret; parsed by trying each of them (--try-each)"
    ]


def test_a_shared_value_is_told_apart_by_a_second_pinned_field_without_opting_in() -> None:
    # OpenAI's input and output messages: both type "message", roles disjoint and required.
    document = spec(
        Grant=AMBIGUOUS,
        Code=grant({"enum": ["code"]}, "role"),
        Secret=grant({"enum": ["code"]}, "role"),
    )
    schemas = document["components"]["schemas"]
    schemas["Code"]["properties"]["role"] = {"enum": ["user", "system"]}
    schemas["Secret"]["properties"]["role"] = {"const": "assistant"}
    report = read_unions(document)
    [union] = report.unions
    assert union.split == (("code", "role", ((("user", "system"), 0), (("assistant",), 1))),)
    assert report.warnings == ["/components/schemas/Grant: kind 'code' selects Code and Secret, told apart by 'role'"]
    schemas["Secret"]["properties"]["role"] = {"enum": ["assistant", "user"]}  # overlapping: ambiguous again
    with pytest.raises(GeneratorFailure, match="kind 'code' selects Code and Secret"):
        read_unions(document)


def test_try_each_keeps_upstream_parsing_for_a_union_nothing_can_dispatch() -> None:
    document = copy.deepcopy(spec())
    document["components"]["schemas"]["Grant"]["oneOf"].append({"$recursiveRef": "#"})
    report = read_unions(document, try_each=["/components/schemas/Grant"])
    assert report.unions == []
    assert report.tried_each == ["/components/schemas/Grant"]
    assert report.warnings[0].endswith("parsed by trying each member (--try-each)")


def test_try_each_is_refused_for_a_union_that_needs_none() -> None:
    with pytest.raises(GeneratorFailure, match="no ambiguous discriminated union"):
        read_unions(spec(), try_each=["/components/schemas/Grant"])


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda s: s["Grant"]["discriminator"].pop("propertyName"), "its discriminator has no propertyName"),
        (lambda s: s["Grant"]["oneOf"].append({"$recursiveRef": "#"}), "cannot resolve to a schema"),
        (lambda s: s["Grant"]["oneOf"].append(ref("Missing")), "refers to #/components/schemas/Missing, which is no"),
        (lambda s: s["Grant"]["oneOf"].append({"type": "null"}), "a member is `type: null`"),
        (
            lambda s: s["Grant"]["oneOf"].append({"type": "object", "properties": {"kind": {"type": "string"}}}),
            "pins no 'kind' value",
        ),
    ],
)
def test_unions_that_cannot_be_honoured_are_refused_with_a_clear_message(change: Any, message: str) -> None:
    document = copy.deepcopy(spec())
    change(document["components"]["schemas"])
    with pytest.raises(GeneratorFailure, match=r"^/components/schemas/Grant: ") as caught:
        find_discriminated_unions(document)
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)

    # Not strict (a document written elsewhere): this union alone falls back, with one warning naming it.
    report = read_unions(document, strict=False)
    assert [(f.pointer, f.scope) for f in report.fallbacks] == [("/components/schemas/Grant", "union")]
    assert message in report.fallbacks[0].reason
    assert report.tried_each == ["/components/schemas/Grant"]
    (warning,) = [w for w in report.warnings if w.startswith("/components/schemas/Grant: ")]
    assert message in warning
    assert "--strict refuses" in warning


def test_a_shared_value_falls_back_alone_when_not_strict() -> None:
    document = spec(TwinA=grant({"enum": ["twin"]}, "a"), TwinB=grant({"enum": ["twin"]}, "b"))
    document["components"]["schemas"]["Grant"]["oneOf"] += [ref("TwinA"), ref("TwinB")]
    with pytest.raises(GeneratorFailure, match="'twin' selects TwinA and TwinB"):
        read_unions(document)
    report = read_unions(document, strict=False)
    assert [(f.pointer, f.scope) for f in report.fallbacks] == [("/components/schemas/Grant", "shared values")]
    assert report.partly_tried == ["/components/schemas/Grant"]
    (union,) = report.unions
    assert [value for value, _ in union.shared] == ["twin"]


def test_nested_members_must_be_distinguishable() -> None:
    document = spec(
        Secret={"oneOf": [ref("SecretA"), ref("SecretB")]},
        SecretA=grant({"enum": ["secret", "pin"]}, "secret"),
        SecretB=grant({"enum": ["secret", "pin"]}, "secret"),
    )
    with pytest.raises(GeneratorFailure, match="SecretA requires no field the other members lack"):
        find_discriminated_unions(document)
    # Not strict: only that member's values try its own members, in document order.
    (union,) = find_discriminated_unions(document, strict=False)
    secret = next(variant for variant in union.variants if variant.schema == "Secret")
    assert [(nested.schema, nested.required_field) for nested in secret.nested] == [("SecretA", ""), ("SecretB", "")]
    assert [(f.pointer, f.scope) for f in read_unions(document, strict=False).fallbacks] == [
        ("/components/schemas/Grant", "shared values")
    ]
