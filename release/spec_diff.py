"""What changed between two OpenAPI documents of one client, as the client's users see it.

Operations (by method and path), their parameters and response statuses, the component schemas
with their properties and enum values, and the request fields that became required. Removing or
narrowing any of them is breaking, adding one is an addition; a document that differs in anything
else (descriptions, examples, servers) is a patch.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from release.changes import Change, added, narrowed, patched, removed

_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")
_SCHEMA_PREFIX = "#/components/schemas/"


def spec_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[Change]:
    """Every change from ``old`` to ``new``, sorted strongest first; empty when they are equal."""
    if old == new:
        return []
    changes = [*_operation_changes(old, new), *_schema_changes(old, new)]
    if not changes:
        changes.append(patched("OpenAPI document changed (descriptions, examples or other text only)"))
    return sorted(set(changes), key=lambda change: (-change.impact, change.text))


def _operations(document: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    paths = document.get("paths") or {}
    return {
        (method.upper(), path): operation
        for path, item in paths.items()
        for method, operation in (item or {}).items()
        if method in _METHODS and isinstance(operation, Mapping)
    }


def _label(key: tuple[str, str], operation: Mapping[str, Any]) -> str:
    method, path = key
    name = operation.get("operationId")
    return f"{name} ({method} {path})" if name else f"{method} {path}"


def _operation_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    before, after = _operations(old), _operations(new)
    for key in before.keys() - after.keys():
        yield removed(f"removed operation {_label(key, before[key])}")
    for key in after.keys() - before.keys():
        yield added(f"added operation {_label(key, after[key])}")
    for key in before.keys() & after.keys():
        label = _label(key, after[key])
        yield from _parameter_changes(label, before[key], after[key], old, new)
        old_bodies, new_bodies = _inline_body(before[key], old), _inline_body(after[key], new)
        for media in sorted(old_bodies.keys() & new_bodies.keys()):
            body = f"{after[key].get('operationId') or ' '.join(key)}.body"
            body += f"[{media}]" if len(new_bodies) > 1 else ""
            yield from _fields_changes(body, old_bodies[media], new_bodies[media], is_request=True)
        old_statuses = set(map(str, before[key].get("responses") or {}))
        new_statuses = set(map(str, after[key].get("responses") or {}))
        for status in sorted(old_statuses - new_statuses):
            yield removed(f"removed status {status} from {label}")
        for status in sorted(new_statuses - old_statuses):
            yield added(f"added status {status} to {label}")


def _parameters(operation: Mapping[str, Any], document: Mapping[str, Any]) -> dict[tuple[str, str], Mapping[str, Any]]:
    found = {}
    for parameter in operation.get("parameters") or []:
        resolved = _resolve(parameter, document)
        found[(str(resolved.get("in")), str(resolved.get("name")))] = resolved
    return found


def _parameter_changes(
    label: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    old: Mapping[str, Any],
    new: Mapping[str, Any],
) -> Iterator[Change]:
    old_parameters, new_parameters = _parameters(before, old), _parameters(after, new)
    for where, name in sorted(old_parameters.keys() - new_parameters.keys()):
        yield removed(f"removed {where} parameter {name} from {label}")
    for where, name in sorted(new_parameters.keys() - old_parameters.keys()):
        if new_parameters[(where, name)].get("required"):
            yield narrowed(f"added required {where} parameter {name} to {label}")
        else:
            yield added(f"added {where} parameter {name} to {label}")
    for key in sorted(old_parameters.keys() & new_parameters.keys()):
        if new_parameters[key].get("required") and not old_parameters[key].get("required"):
            yield narrowed(f"{key[0]} parameter {key[1]} of {label} is now required")


def _schema_changes(old: Mapping[str, Any], new: Mapping[str, Any]) -> Iterator[Change]:
    before, after = _schemas(old), _schemas(new)
    requests = _request_schemas(new)
    for name in sorted(before.keys() - after.keys()):
        yield removed(f"removed schema {name}")
    for name in sorted(after.keys() - before.keys()):
        yield added(f"added schema {name}")
    for name in sorted(before.keys() & after.keys()):
        yield from _fields_changes(name, before[name], after[name], is_request=name in requests)


def _fields_changes(
    name: str, before: Mapping[str, Any], after: Mapping[str, Any], *, is_request: bool
) -> Iterator[Change]:
    """Fields and enum values of one schema (a component, or an operation's inline request body)."""
    old_fields, new_fields = _fields(before), _fields(after)
    for field in sorted(old_fields.keys() - new_fields.keys()):
        yield removed(f"removed field {name}.{field}")
    old_required, new_required = _required(before), _required(after)
    for field in sorted(new_fields.keys() - old_fields.keys()):
        if field in new_required and is_request:
            yield narrowed(f"added required request field {name}.{field}")
        else:
            yield added(f"added field {name}.{field}")
    for field in sorted((new_required - old_required) & old_fields.keys()):
        if is_request:
            yield narrowed(f"request field {name}.{field} is now required")
    yield from _enum_changes(name, before, after)
    for field in sorted(old_fields.keys() & new_fields.keys()):
        yield from _enum_changes(f"{name}.{field}", old_fields[field], new_fields[field])


def _inline_body(operation: Mapping[str, Any], document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """The request body schemas written inside the operation, by media type (a ``$ref`` to a
    component is compared with the components)."""
    content = _resolve(operation.get("requestBody") or {}, document).get("content") or {}
    return {
        media: item["schema"]
        for media, item in content.items()
        if isinstance(item, Mapping) and isinstance(item.get("schema"), Mapping) and "$ref" not in item["schema"]
    }


def _enum_changes(label: str, before: Mapping[str, Any], after: Mapping[str, Any]) -> Iterator[Change]:
    old_values, new_values = _enum_values(before), _enum_values(after)
    if old_values is None or new_values is None:
        return
    for value in sorted(old_values - new_values, key=repr):
        yield removed(f"removed enum value {value!r} from {label}")
    for value in sorted(new_values - old_values, key=repr):
        yield added(f"added enum value {value!r} to {label}")


def _enum_values(schema: Mapping[str, Any]) -> set[object] | None:
    """The values of an enum schema (or of an array of one); ``None`` when it is no enum."""
    items = schema.get("items")
    values = schema.get("enum", items.get("enum") if isinstance(items, Mapping) else None)
    if values is None and "const" in schema:
        values = [schema["const"]]
    return set(map(_hashable, values)) if isinstance(values, list) else None


def _hashable(value: object) -> object:
    return repr(value) if isinstance(value, (list, dict)) else value


def _schemas(document: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return dict((document.get("components") or {}).get("schemas") or {})


def _parts(schema: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    """The schema and its inline ``allOf`` parts: together they hold its properties."""
    yield schema
    for part in schema.get("allOf") or []:
        if isinstance(part, Mapping) and "$ref" not in part:
            yield from _parts(part)


def _fields(schema: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {name: field for part in _parts(schema) for name, field in (part.get("properties") or {}).items()}


def _required(schema: Mapping[str, Any]) -> set[str]:
    return {name for part in _parts(schema) for name in part.get("required") or []}


def _request_schemas(document: Mapping[str, Any]) -> set[str]:
    """Component schemas a request body reaches, directly or through other schemas."""
    pending: list[Any] = [
        _resolve(operation.get("requestBody") or {}, document) for operation in _operations(document).values()
    ]
    schemas, seen = _schemas(document), set()
    while pending:
        node = pending.pop()
        if isinstance(node, Mapping):
            reference = node.get("$ref")
            if isinstance(reference, str) and reference.startswith(_SCHEMA_PREFIX):
                name = reference.removeprefix(_SCHEMA_PREFIX)
                if name not in seen and name in schemas:
                    seen.add(name)
                    pending.append(schemas[name])
            pending.extend(node.values())
        elif isinstance(node, list):
            pending.extend(node)
    return seen


def _resolve(node: Any, document: Mapping[str, Any]) -> Mapping[str, Any]:
    """``node`` itself, or what its local ``$ref`` points at (parameters, request bodies)."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and seen < 20:
        target: Any = document
        for token in node["$ref"].removeprefix("#/").split("/"):
            target = target.get(token.replace("~1", "/").replace("~0", "~"), {}) if isinstance(target, Mapping) else {}
        node, seen = target, seen + 1
    return node if isinstance(node, Mapping) else {}
