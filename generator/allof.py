"""Where upstream cannot merge a property that two ``allOf`` parts define, the later part wins.

openapi-python-client merges an ``allOf`` by JSON Schema's rules and refuses what its model cannot
express: an enum redefined with values that are neither a subset nor a superset (OpenAI's
`ComputerToolCallOutputResource` turns `status` from in_progress/completed/incomplete into
completed/incomplete/failed), or `int | None` over `int`. It then drops the schema and everything
that refers to it, which in OpenAI's document is most of the Responses API. In a document written
elsewhere the later part is how its authors narrow or redefine a field, and it is what most
generators use, so there the later definition is taken, and each time is reported. Our own specs
never rely on it: their generation leaves upstream's merge alone and fails on any conflict.
"""

from __future__ import annotations

from contextlib import AbstractContextManager

from attrs import evolve
from openapi_python_client.parser.errors import PropertyError
from openapi_python_client.parser.properties.property import Property

from generator.upstream import MergeProperties, document_text, replaced_merge_properties


def later_part_wins(warnings: list[str]) -> AbstractContextManager[None]:
    """Upstream's ``merge_properties`` falls back to the later definition while the block runs."""

    def merge(original: MergeProperties, prop1: Property, prop2: Property) -> Property | PropertyError:
        merged = original(prop1, prop2)
        if not isinstance(merged, PropertyError):
            return merged
        name = document_text(prop2.name)
        warnings.append(
            f"allOf redefines {name!r} in a way upstream cannot merge ({merged.detail}); the later part is used"
        )
        later: Property = evolve(prop2, required=prop1.required or prop2.required)
        return later

    return replaced_merge_properties(merge)
