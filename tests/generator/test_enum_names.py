"""Enum values that clash as Python names (case, punctuation, digits, letters snake_case drops) get
distinct members, and every default names the member of its own value."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from generator.document import generate_document
from generator.errors import GeneratorFailure
from tests.imported import imported

VALUES = ["a", "A", "a.b", "a b", "1x", "é", "a_b"]


def document(values: list[Any], default: Any) -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {"title": "Letters", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {
                "Letter": {"type": "string", "enum": values},
                "Holder": {
                    "type": "object",
                    "properties": {"letter": {"allOf": [{"$ref": "#/components/schemas/Letter"}], "default": default}},
                },
            }
        },
    }


@pytest.mark.parametrize("default", VALUES)
def test_every_value_keeps_a_member_and_the_default_names_its_own(tmp_path: Path, default: str) -> None:
    spec = tmp_path / "letters.json"
    spec.write_text(json.dumps(document(VALUES, default)))
    generate_document(spec, tmp_path / "out", strict=True)
    with imported(tmp_path / "out", "letters_client.models") as models:
        assert sorted(member.value for member in models.Letter) == sorted(VALUES)
        assert all(name.isidentifier() and name.isascii() for name in models.Letter.__members__)
        assert models.Holder().letter == models.Letter(default)
        assert models.Holder().to_dict() == {"letter": default}


def test_a_value_listed_twice_is_one_error(tmp_path: Path) -> None:
    spec = tmp_path / "letters.json"
    spec.write_text(json.dumps(document(["x", "x"], "x")))
    with pytest.raises(GeneratorFailure, match="Duplicate key X in enum"):
        generate_document(spec, tmp_path / "out")


def test_a_variants_enum_used_elsewhere_stays_an_enum(tmp_path: Path) -> None:
    # Dog's kind allows two values of the shared PetKind, so its own enum would become a Literal of
    # them; Kennel uses the same enum with a default, which must still name a member.
    ref = {"$ref": "#/components/schemas/DogKind"}
    schemas = {
        "PetKind": {"type": "string", "enum": ["dog", "puppy", "cat"]},
        "DogKind": {"type": "string", "enum": ["dog", "puppy"]},
        "Dog": {"type": "object", "required": ["kind"], "properties": {"kind": ref}},
        "Cat": {"type": "object", "required": ["kind"], "properties": {"kind": {"type": "string", "enum": ["cat"]}}},
        "Pet": {
            "oneOf": [{"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Cat"}],
            "discriminator": {"propertyName": "kind"},
        },
        "Kennel": {"type": "object", "properties": {"usual": {"allOf": [ref], "default": "puppy"}}},
    }
    spec = tmp_path / "pets.json"
    spec.write_text(
        json.dumps(
            {"openapi": "3.0.3", "info": {"title": "Pets", "version": "1"}, "paths": {}}
            | {"components": {"schemas": schemas}}
        )
    )
    generate_document(spec, tmp_path / "out", strict=True)
    with imported(tmp_path / "out", "pets_client.models") as models:
        assert models.Kennel().usual == models.DogKind.PUPPY
        assert type(models.parse_pet({"kind": "puppy"})).__name__ == "Dog"
