"""What the specs say, read independently of the generator: secret fields and documented statuses."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.oracle.spec_schemas import CLIENTS, SCHEMA_PREFIX, SPECS, load_spec, response_schemas, union_variants


@dataclass(frozen=True)
class SecretField:
    client: str
    schema: str
    class_title: str
    field: str

    def __str__(self) -> str:
        return f"{self.client}-{self.schema}.{self.field}"


def _properties(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return _properties(schemas[schema["$ref"].removeprefix(SCHEMA_PREFIX)], schemas)
    found: dict[str, Any] = {}
    for part in schema.get("allOf", []):
        found.update(_properties(part, schemas))
    found.update(schema.get("properties", {}))
    return found


def _is_secret(prop: dict[str, Any]) -> bool:
    return prop.get("format") == "password" or prop.get("writeOnly") is True


def secret_fields(*, requests: bool) -> list[SecretField]:
    """Secret fields of request variants (``requests``) or of success response bodies."""
    out = []
    for client in CLIENTS:
        spec = load_spec(SPECS / f"{client}.yaml")
        schemas = spec["components"]["schemas"]
        if requests:
            names = [(v.schema, v.class_title) for v in union_variants(spec)]
        else:
            names = [(name, schemas[name].get("title", name)) for name in response_schemas(spec, success_only=True)]
        for name, title in names:
            for field, prop in _properties(schemas[name], schemas).items():
                if _is_secret(prop):
                    out.append(SecretField(client, name, title, field))
    return out


def documented_statuses(client: str) -> dict[str, list[int]]:
    """operationId → its documented status codes."""
    spec = load_spec(SPECS / f"{client}.yaml")
    return {
        operation["operationId"]: sorted(int(status) for status in operation["responses"])
        for path_item in spec["paths"].values()
        for operation in path_item.values()
    }
