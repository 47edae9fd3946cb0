"""Which generated fields hold secrets, and which variants carry a single-use credential.

Both come from the spec: a property is secret when it is ``format: password`` or ``writeOnly``
(the Spectral rule ``grantwire-secret-marked`` makes sure every secret-looking name is); a schema
carries a single-use credential when it says ``x-grantwire-single-use: true``. Templates get them
keyed by generated class name.
"""

from __future__ import annotations

from typing import Any

from openapi_python_client.parser import GeneratorData

from generator.spec import at_pointer
from generator.unions import models_by_schema
from generator.upstream import document_text

SINGLE_USE = "x-grantwire-single-use"


def secret_fields(openapi: GeneratorData, document: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Generated class name → python names of its secret fields (classes without any are left out)."""
    result: dict[str, frozenset[str]] = {}
    for model in openapi.models:
        wire_names: set[str] = set()
        for root in model.roots:
            reference = document_text(root)
            schema = at_pointer(document, reference) if reference.startswith("/") else None
            wire_names |= _secret_properties(schema, document)
        python_names = frozenset(
            prop.python_name
            for prop in [*(model.required_properties or []), *(model.optional_properties or [])]
            if prop.name in wire_names
        )
        if python_names:
            result[str(model.class_info.name)] = python_names
    return result


def single_use_classes(openapi: GeneratorData, document: dict[str, Any]) -> frozenset[str]:
    schemas = document.get("components", {}).get("schemas", {})
    models = models_by_schema(openapi)
    return frozenset(
        str(models[name].class_info.name)
        for name, schema in schemas.items()
        if isinstance(schema, dict) and schema.get(SINGLE_USE) is True and name in models
    )


def _secret_properties(schema: Any, document: dict[str, Any], seen: frozenset[int] = frozenset()) -> set[str]:
    if not isinstance(schema, dict) or id(schema) in seen:
        return set()
    seen = seen | {id(schema)}
    if "$ref" in schema:
        return _secret_properties(at_pointer(document, schema["$ref"].removeprefix("#")), document, seen)
    found = {
        name
        for name, prop in schema.get("properties", {}).items()
        if isinstance(prop, dict) and (prop.get("format") == "password" or prop.get("writeOnly") is True)
    }
    for part in schema.get("allOf", []):
        found |= _secret_properties(part, document, seen)
    return found


__all__ = ["SINGLE_USE", "secret_fields", "single_use_classes"]
