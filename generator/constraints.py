"""What a request body must satisfy before it is sent, read from the spec for every model a request
can carry.

Per property: its JSON type, whether it is required, the values ``const``/``enum`` allow (for
fields the generated code types as a plain ``str``/``Literal``; enum classes check themselves),
``minimum``/``maximum`` (and their exclusive forms), ``minLength``/``maxLength``, ``pattern``, and
the fields ``dependentRequired`` asks to be sent with it.
The result is handed to the model template as the source text of a tuple of
``grantwire_core.checks.Rule``; ``to_dict()`` checks them, so a fourth API gets its checks from its
spec alone.
"""

from __future__ import annotations

from typing import Any

from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import EnumProperty, ModelProperty

from generator.schema_index import SchemaIndex
from generator.unions import models_by_schema
from generator.upstream import document_text

_JSON_TYPES = {"string", "integer", "number", "boolean"}
_BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength")


def request_rules(openapi: GeneratorData, index: SchemaIndex) -> dict[str, str]:
    """Generated class name → the source of its rules tuple, for every model a request body reaches."""
    models = models_by_schema(openapi)
    result: dict[str, str] = {}
    for name in sorted(_request_schemas(index)):
        model = models.get(name)
        schema = index.components.get(name)
        if model is None or not isinstance(schema, dict):
            continue
        rules = _model_rules(model, schema, index)
        if rules:
            result[str(model.class_info.name)] = "(\n" + "".join(f"    {rule},\n" for rule in rules) + ")"
    return result


def _request_schemas(index: SchemaIndex) -> set[str]:
    """Names of the component schemas a request body can carry (through $ref, allOf, oneOf, anyOf,
    properties and array items)."""
    found: set[str] = set()
    for item in (index.document.get("paths") or {}).values():
        for operation in item.values() if isinstance(item, dict) else ():
            if not isinstance(operation, dict):
                continue
            for media in operation.get("requestBody", {}).get("content", {}).values():
                _collect(media.get("schema"), index, found)
    return found


def _collect(schema: Any, index: SchemaIndex, found: set[str]) -> None:
    if not isinstance(schema, dict):
        return
    reference = schema.get("$ref")
    if isinstance(reference, str):
        name = index.component_name(reference)
        if name is not None and name not in found:
            found.add(name)
            _collect(index.components.get(name), index, found)
        return
    for key in ("allOf", "oneOf", "anyOf"):
        for part in schema.get(key, []):
            _collect(part, index, found)
    for prop in schema.get("properties", {}).values():
        _collect(prop, index, found)
    _collect(schema.get("items"), index, found)


def _model_rules(model: ModelProperty, schema: dict[str, Any], index: SchemaIndex) -> list[str]:
    merged = index.merged(schema)
    props = [*(model.required_properties or []), *(model.optional_properties or [])]
    attributes = {_wire(prop): prop.python_name for prop in props}
    rules = []
    for prop in props:
        wire = _wire(prop)
        spec = merged.properties.get(wire)
        if isinstance(spec, dict) and "$ref" in spec:
            spec = index.at(spec["$ref"])
        if not isinstance(spec, dict):
            continue
        fields = {
            "required": wire in merged.required,
            **_rule_fields(spec, is_enum_class=isinstance(prop, EnumProperty)),
        }
        if merged.dependent_required.get(wire):
            fields["requires"] = tuple((other, str(attributes[other])) for other in merged.dependent_required[wire])
        if fields == {"required": False}:
            continue  # an optional enum field: its enum class checks its value
        arguments = ", ".join(f"{key}={value!r}" for key, value in fields.items())
        rules.append(f"Rule({wire!r}, {prop.python_name!r}, {arguments})")
    return rules


def _wire(prop: Any) -> str:
    return document_text(prop.name)


def _rule_fields(spec: dict[str, Any], *, is_enum_class: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    kind = spec.get("type")
    if isinstance(kind, str) and kind in _JSON_TYPES and not is_enum_class:
        fields["kind"] = kind
    if not is_enum_class:
        if "const" in spec:
            fields["allowed"] = (spec["const"],)
        elif isinstance(spec.get("enum"), list):
            fields["allowed"] = tuple(spec["enum"])
    for bound in _BOUNDS:
        if isinstance(spec.get(bound), int | float) and not isinstance(spec.get(bound), bool):
            fields[_snake(bound)] = spec[bound]
    if isinstance(spec.get("pattern"), str):
        fields["pattern"] = spec["pattern"]
    return fields


def _snake(name: str) -> str:
    return "".join(f"_{char.lower()}" if char.isupper() else char for char in name)


__all__ = ["request_rules"]
