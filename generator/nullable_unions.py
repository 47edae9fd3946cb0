"""A discriminated union with a ``type: null`` member is read as a nullable discriminated union.

OpenAPI 3.1 documents write "one of these objects, or null" as ``oneOf: [A, B, {type: "null"}]``
beside a ``discriminator``. The discriminator selects among the objects only (null has no property
to read), so the union is rewritten to ``anyOf: [{oneOf: [A, B], discriminator: …}, {type: "null"}]``:
the objects keep their dispatch table, and null is what upstream makes of a ``type: null`` member of a
plain union (``None``). Without this the whole union would fall back to try-each.
"""

from __future__ import annotations

from typing import Any

from generator.discriminators import UNION_KEYWORDS
from generator.schema_index import SchemaIndex


def split_null_members(document: dict[str, Any]) -> int:
    """Rewrite every such union in place; return how many."""
    return sum(_split(node) for _, node in SchemaIndex(document).walk())


def _split(node: dict[str, Any]) -> bool:
    discriminator = node.get("discriminator")
    keyword = next((k for k in UNION_KEYWORDS if isinstance(node.get(k), list)), None)
    if not isinstance(discriminator, dict) or keyword is None:
        return False
    members = node[keyword]
    nulls = [member for member in members if _is_null(member)]
    objects = [member for member in members if not _is_null(member)]
    if not nulls or not objects:
        return False
    del node[keyword]
    del node["discriminator"]
    node["anyOf"] = [{keyword: objects, "discriminator": discriminator}, nulls[0]]
    return True


def _is_null(member: Any) -> bool:
    if not isinstance(member, dict):
        return False
    kind = member.get("type")
    rest = set(member) - {"type", "description", "title"}
    return not rest and (kind == "null" or kind == ["null"])
