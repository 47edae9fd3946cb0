"""The schema index every generator step reads a document through: walk, resolve, merge, names."""

from __future__ import annotations

from typing import Any

from generator.schema_index import SchemaIndex


def document(schemas: dict[str, Any], paths: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "t", "version": "1"},
        "paths": paths or {},
        "components": {"schemas": schemas},
    }


def test_walk_yields_every_schema_with_its_pointer_in_document_order() -> None:
    index = SchemaIndex(
        document(
            {
                "A": {"type": "object", "properties": {"x": {"type": "string"}, "a/b": {"items": {"type": "integer"}}}},
                "B": {"oneOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}]},
            }
        )
    )
    pointers = [pointer for pointer, _ in index.walk("/components/schemas")]
    assert pointers == [
        "/components/schemas",
        "/components/schemas/A",
        "/components/schemas/A/properties/x",
        "/components/schemas/A/properties/a~1b",
        "/components/schemas/A/properties/a~1b/items",
        "/components/schemas/B",
        "/components/schemas/B/oneOf/0",
        "/components/schemas/B/oneOf/1",
    ]


def test_walk_skips_payloads_but_not_properties_named_like_payload_keywords() -> None:
    index = SchemaIndex(
        document(
            {
                "A": {
                    "properties": {"default": {"type": "string"}, "properties": {"type": "object"}},
                    "example": {"discriminator": {"propertyName": "kind"}},
                    "default": {"oneOf": []},
                }
            }
        )
    )
    assert [pointer for pointer, _ in index.walk("/components/schemas/A")] == [
        "/components/schemas/A",
        "/components/schemas/A/properties/default",
        "/components/schemas/A/properties/properties",
    ]


def test_walk_goes_on_into_what_the_caller_wrote_into_a_node() -> None:
    doc = document({"A": {"type": "object"}})
    seen = []
    for pointer, node in SchemaIndex(doc).walk("/components/schemas/A"):
        seen.append(pointer)
        if pointer == "/components/schemas/A":
            node["items"] = {"type": "string"}
    assert seen == ["/components/schemas/A", "/components/schemas/A/items"]


def test_component_names_and_pointers_round_trip_with_escapes() -> None:
    pointer = SchemaIndex.component_pointer("a/b~c")
    assert pointer == "/components/schemas/a~1b~0c"
    assert SchemaIndex.component_name(pointer) == "a/b~c"
    assert SchemaIndex.component_name("#" + pointer) == "a/b~c"
    assert SchemaIndex.component_name("#/components/schemas/A/properties/x") is None
    assert SchemaIndex.component_name("#/components/parameters/A") is None
    assert SchemaIndex.component_name("other.yaml#/components/schemas/A") is None


def test_resolve_follows_references_and_stops_at_cycles_and_foreign_ones() -> None:
    index = SchemaIndex(
        document(
            {
                "A": {"$ref": "#/components/schemas/B"},
                "B": {"type": "string"},
                "Loop1": {"$ref": "#/components/schemas/Loop2"},
                "Loop2": {"$ref": "#/components/schemas/Loop1"},
            }
        )
    )
    assert index.resolve({"$ref": "#/components/schemas/A"}) == {"type": "string"}
    assert index.resolve({"$ref": "#/components/schemas/Loop1"}) == {}
    assert index.resolve({"$ref": "other.yaml#/A"}) == {}
    assert index.resolve({"$ref": "#/components/schemas/Missing"}) == {}


def test_merged_joins_allof_parts_through_references_and_the_own_definition_wins() -> None:
    index = SchemaIndex(
        document(
            {
                "Base": {
                    "properties": {"id": {"type": "string"}, "kind": {"type": "string"}},
                    "required": ["id"],
                    "dependentRequired": {"a": ["b"]},
                },
                "Middle": {"allOf": [{"$ref": "#/components/schemas/Base"}], "properties": {"m": {}}},
                "Leaf": {
                    "allOf": [{"$ref": "#/components/schemas/Middle"}, {"required": ["m"]}],
                    "properties": {"kind": {"const": "leaf"}},
                },
            }
        )
    )
    merged = index.merged(index.components["Leaf"])
    assert set(merged.properties) == {"id", "kind", "m"}
    assert merged.properties["kind"] == {"const": "leaf"}
    assert merged.required == {"id", "m"}
    assert merged.dependent_required == {"a": ("b",)}


def test_merged_is_safe_on_cyclic_allof() -> None:
    index = SchemaIndex(
        document(
            {
                "A": {"allOf": [{"$ref": "#/components/schemas/B"}], "properties": {"a": {}}, "required": ["a"]},
                "B": {"allOf": [{"$ref": "#/components/schemas/A"}], "properties": {"b": {}}},
                "Self": {"allOf": [{"$ref": "#/components/schemas/Self"}], "properties": {"s": {}}},
            }
        )
    )
    assert set(index.merged(index.components["A"]).properties) == {"a", "b"}
    assert index.merged(index.components["A"]).required == {"a"}
    assert set(index.merged({"$ref": "#/components/schemas/Self"}).properties) == {"s"}


def test_extension_flags_on_components_and_on_properties_at_any_depth() -> None:
    flag = "x-grantwire-test"
    index = SchemaIndex(
        document(
            {
                "A": {flag: True, "properties": {"p": {flag: True}, "q": {flag: False}}},
                "B": {
                    "oneOf": [{"properties": {"r": {flag: True}}}],
                    "properties": {"nested": {"properties": {"deep": {flag: True}}}},
                },
                "C": {flag: "yes"},
            }
        )
    )
    assert index.flagged_components(flag) == {"A"}
    assert index.flagged_properties(flag) == {"p", "r", "deep"}


def test_dynamic_anchors_name_the_components_that_declare_them() -> None:
    index = SchemaIndex(document({"A": {"$dynamicAnchor": "node"}, "B": {"$dynamicAnchor": "node"}, "C": {}}))
    assert index.dynamic_anchors() == {"node": ["A", "B"]}
