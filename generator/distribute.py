"""An ``allOf`` with one discriminated ``oneOf``/``anyOf`` part is read as a union of ``allOf``s.

Upstream merges an ``allOf`` into one model from the properties of its parts, and a part that is a
union has none, so its members' fields vanish. RingCentral's token request is written that way:
``PublicGetTokenRequest: allOf [ClientIdModel, ClientAuthJwtModel, BaseTokenRequest, anyOf
[AuthCodeTokenRequest, JwtTokenRequest, RefreshTokenRequest] + discriminator]``. JSON Schema says
the same thing when the union goes outside: ``anyOf [allOf [ClientIdModel, …, AuthCodeTokenRequest],
…]``. Each member becomes a component schema of its own, named after the schema and the member
(``PublicGetTokenRequestAuthCodeTokenRequest``), and the explicit mapping is rewritten to them, so
the union is dispatched like any other.
"""

from __future__ import annotations

from typing import Any

from generator.discriminators import SCHEMA_PREFIX, UNION_KEYWORDS


def distribute_allof_unions(document: dict[str, Any]) -> list[str]:
    """Rewrite each such schema in place; return one line per schema rewritten."""
    schemas = (document.get("components") or {}).get("schemas")
    if not isinstance(schemas, dict):
        return []
    notes = []
    for name, schema in list(schemas.items()):
        union = _single_discriminated_part(schema)
        if union is None:
            continue
        keyword = next(k for k in UNION_KEYWORDS if isinstance(union.get(k), list))
        common = [part for part in schema["allOf"] if part is not union]
        own = {key: schema[key] for key in ("properties", "required") if key in schema}
        if own:
            common.append({"type": "object", **own})
        targets: dict[str, str] = {}
        members = []
        for index, member in enumerate(union[keyword]):
            reference = member.get("$ref") if isinstance(member, dict) else None
            suffix = reference.removeprefix(SCHEMA_PREFIX) if isinstance(reference, str) else f"Member{index}"
            new_name = _free_name(f"{name}{suffix}", schemas)
            schemas[new_name] = {"allOf": [*common, member]}
            if isinstance(reference, str):
                targets[reference] = f"{SCHEMA_PREFIX}{new_name}"
                targets[reference.removeprefix(SCHEMA_PREFIX)] = f"{SCHEMA_PREFIX}{new_name}"
            members.append({"$ref": f"{SCHEMA_PREFIX}{new_name}"})
        discriminator = dict(union["discriminator"])
        if isinstance(discriminator.get("mapping"), dict):
            discriminator["mapping"] = {
                value: targets.get(str(target), target) for value, target in discriminator["mapping"].items()
            }
        rewritten = {key: value for key, value in schema.items() if key not in ("allOf", "properties", "required")}
        rewritten[keyword] = members
        rewritten["discriminator"] = discriminator
        schemas[name] = rewritten
        created = ", ".join(member["$ref"].removeprefix(SCHEMA_PREFIX) for member in members)
        notes.append(
            f"/components/schemas/{name}: an allOf with a discriminated {keyword} part is read as "
            f"{keyword} of allOfs ({created})"
        )
    return notes


def _single_discriminated_part(schema: Any) -> dict[str, Any] | None:
    parts = schema.get("allOf") if isinstance(schema, dict) else None
    if not isinstance(parts, list) or any(keyword in schema for keyword in UNION_KEYWORDS):
        return None
    unions = [
        part
        for part in parts
        if isinstance(part, dict)
        and isinstance(part.get("discriminator"), dict)
        and any(isinstance(part.get(keyword), list) for keyword in UNION_KEYWORDS)
    ]
    return unions[0] if len(unions) == 1 else None


def _free_name(name: str, schemas: dict[str, Any]) -> str:
    candidate, number = name, 2
    while candidate in schemas:
        candidate, number = f"{name}{number}", number + 1
    return candidate
