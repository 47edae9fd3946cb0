"""Component schemas that share a title are named by their own keys.

Upstream names a component schema's class after its ``title`` when it has one, and refuses the
second schema that comes out with the same class name ("Attempted to generate duplicate models"),
together with everything that refers to it. Documents written elsewhere repeat titles freely
(RingCentral's gives "Daily Trigger" to a request and a resource schema, and titles
`MobileDeliveryModeRequest` "Mobile Delivery Mode", the name of another schema), so before parsing,
each titled schema whose class name another component schema's would repeat takes its key as its
title. A document whose
titles are distinct is left exactly as it is.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from openapi_python_client import strings


def distinct_titles(document: dict[str, Any]) -> list[str]:
    """Retitle the component schemas whose titles collide; return their names."""
    schemas = (document.get("components") or {}).get("schemas") or {}
    by_class: dict[str, list[str]] = defaultdict(list)
    for name, schema in schemas.items():
        if isinstance(schema, dict):
            title = schema.get("title")
            by_class[strings.pascal_case(title if isinstance(title, str) else name)].append(name)
    retitled = sorted(
        name
        for names in by_class.values()
        if len(names) > 1
        for name in names
        if isinstance(schemas[name].get("title"), str) and schemas[name]["title"] != name
    )
    for name in retitled:
        schemas[name]["title"] = name
    return retitled
