"""JSON Schemas for single components of a spec, self-contained for hypothesis-jsonschema.

References are inlined and ``allOf`` parts merged, so a variant becomes one closed object schema:
generated bodies carry exactly the fields the spec names, which is what a client sends.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

SCHEMA_PREFIX = "#/components/schemas/"
SPECS = Path(__file__).resolve().parents[2] / "specs"
CLIENTS = ("docusign", "ringcentral", "usegrant")
# OpenAPI annotations that mean nothing to a JSON Schema data generator.
_ANNOTATIONS = {"description", "example", "examples", "x-enum-varnames", "discriminator", "title", "writeOnly"}
# hypothesis-jsonschema generates these itself; the others only annotate a string.
_KNOWN_FORMATS = {"date-time", "uuid", "uri", "email"}


def load_spec(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def resolve(spec: dict[str, Any], schema: Any) -> Any:
    """``schema`` with every ``$ref`` inlined and ``allOf`` merged into one object."""
    if isinstance(schema, list):
        return [resolve(spec, item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    if "$ref" in schema:
        return resolve(spec, spec["components"]["schemas"][schema["$ref"].removeprefix(SCHEMA_PREFIX)])
    out: dict[str, Any] = {}
    for key, value in schema.items():
        if key in _ANNOTATIONS or (key == "format" and value not in _KNOWN_FORMATS):
            continue
        if key == "properties":
            out[key] = {name: resolve(spec, inner) for name, inner in value.items()}
        elif key != "allOf":
            out[key] = resolve(spec, value)
    for part in schema.get("allOf", []):
        merged = resolve(spec, part)
        out.setdefault("properties", {}).update(merged.get("properties", {}))
        out["required"] = sorted(set(out.get("required", [])) | set(merged.get("required", [])))
        out.update({k: v for k, v in merged.items() if k not in {"properties", "required"}})
    if "properties" in out and "oneOf" not in out:
        out["additionalProperties"] = False
    return out


@dataclass(frozen=True)
class UnionVariant:
    """A leaf variant of a discriminated union: its schema name and the class name it gets."""

    union: str
    schema: str
    class_title: str


def union_variants(spec: dict[str, Any]) -> Iterator[UnionVariant]:
    """Every leaf of every discriminated ``oneOf`` among the component schemas."""
    schemas = spec["components"]["schemas"]
    for union, schema in schemas.items():
        if "discriminator" not in schema:
            continue
        for member in schema["oneOf"]:
            name = member["$ref"].removeprefix(SCHEMA_PREFIX)
            nested = schemas[name].get("oneOf")
            leaves = [m["$ref"].removeprefix(SCHEMA_PREFIX) for m in nested] if nested else [name]
            for leaf in leaves:
                yield UnionVariant(union=union, schema=leaf, class_title=schemas[leaf].get("title", leaf))


def response_schemas(spec: dict[str, Any], *, success_only: bool = False) -> list[str]:
    """The component schemas that some operation's JSON response body (2xx only if asked) refers to."""
    names: set[str] = set()
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            for status, response in operation.get("responses", {}).items():
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if "$ref" in schema and (not success_only or str(status).startswith("2")):
                    names.add(schema["$ref"].removeprefix(SCHEMA_PREFIX))
    return sorted(names)


def comparable_name(name: str) -> str:
    """Class names the two generators derive from one title, compared without case or separators."""
    return "".join(ch for ch in name.lower() if ch.isalnum())
