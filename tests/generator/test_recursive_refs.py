"""generator.recursive_refs: ``$recursiveRef``/``$dynamicRef`` to the enclosing schema become ``$ref``,
and a union with such a member dispatches without --try-each (OpenAI's CompoundFilter)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from generator.document import generate_document
from generator.recursive_refs import resolve_recursive_refs
from tests.imported import imported


def filters(member: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return {
        "components": {
            "schemas": {
                "Comparison": {
                    "type": "object",
                    "required": ["type", "key"],
                    "properties": {"type": {"type": "string", "enum": ["eq", "ne"]}, "key": {"type": "string"}},
                },
                "Compound": {
                    **extra,
                    "type": "object",
                    "required": ["type", "filters"],
                    "properties": {
                        "type": {"type": "string", "enum": ["and", "or"]},
                        "filters": {
                            "type": "array",
                            "items": {
                                "oneOf": [{"$ref": "#/components/schemas/Comparison"}, member],
                                "discriminator": {"propertyName": "type"},
                            },
                        },
                    },
                },
            }
        }
    }


def items_of(document: dict[str, Any]) -> Any:
    return document["components"]["schemas"]["Compound"]["properties"]["filters"]["items"]["oneOf"][1]


def test_a_recursive_ref_becomes_a_ref_to_its_component() -> None:
    document = filters({"$recursiveRef": "#"}, **{"$recursiveAnchor": True})
    assert resolve_recursive_refs(document) == 1
    assert items_of(document) == {"$ref": "#/components/schemas/Compound"}


def test_a_dynamic_ref_goes_to_the_component_declaring_its_anchor() -> None:
    document = filters({"$dynamicRef": "#filter"}, **{"$dynamicAnchor": "filter"})
    assert resolve_recursive_refs(document) == 1
    assert items_of(document) == {"$ref": "#/components/schemas/Compound"}


def test_a_dynamic_ref_nothing_declares_is_left_alone() -> None:
    document = filters({"$dynamicRef": "#elsewhere"})
    assert resolve_recursive_refs(document) == 0
    assert items_of(document) == {"$dynamicRef": "#elsewhere"}


def test_a_recursive_union_dispatches_strictly_and_imports(tmp_path: Path) -> None:
    spec = tmp_path / "filters.json"
    document = {"openapi": "3.1.0", "info": {"title": "Filters", "version": "1"}, "paths": {}}
    spec.write_text(json.dumps(document | filters({"$recursiveRef": "#"}, **{"$recursiveAnchor": True})))
    result = generate_document(spec, tmp_path / "out", strict=True)
    assert [module.pointer for module in result.rendering.union_modules] == [
        "/components/schemas/Compound/properties/filters/items"
    ]
    with imported(tmp_path / "out", "filters_client.models") as models:
        payload = {"type": "and", "filters": [{"type": "eq", "key": "a"}, {"type": "or", "filters": []}]}
        compound = models.Compound.from_dict(payload)
        assert [type(item).__name__ for item in compound.filters] == ["Comparison", "Compound"]
        assert compound.to_dict() == payload
