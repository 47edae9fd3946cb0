"""python -m generator.document end to end on small documents written here: OpenAPI 3.0 and 3.1,
unions inline, in properties, in array items, nested, with oneOf and anyOf; every one dispatches
by its discriminator (where try-each would take the first member that fits), and the code imports."""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.document import generate_document
from generator.errors import GeneratorFailure
from tests.imported import imported

# Loose has no required field but the discriminator, so try-each would parse every payload as it.
SCHEMAS: dict[str, Any] = {
    "Loose": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["loose"]}}},
    "Strict": {
        "type": "object",
        "required": ["kind", "code"],
        "properties": {"kind": {"type": "string", "enum": ["strict"]}, "code": {"type": "string"}},
    },
    "Pet": {
        "anyOf": [{"$ref": "#/components/schemas/Loose"}, {"$ref": "#/components/schemas/Strict"}],
        "discriminator": {"propertyName": "kind"},
    },
    "Outer": {
        "oneOf": [{"$ref": "#/components/schemas/Pet"}, {"$ref": "#/components/schemas/Other"}],
        "discriminator": {"propertyName": "kind"},
    },
    "Other": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["other"]}}},
    "Holder": {
        "type": "object",
        "properties": {
            "pets": {
                "type": "array",
                "items": {
                    "oneOf": [{"$ref": "#/components/schemas/Loose"}, {"$ref": "#/components/schemas/Strict"}],
                    "discriminator": {
                        "propertyName": "kind",
                        "mapping": {"strict": "#/components/schemas/Strict", "loose": "Loose"},
                    },
                },
            },
            "outer": {"$ref": "#/components/schemas/Outer"},
        },
    },
}


def document(version: str) -> dict[str, Any]:
    return {
        "openapi": version,
        "info": {"title": "Pets", "version": "1"},
        "paths": {
            "/holders/{holderId}/pets/{petId}": {
                "post": {
                    "operationId": "addPet",
                    "parameters": [
                        # A default before a parameter without one: upstream writes a signature that
                        # does not parse.
                        {
                            "name": "holderId",
                            "in": "path",
                            "required": True,
                            "schema": {"type": "string", "default": "~"},
                        },
                        {"name": "petId", "in": "path", "required": True, "schema": {"type": "string"}},
                    ],
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Holder"}}}
                    },
                    "responses": {
                        "200": {
                            "description": "ok",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Pet"}}},
                        }
                    },
                }
            }
        },
        "components": {"schemas": SCHEMAS},
    }


@pytest.fixture(params=["3.0.3", "3.1.0"])
def package(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    spec = tmp_path / "pets.json"
    spec.write_text(json.dumps(document(request.param)))
    result = generate_document(spec, tmp_path / "out")
    assert len(result.rendering.union_modules) == 3  # Pet, Outer, Holder.pets items
    with imported(tmp_path / "out", "pets_client.models") as models:
        yield models


def test_unions_dispatch_by_their_discriminator_in_every_position(package: Any) -> None:
    holder = package.Holder.from_dict(
        {
            "pets": [{"kind": "strict", "code": "x"}, {"kind": "loose"}],
            "outer": {"kind": "strict", "code": "y"},
        }
    )
    assert [type(pet).__name__ for pet in holder.pets] == ["Strict", "Loose"]
    assert type(holder.outer).__name__ == "Strict"  # nested: Outer → Pet → Strict
    assert type(package.parse_pet({"kind": "strict", "code": "z"})).__name__ == "Strict"
    assert package.OUTER_KINDS == ("loose", "strict", "other")


def test_a_payload_for_the_wrong_variant_is_an_error_naming_it(package: Any) -> None:
    from grantwire_core.errors import DiscriminatorError, VariantError

    with pytest.raises(VariantError, match="Strict"):
        package.parse_pet({"kind": "strict"})  # no code: try-each would have returned a Loose
    with pytest.raises(DiscriminatorError, match="kind"):
        package.parse_pet({"kind": "unknown"})


def test_single_value_enums_pin_a_default(package: Any) -> None:
    assert package.Strict(code="x").to_dict() == {"kind": "strict", "code": "x"}


def test_path_parameters_with_a_default_come_last(package: Any) -> None:
    import inspect

    add_pet = importlib.import_module("pets_client.api.default.add_pet")
    assert list(inspect.signature(add_pet.sync).parameters)[:2] == ["pet_id", "holder_id"]
    assert inspect.signature(add_pet.sync).parameters["holder_id"].default == "~"


def item_document(tmp_path: Path, version: str, **schemas: Any) -> Path:
    """A document whose one operation returns ``Item`` (one of ``schemas``)."""
    item = {"$ref": "#/components/schemas/Item"}
    response = {"description": "ok", "content": {"application/json": {"schema": item}}}
    spec = tmp_path / "items.json"
    spec.write_text(
        json.dumps(
            {
                "openapi": version,
                "info": {"title": "Items", "version": "1"},
                "paths": {"/items": {"get": {"responses": {"200": response}}}},
                "components": {"schemas": schemas},
            }
        )
    )
    return spec


def message(required: str, extra: dict[str, Any]) -> dict[str, Any]:
    return {"type": "object", "required": ["kind", required], "properties": {"kind": {"enum": ["message"]}} | extra}


def union_of(*names: str) -> dict[str, Any]:
    return {"oneOf": [{"$ref": f"#/components/schemas/{n}"} for n in names], "discriminator": {"propertyName": "kind"}}


def test_a_shared_value_tries_only_its_members_when_opted_in(tmp_path: Path) -> None:
    # Two members pin kind "message" (OpenAI's input and output messages): with --try-each the
    # union still dispatches "other" in one lookup, and "message" tries its two members in order.
    spec = item_document(
        tmp_path,
        "3.1.0",
        In=message("role", {"role": {"type": "string"}}),
        Out=message("id", {"id": {"type": "string"}}),
        Other={"type": "object", "required": ["kind"], "properties": {"kind": {"enum": ["other"]}}},
        Item=union_of("In", "Out", "Other"),
    )
    with pytest.raises(GeneratorFailure, match=r"^/components/schemas/Item: kind 'message' selects In and Out"):
        generate_document(spec, tmp_path / "refused", strict=True)
    assert not (tmp_path / "refused").exists()
    result = generate_document(spec, tmp_path / "out", try_each=["/components/schemas/Item"], strict=True)
    assert result.rendering.unions.warnings
    # Not strict, the same union falls back for that value alone without being named, and the
    # report beside the package lists it.
    lenient = generate_document(spec, tmp_path / "lenient")
    assert lenient.rendering.unions.partly_tried == ["/components/schemas/Item"]
    report = json.loads((tmp_path / "lenient" / "generation-report.json").read_text())
    assert report["fallbacks"] == [
        {
            "pointer": "/components/schemas/Item",
            "reason": "kind 'message' selects In and Out, and no mapping entry says which "
            "(a discriminator value must select exactly one member)",
            "scope": "shared values",
        }
    ]
    with imported(tmp_path / "out", "items_client.models") as models:
        assert type(models.parse_item({"kind": "message", "role": "user"})).__name__ == "In"
        assert type(models.parse_item({"kind": "message", "id": "m1"})).__name__ == "Out"
        assert type(models.parse_item({"kind": "other"})).__name__ == "Other"
        assert models.ITEM_KINDS == ("other", "message")


def test_a_shared_value_told_apart_by_role_dispatches_twice(tmp_path: Path) -> None:
    spec = item_document(
        tmp_path,
        "3.0.3",
        In=message("role", {"role": {"type": "string", "enum": ["user", "system"]}}),
        Out=message("role", {"role": {"type": "string", "enum": ["assistant"]}}),
        Item=union_of("In", "Out"),
    )
    generate_document(spec, tmp_path / "out")  # no --try-each needed
    with imported(tmp_path / "out", "items_client.models") as models:
        assert type(models.parse_item({"kind": "message", "role": "system"})).__name__ == "In"
        assert type(models.parse_item({"kind": "message", "role": "assistant"})).__name__ == "Out"


def test_a_model_named_like_an_import_of_the_generated_modules_gets_a_suffix(tmp_path: Path) -> None:
    # OpenAI's `Response` schema would shadow `types.Response` in every endpoint module.
    spec = item_document(
        tmp_path,
        "3.1.0",
        Response={"type": "object", "properties": {"id": {"type": "string"}}},
        Item={"$ref": "#/components/schemas/Response"},
    )
    generate_document(spec, tmp_path / "out")
    with imported(tmp_path / "out", "items_client.models") as models:
        assert models.ResponseModel.from_dict({"id": "r"}).id == "r"
        assert not hasattr(models, "Response")


def test_an_allof_redefinition_upstream_cannot_merge_takes_the_later_part(tmp_path: Path) -> None:
    # OpenAI's ComputerToolCallOutputResource: `status` redefined with other values; upstream drops
    # the schema and all that refers to it. Documents written elsewhere get the later definition.
    base = {"type": "object", "properties": {"status": {"type": "string", "enum": ["in_progress", "completed"]}}}
    later = {"type": "object", "properties": {"status": {"type": "string", "enum": ["completed", "failed"]}}}
    spec = item_document(
        tmp_path,
        "3.1.0",
        Base=base,
        Item={"allOf": [{"$ref": "#/components/schemas/Base"}, later]},
    )
    result = generate_document(spec, tmp_path / "out")
    assert result.rendering.merge_warnings == (
        "allOf redefines 'status' in a way upstream cannot merge (can't redefine an enum property with "
        "incompatible lists of values); the later part is used",
    )
    with imported(tmp_path / "out", "items_client.models") as models:
        assert models.Item.from_dict({"status": "failed"}).to_dict() == {"status": "failed"}


def test_an_allof_with_a_discriminated_part_dispatches_with_the_common_fields(tmp_path: Path) -> None:
    # RingCentral's PublicGetTokenRequest: allOf [common parts, anyOf [grants] + discriminator].
    # Upstream's allOf merge would drop every grant's fields.
    def grant(value: str, field: str) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["grant_type", field],
            "properties": {"grant_type": {"enum": [value]}, field: {"type": "string"}},
        }

    spec = item_document(
        tmp_path,
        "3.0.3",
        Common={"type": "object", "properties": {"client_id": {"type": "string"}}},
        Code=grant("authorization_code", "code"),
        Refresh=grant("refresh_token", "refresh_token"),
        Item={
            "allOf": [
                {"$ref": "#/components/schemas/Common"},
                {
                    "anyOf": [{"$ref": "#/components/schemas/Code"}, {"$ref": "#/components/schemas/Refresh"}],
                    "discriminator": {
                        "propertyName": "grant_type",
                        "mapping": {"authorization_code": "#/components/schemas/Code", "refresh_token": "Refresh"},
                    },
                },
            ]
        },
    )
    result = generate_document(spec, tmp_path / "out")
    assert result.rendering.unions.warnings[0] == (
        "/components/schemas/Item: an allOf with a discriminated anyOf part is read as anyOf of allOfs "
        "(ItemCode, ItemRefresh)"
    )
    with imported(tmp_path / "out", "items_client.models") as models:
        grant_ = models.parse_item({"grant_type": "refresh_token", "refresh_token": "r", "client_id": "c"})
        assert type(grant_).__name__ == "ItemRefresh"
        assert (grant_.refresh_token, grant_.client_id) == ("r", "c")
        assert models.ItemCode(code="x").to_dict() == {"grant_type": "authorization_code", "code": "x"}


def test_a_union_of_one_member_gets_its_dispatch_table_too(tmp_path: Path) -> None:
    # Upstream passes a lone reference straight through to its model (RingCentral's
    # AnyPublicDeliveryModeRequest, OpenAI's ResponsesClientEvent).
    from grantwire_core.errors import DiscriminatorError

    spec = item_document(
        tmp_path,
        "3.0.3",
        Only={"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["only"]}}},
        Item={"anyOf": [{"$ref": "#/components/schemas/Only"}], "discriminator": {"propertyName": "kind"}},
    )
    result = generate_document(spec, tmp_path / "out")
    assert [module.class_name for module in result.rendering.union_modules] == ["Item"]
    with imported(tmp_path / "out", "items_client.models") as models:
        assert type(models.parse_item({"kind": "only"})).__name__ == "Only"
        with pytest.raises(DiscriminatorError, match="expected one of: only"):
            models.parse_item({"kind": "other"})


def test_an_allof_that_only_describes_a_reference_is_read_as_the_reference(tmp_path: Path) -> None:
    # RingCentral's `from: allOf [{description}, {$ref: PhoneNumberE164}]`: upstream refuses an
    # allOf of a string ("Cannot take allOf a non-object") and drops the schema.
    spec = item_document(
        tmp_path,
        "3.0.3",
        Phone={"type": "string", "pattern": "^\\+[0-9]+$"},
        Item={
            "type": "object",
            "required": ["from"],
            "properties": {"from": {"allOf": [{"description": "The sender"}, {"$ref": "#/components/schemas/Phone"}]}},
        },
    )
    result = generate_document(spec, tmp_path / "out")
    assert result.rendering.upstream_skips == ()
    with imported(tmp_path / "out", "items_client.models") as models:
        assert models.Item.from_dict({"from": "+15551234"}).to_dict() == {"from": "+15551234"}


def test_a_nested_oneof_nothing_tells_apart_tries_its_members_for_its_values_only(tmp_path: Path) -> None:
    def grant(kind: str, *required: str, **extra: Any) -> dict[str, Any]:
        properties = {"kind": {"const": kind}} | {name: {"type": "string"} for name in (*required, *extra)}
        return {"type": "object", "required": ["kind", *required], "properties": properties}

    spec = item_document(
        tmp_path,
        "3.1.0",
        Code=grant("code", "code"),
        SecretA=grant("secret", "a", b=True),
        SecretB=grant("secret", b=True),  # requires nothing SecretA lacks
        Secret={"oneOf": [{"$ref": "#/components/schemas/SecretA"}, {"$ref": "#/components/schemas/SecretB"}]},
        Item=union_of("Code", "Secret"),
    )
    with pytest.raises(GeneratorFailure, match="SecretB requires no field the other members lack"):
        generate_document(spec, tmp_path / "strict", strict=True)
    result = generate_document(spec, tmp_path / "out")
    assert [f.scope for f in result.rendering.unions.fallbacks] == ["shared values"]
    with imported(tmp_path / "out", "items_client.models") as models:
        assert type(models.parse_item({"kind": "code", "code": "x"})).__name__ == "Code"
        assert type(models.parse_item({"kind": "secret", "a": "1"})).__name__ == "SecretA"
        assert type(models.parse_item({"kind": "secret", "b": "2"})).__name__ == "SecretB"
        with pytest.raises(ValueError, match="Item"):
            models.parse_item({"kind": "code"})  # still one lookup, and Code needs its code
