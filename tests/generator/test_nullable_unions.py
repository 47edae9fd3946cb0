"""generator.nullable_unions: a discriminated union with a ``type: null`` member keeps its dispatch
table for the objects, and null parses as None (without it the union fell back to try-each)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.document import generate_document
from generator.nullable_unions import split_null_members
from tests.imported import imported

UNION: dict[str, Any] = {
    "oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}, {"type": "null"}],
    "discriminator": {"propertyName": "kind"},
}


def test_the_null_member_moves_outside_the_discriminated_union() -> None:
    document = {"components": {"schemas": {"Owner": {"properties": {"pet": json.loads(json.dumps(UNION))}}}}}
    assert split_null_members(document) == 1
    assert document["components"]["schemas"]["Owner"]["properties"]["pet"] == {
        "anyOf": [{"oneOf": UNION["oneOf"][:2], "discriminator": UNION["discriminator"]}, {"type": "null"}]
    }


def test_examples_and_unions_without_null_are_left_alone() -> None:
    plain = {"oneOf": UNION["oneOf"][:2], "discriminator": UNION["discriminator"]}
    document = {"a": json.loads(json.dumps(plain)), "example": json.loads(json.dumps(UNION))}
    assert split_null_members(document) == 0
    assert document == {"a": plain, "example": UNION}


def test_a_nullable_discriminated_property_dispatches(tmp_path: Path) -> None:
    schemas = {
        "Dog": {"type": "object", "required": ["kind", "bark"], "properties": {"kind": {"const": "dog"}, "bark": {}}},
        "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"const": "cat"}}},
        "Owner": {"type": "object", "properties": {"pet": UNION}},
    }
    spec = tmp_path / "pets.json"
    document = {"openapi": "3.1.0", "info": {"title": "Pets", "version": "1"}, "paths": {}}
    spec.write_text(json.dumps(document | {"components": {"schemas": schemas}}))
    result = generate_document(spec, tmp_path / "out", strict=True)
    assert len(result.rendering.union_modules) == 1
    with imported(tmp_path / "out", "pets_client.models") as models:
        assert models.Owner.from_dict({"pet": None}).pet is None
        assert type(models.Owner.from_dict({"pet": {"kind": "cat"}}).pet).__name__ == "Cat"
        # Try-each would take a Dog without its bark for whatever fits; the table refuses it.
        with pytest.raises(ValueError, match="pet"):
            models.Owner.from_dict({"pet": {"kind": "dog"}})
