"""Component schemas whose titles would give two classes one name are named by their own keys.

Upstream names a component schema's class after its ``title`` when it has one, and refuses the
second schema that comes out with the same class name ("Attempted to generate duplicate models"),
together with everything that refers to it. Documents written elsewhere repeat titles freely
(RingCentral's gives "Daily Trigger" to a request and a resource schema, and titles
`MobileDeliveryModeRequest` "Mobile Delivery Mode", the name of another schema), so before parsing,
each titled schema whose class name another component schema's would repeat takes its key as its
title. Renaming can create a new clash (OpenAI's `CodeInterpreterTool`, titled "Code interpreter",
would meet `AssistantToolsCode`, titled "Code interpreter tool"), so it repeats until none is left.
A document whose class names are distinct is left exactly as it is.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from openapi_python_client import strings

from generator.schema_index import SchemaIndex


def distinct_titles(document: dict[str, Any]) -> list[str]:
    """Retitle the schemas whose class names collide; return their JSON pointers."""
    schemas = SchemaIndex(document).components
    retitled: set[str] = set()
    while True:
        by_class: dict[str, list[tuple[str, dict[str, Any], str]]] = defaultdict(list)
        for pointer, schema, name in _named_schemas(schemas):
            title = schema.get("title")
            by_class[strings.pascal_case(title if isinstance(title, str) else name)].append((pointer, schema, name))
        clashing = [
            (pointer, schema, name)
            for named in by_class.values()
            if len(named) > 1
            for pointer, schema, name in named
            if isinstance(schema.get("title"), str) and schema["title"] != name
        ]
        if not clashing:
            return sorted(retitled)
        for pointer, schema, name in clashing:
            schema["title"] = name
            retitled.add(pointer)


def _named_schemas(schemas: Mapping[str, Any]) -> list[tuple[str, dict[str, Any], str]]:
    """(pointer, schema, the name it takes without a title) for every schema upstream names from
    its title alone: each component schema, and each inline member of a component union (upstream
    names those by their bare title; without one, by the union's name and position)."""
    named = []
    for key, schema in schemas.items():
        if not isinstance(schema, dict):
            continue
        pointer = SchemaIndex.component_pointer(key)
        named.append((pointer, schema, key))
        for keyword in ("oneOf", "anyOf"):
            members = schema.get(keyword)
            for index, member in enumerate(members if isinstance(members, list) else []):
                if isinstance(member, dict) and "$ref" not in member and isinstance(member.get("title"), str):
                    inline_name = f"{strings.pascal_case(key)}{strings.pascal_case(member['title'])}"
                    named.append((f"{pointer}/{keyword}/{index}", member, inline_name))
    return named
