"""A schema as the list of plain object variants it accepts, for comparing two documents.

``allOf`` parts are merged, ``oneOf``/``anyOf`` members become variants of their own (each merged
with what surrounds it), references are inlined, and each variant knows the values it pins for a
discriminating property. Works on OpenAPI 3.0 and 3.1 documents alike: both the upstream documents
and our specs are read with it, so neither is favoured.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from generator.spec import at_pointer
from tests.oracle.strategies import from_schema

# Keys that only annotate; everything else is kept for validation.
_ANNOTATIONS = {"description", "example", "examples", "title", "x-enum-varnames", "discriminator", "writeOnly"}
# Formats a payload generator can honour; others (password, int32) only annotate a string or number.
_DRAWN_FORMATS = {"date-time", "uuid", "uri", "email"}


@dataclass(frozen=True)
class Variant:
    """One object shape a schema accepts: ``schema`` validates it, ``drawn`` generates it."""

    label: str
    schema: dict[str, Any]

    def pinned(self, name: str) -> tuple[Any, ...] | None:
        """The values this variant allows for property ``name``, if it pins them."""
        prop = self.schema.get("properties", {}).get(name, {})
        if "const" in prop:
            return (prop["const"],)
        if isinstance(prop.get("enum"), list):
            return tuple(prop["enum"])
        return None

    def draw(self, *, with_defaults: bool) -> Any:
        """A hypothesis strategy for payloads of this variant: exactly its properties, and with
        ``with_defaults`` the defaults of the ones left out (what an SDK with defaults sends)."""
        drawn = _for_drawing(self.schema)
        strategy = from_schema(drawn)
        if not with_defaults:
            return strategy
        defaults = {
            name: prop["default"] for name, prop in self.schema.get("properties", {}).items() if "default" in prop
        }
        return strategy.map(lambda payload: {**defaults, **payload})


def variants(document: dict[str, Any], schema: dict[str, Any], label: str) -> list[Variant]:
    """Every object variant ``schema`` (in ``document``) accepts."""
    return [Variant(label=name, schema=merged) for name, merged in _flatten(document, schema, label)]


def inline(document: dict[str, Any], schema: Any) -> Any:
    """``schema`` with its references inlined and annotations dropped (formats are kept)."""
    if isinstance(schema, list):
        return [inline(document, item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return inline(document, at_pointer(document, schema["$ref"]))
    return {key: inline(document, value) for key, value in schema.items() if key not in _ANNOTATIONS}


def _flatten(document: dict[str, Any], schema: dict[str, Any], label: str) -> list[tuple[str, dict[str, Any]]]:
    if "$ref" in schema:
        reference = schema["$ref"]
        return _flatten(document, at_pointer(document, reference), reference.rsplit("/", 1)[-1])
    own = {key: value for key, value in schema.items() if key not in {"allOf", "oneOf", "anyOf"}}
    shapes: list[tuple[str, dict[str, Any]]] = [(label, inline(document, own))]
    for part in schema.get("allOf", []):
        inner = _flatten(document, part, label)
        # A part with one shape adds to every shape; a part holding a union multiplies them, and its
        # members name the results.
        shapes = [
            (name if len(inner) == 1 else inner_label, _merge(shape, inner_shape))
            for name, shape in shapes
            for inner_label, inner_shape in inner
        ]
    members = schema.get("oneOf", []) + schema.get("anyOf", [])
    if members:
        shapes = [
            (inner_label, _merge(shape, inner_shape))
            for _, shape in shapes
            for member in members
            for inner_label, inner_shape in _flatten(document, member, label)
        ]
    return shapes


def _merge(outer: dict[str, Any], inner: dict[str, Any]) -> dict[str, Any]:
    merged = {**outer, **{key: value for key, value in inner.items() if key not in {"properties", "required"}}}
    merged["properties"] = {**outer.get("properties", {}), **inner.get("properties", {})}
    merged["required"] = sorted(set(outer.get("required", [])) | set(inner.get("required", [])))
    if not merged["properties"]:
        del merged["properties"]
    if not merged["required"]:
        del merged["required"]
    return merged


def _for_drawing(schema: Any) -> Any:
    """A copy the payload strategies understand: closed objects, formats they can draw."""
    if isinstance(schema, list):
        return [_for_drawing(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {
        key: _for_drawing(value)
        for key, value in copy.deepcopy(schema).items()
        if key != "allOf" and not (key == "format" and value not in _DRAWN_FORMATS)
    }
    for part in schema.get("allOf", []):  # a nested allOf (array items, properties): one object
        out = _merge(out, _for_drawing(part))
    if "properties" in out:
        out["additionalProperties"] = False
    return out
