"""Which generated fields hold secrets, and which variants carry a single-use credential.

Both come from the spec: a property is secret when it is ``format: password`` or ``writeOnly``
(the Spectral rule ``grantwire-secret-marked`` makes sure every secret-looking name is); a schema
carries a single-use credential when it says ``x-grantwire-single-use: true``. Templates get them
keyed by generated class name.
"""

from __future__ import annotations

from typing import Any

from openapi_python_client.parser import GeneratorData

from generator.schema_index import SchemaIndex
from generator.unions import models_by_schema
from generator.upstream import document_text

SINGLE_USE = "x-grantwire-single-use"


def secret_fields(openapi: GeneratorData, index: SchemaIndex) -> dict[str, frozenset[str]]:
    """Generated class name → python names of its secret fields (classes without any are left out)."""
    result: dict[str, frozenset[str]] = {}
    for model in openapi.models:
        wire_names: set[str] = set()
        for root in model.roots:
            reference = document_text(root)
            schema = index.at(reference) if reference.startswith("/") else None
            wire_names |= _secret_properties(schema, index)
        python_names = frozenset(
            prop.python_name
            for prop in [*(model.required_properties or []), *(model.optional_properties or [])]
            if prop.name in wire_names
        )
        if python_names:
            result[str(model.class_info.name)] = python_names
    return result


def single_use_classes(openapi: GeneratorData, index: SchemaIndex) -> frozenset[str]:
    models = models_by_schema(openapi)
    flagged = index.flagged_components(SINGLE_USE)
    return frozenset(str(models[name].class_info.name) for name in flagged if name in models)


def _secret_properties(schema: Any, index: SchemaIndex) -> set[str]:
    """Wire names a schema (through $ref and allOf) marks secret: any part marking it is enough."""
    return {
        name
        for part in index.parts(schema)
        for name, prop in (part.get("properties") or {}).items()
        if isinstance(prop, dict) and (prop.get("format") == "password" or prop.get("writeOnly") is True)
    }


__all__ = ["SINGLE_USE", "secret_fields", "single_use_classes"]
