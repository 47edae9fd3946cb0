"""``$recursiveRef`` and ``$dynamicRef`` that point back at the schema they sit in become ``$ref``.

JSON Schema 2019-09's ``$recursiveRef: "#"`` (with ``$recursiveAnchor: true``) and 2020-12's
``$dynamicRef: "#name"`` (with ``$dynamicAnchor: name``) are how a document writes a recursive schema
that subschemas may extend; OpenAI's ``CompoundFilter`` (a filter whose items are filters) is one.
openapi-python-client resolves neither, so the member has no class and the union holding it cannot be
dispatched. In an OpenAPI document a component schema is the resource such a reference lands in, so
each one is rewritten to a plain ``$ref`` to that component (for ``$dynamicRef``, to the component that
declares the anchor), which upstream resolves like any recursive reference. A reference this cannot
place (an anchor no component declares at its root) is left alone, and its union falls back.
"""

from __future__ import annotations

from typing import Any

from generator.schema_index import SchemaIndex


def resolve_recursive_refs(document: dict[str, Any]) -> int:
    """Rewrite every resolvable ``$recursiveRef``/``$dynamicRef`` in place; return how many."""
    index = SchemaIndex(document)
    anchors = index.dynamic_anchors()
    rewritten = 0
    for name in index.components:
        for _, node in index.walk(index.component_pointer(name)):
            target = _target(node, name, anchors)
            if target is not None:
                node.pop("$recursiveRef", None)
                node.pop("$dynamicRef", None)
                node["$ref"] = f"#{index.component_pointer(target)}"
                rewritten += 1
    return rewritten


def _target(node: dict[str, Any], component: str, anchors: dict[str, list[str]]) -> str | None:
    """The component a recursive or dynamic reference in ``component`` lands in, or None."""
    if "$ref" in node:
        return None
    if node.get("$recursiveRef") == "#":
        return component
    dynamic = node.get("$dynamicRef")
    if isinstance(dynamic, str) and dynamic.startswith("#") and "/" not in dynamic:
        declared = anchors.get(dynamic.removeprefix("#"), [])
        # The dynamic scope starts at the schema being evaluated: the enclosing component's own
        # anchor wins; otherwise the one component that declares it.
        if component in declared:
            return component
        return declared[0] if len(declared) == 1 else None
    return None
