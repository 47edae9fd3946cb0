"""``allOf`` parts that only annotate a reference are folded into the schema that holds them.

OpenAPI 3.0 ignores keywords beside a ``$ref``, so documents attach a description to a reference
with ``allOf: [{description: …}, {$ref: …}]`` (RingCentral does it for phone numbers and more).
Upstream merges every ``allOf`` as an object and refuses this one when the reference is a string
("Cannot take allOf a non-object"), dropping the schema and all that refers to it. The annotations
move onto the holding schema instead, leaving ``allOf: [{$ref: …}]``, which upstream reads as the
reference itself. A part with any other keyword is left alone.
"""

from __future__ import annotations

from typing import Any

from generator.schema_index import SchemaIndex

_ANNOTATIONS = frozenset({"title", "description", "example", "examples", "deprecated", "readOnly", "writeOnly"})


def fold_annotation_parts(document: dict[str, Any]) -> int:
    """Fold every such ``allOf`` in ``document`` in place; return how many were folded."""
    folded = 0
    for _, node in SchemaIndex(document).walk():
        parts = node.get("allOf")
        if isinstance(parts, list) and len(parts) > 1:
            references = [p for p in parts if isinstance(p, dict) and "$ref" in p]
            notes = [p for p in parts if isinstance(p, dict) and "$ref" not in p and set(p) <= _ANNOTATIONS]
            if len(references) == 1 and len(references) + len(notes) == len(parts):
                for note in notes:
                    for key, value in note.items():
                        node.setdefault(key, value)
                node["allOf"] = references
                folded += 1
    return folded
