"""One view of an OpenAPI document's schemas, shared by every step of the generator that reads them.

Each step used to carry its own walker over the document (finding discriminators, nullable unions,
annotation-only ``allOf`` parts, recursive references) and its own way of resolving a ``$ref`` or
merging a schema's ``allOf`` parts, with different rules about cycles and about which subtrees hold
payloads rather than schemas. They all go through a ``SchemaIndex`` now:

- ``walk``: every schema node with its JSON pointer, in document order, skipping the keywords whose
  values are data (``example``, ``default``, ``enum``, …) except where they name a property;
- ``resolve`` and ``parts``/``merged``: a ``$ref`` followed, and a schema's properties and required
  names merged through ``allOf`` and ``$ref``, both safe on cyclic documents;
- ``component_name``/``component_pointer``: a component schema's name and its pointer, both ways;
- ``flagged_components``/``flagged_properties``: the ``x-`` extension flags our specs set.

The index reads the live document: the steps that rewrite it before upstream parses it
(``generator.render._prepare``) see each other's changes.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.spec import at_pointer, pointer_token

SCHEMA_PREFIX = "#/components/schemas/"
_COMPONENT_POINTER = SCHEMA_PREFIX.removeprefix("#")
# Keywords whose values are payloads, not schemas: a "discriminator" key in an example is data.
PAYLOAD_KEYWORDS = frozenset({"example", "examples", "default", "const", "enum"})


@dataclass(frozen=True)
class Merged:
    """A schema's properties, required names and ``dependentRequired``, through ``allOf`` and ``$ref``.

    Where a part and the schema holding it both define a property, the holding schema's own
    definition is the one kept (it is how a document narrows what a part says)."""

    properties: Mapping[str, Any]
    required: frozenset[str]
    dependent_required: Mapping[str, tuple[str, ...]]


class SchemaIndex:
    """The schemas of one document (see the module docstring)."""

    def __init__(self, document: Mapping[str, Any]) -> None:
        self.document = document

    @property
    def components(self) -> Mapping[str, Any]:
        """``components.schemas`` by name (empty when the document has none)."""
        schemas = (self.document.get("components") or {}).get("schemas") or {}
        return schemas if isinstance(schemas, dict) else {}

    @staticmethod
    def component_pointer(name: str) -> str:
        """The JSON pointer of the component schema ``name`` (``/components/schemas/Name``)."""
        return f"{_COMPONENT_POINTER}{pointer_token(name)}"

    @staticmethod
    def component_name(pointer: str) -> str | None:
        """The component schema a pointer or ``$ref`` names (with or without ``#``), or None when it
        names anything else (a schema inside one, a parameter, another document)."""
        rest = pointer.removeprefix("#")
        if not rest.startswith(_COMPONENT_POINTER):
            return None
        token = rest.removeprefix(_COMPONENT_POINTER)
        return None if "/" in token or not token else token.replace("~1", "/").replace("~0", "~")

    def at(self, pointer: str) -> Any:
        """The node a JSON pointer (or a local ``$ref``) names, or None."""
        return at_pointer(dict(self.document), pointer)

    def resolve(self, schema: Any) -> Mapping[str, Any]:
        """``schema`` with its ``$ref`` followed until a schema without one; ``{}`` for a reference
        that is not local, that leads nowhere, or that loops."""
        seen: set[str] = set()
        while isinstance(schema, dict) and isinstance(schema.get("$ref"), str):
            reference = schema["$ref"]
            if reference in seen or not reference.startswith("#/"):
                return {}
            seen.add(reference)
            schema = self.at(reference)
        return schema if isinstance(schema, dict) else {}

    def parts(self, schema: Any) -> Iterator[Mapping[str, Any]]:
        """Each schema that contributes properties to ``schema``: its ``allOf`` parts (through
        ``$ref``, at any depth) before the schema itself. A schema reached twice on one path (a
        cycle) is not entered again."""
        yield from self._parts(schema, frozenset())

    def _parts(self, schema: Any, seen: frozenset[int]) -> Iterator[Mapping[str, Any]]:
        resolved = self.resolve(schema) if isinstance(schema, dict) and "$ref" in schema else schema
        if not isinstance(resolved, dict) or id(resolved) in seen:
            return
        seen = seen | {id(resolved)}
        for part in resolved.get("allOf") or ():
            yield from self._parts(part, seen)
        yield resolved

    def merged(self, schema: Any) -> Merged:
        """``schema``'s properties, required names and ``dependentRequired`` merged over its parts."""
        properties: dict[str, Any] = {}
        required: set[str] = set()
        dependents: dict[str, tuple[str, ...]] = {}
        for part in self.parts(schema):
            own = part.get("properties")
            if isinstance(own, dict):
                properties.update(own)
            names = part.get("required")
            if isinstance(names, list):
                required.update(str(name) for name in names)
            dependent = part.get("dependentRequired")
            if isinstance(dependent, dict):
                dependents.update({str(k): tuple(v) for k, v in dependent.items() if isinstance(v, list)})
        return Merged(properties, frozenset(required), dependents)

    def walk(self, start: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
        """Every schema node under ``start`` (a JSON pointer; the whole document by default) with
        its pointer, in document order. A node's children are read after it is yielded, so a
        caller may rewrite the node it is given and the walk goes on into what it wrote."""
        root = self.at(start) if start else self.document
        # (pointer, node, whether node is a `properties` mapping: its keys are property names)
        stack: list[tuple[str, Any, bool]] = [(start, root, False)]
        while stack:
            pointer, node, names_properties = stack.pop()
            if isinstance(node, dict):
                if not names_properties:
                    yield pointer, node
                children = [
                    (f"{pointer}/{pointer_token(key)}", value, key == "properties" and not names_properties)
                    for key, value in node.items()
                    if names_properties or key not in PAYLOAD_KEYWORDS
                ]
            elif isinstance(node, list):
                children = [(f"{pointer}/{index}", item, False) for index, item in enumerate(node)]
            else:
                continue
            stack.extend(reversed(children))

    def flagged_components(self, extension: str) -> frozenset[str]:
        """Names of the component schemas that say ``extension: true``."""
        components = self.components.items()
        return frozenset(
            name for name, schema in components if isinstance(schema, dict) and schema.get(extension) is True
        )

    def flagged_properties(self, extension: str) -> frozenset[str]:
        """Wire names of the component schemas' properties (in ``allOf``/``oneOf``/``anyOf`` parts
        too) marked ``extension: true``."""
        names: set[str] = set()
        for name in self.components:
            for _, node in self.walk(self.component_pointer(name)):
                properties = node.get("properties")
                for prop_name, prop in properties.items() if isinstance(properties, dict) else ():
                    if isinstance(prop, dict) and prop.get(extension) is True:
                        names.add(prop_name)
        return frozenset(names)

    def dynamic_anchors(self) -> dict[str, list[str]]:
        """``$dynamicAnchor`` name → the component schemas that declare it at their root."""
        anchors: dict[str, list[str]] = {}
        for name, schema in self.components.items():
            if isinstance(schema, dict) and isinstance(schema.get("$dynamicAnchor"), str):
                anchors.setdefault(schema["$dynamicAnchor"], []).append(name)
        return anchors


__all__ = ["PAYLOAD_KEYWORDS", "SCHEMA_PREFIX", "Merged", "SchemaIndex"]
