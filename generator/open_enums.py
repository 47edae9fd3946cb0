"""Forward-compatible enums: the enum fields of models that only responses carry accept values the
document does not list.

A vendor adds a token type or an error code long before its document says so; a client that
refuses the whole response over it breaks on the vendor's schedule, not its own. So, as Speakeasy's
"open enums" and Stainless's and Fern's clients do, a response keeps such a value: its enum fields
are typed ``TheEnum | UnknownEnumValue`` and parsed by ``grantwire_core.runtime.enums.open_enum_field``.
Any model a request body can carry stays closed: what we send must be a value the server documents,
and parsing a request (a test server, a proxy) refuses the unknown too.

String and integer enums that are a model's own properties, or the items of its arrays, are
opened (an unknown integer is an ``UnknownIntEnumValue``): an enum inside a ``oneOf`` would make
every other member of its type unreachable, since the open enum accepts any string or integer.
"""

from __future__ import annotations

from typing import ClassVar

import attrs
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.properties import EnumProperty, ModelProperty, Property
from openapi_python_client.parser.properties.list_property import ListProperty
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.strings import PythonCode


@attrs.define
class OpenEnumProperty(EnumProperty):
    """An enum property of a response model: a member, or the string as an ``UnknownEnumValue``
    (the integer as an ``UnknownIntEnumValue``)."""

    forward_compatible: ClassVar[bool] = True

    @property
    def unknown_type(self) -> str:
        """The type a value the document does not list is kept as."""
        return "UnknownIntEnumValue" if self.value_type is int else "UnknownEnumValue"

    def get_base_type_string(self) -> PythonCode:
        return PythonCode(f"{self.class_info.name} | {self.unknown_type}")

    def get_imports(self, *, prefix: str) -> set[str]:
        imports = super().get_imports(prefix=prefix)
        imports.add(f"from {prefix}types import {self.unknown_type}")
        return imports


def open_response_enums(openapi: GeneratorData) -> frozenset[str]:
    """Make the enum properties of every model a response carries and no request body reaches
    forward-compatible, in place; return the names of the models changed. A model no operation
    uses stays closed: nothing says it is read rather than sent."""
    endpoints = [
        endpoint for collection in openapi.endpoint_collections_by_tag.values() for endpoint in collection.endpoints
    ]
    received = reachable_models(openapi, [response.prop for endpoint in endpoints for response in endpoint.responses])
    sent = reachable_models(openapi, [body.prop for endpoint in endpoints for body in endpoint.bodies])
    opened: set[str] = set()
    for model in openapi.models:
        name = str(model.class_info.name)
        if name not in received or name in sent:
            continue
        unknown_types: set[str] = set()
        for properties in (model.required_properties, model.optional_properties):
            for index, prop in enumerate(properties or []):
                replacement = _opened(prop)
                if replacement is not prop:
                    properties[index] = replacement  # type: ignore[index]
                    opened.add(name)
                    unknown_types.add(_open_enum(replacement).unknown_type)
        if model.relative_imports is not None:
            model.relative_imports.update(f"from ..types import {unknown}" for unknown in unknown_types)
    return frozenset(opened)


def reachable_models(openapi: GeneratorData, roots: list[object]) -> frozenset[str]:
    """Class names of the models reached from ``roots`` (properties of bodies or responses):
    theirs, and every model reached from them through properties, array items, unions and
    additional properties."""
    models = {str(model.class_info.name): model for model in openapi.models}
    pending = list(roots)
    found: set[str] = set()
    while pending:
        prop = pending.pop()
        if isinstance(prop, ModelProperty):
            name = str(prop.class_info.name)
            if name in found:
                continue
            found.add(name)
            model = models.get(name, prop)
            pending.extend(model.required_properties or [])
            pending.extend(model.optional_properties or [])
            pending.append(model.additional_properties)
        elif isinstance(prop, ListProperty):
            pending.append(prop.inner_property)
        elif isinstance(prop, UnionProperty):
            pending.extend(prop.inner_properties)
    return frozenset(found)


def _open_enum(prop: Property) -> OpenEnumProperty:
    """The open enum an opened property is, or holds as its array's items."""
    inner: object = prop
    while isinstance(inner, ListProperty):
        inner = inner.inner_property
    assert isinstance(inner, OpenEnumProperty)  # only what _opened returned is asked
    return inner


def _opened(prop: Property) -> Property:
    if type(prop) is EnumProperty and prop.value_type in (str, int):
        return OpenEnumProperty(**{field.name: getattr(prop, field.name) for field in attrs.fields(EnumProperty)})
    if isinstance(prop, ListProperty):
        inner = _opened(prop.inner_property)  # type: ignore[arg-type]
        if inner is not prop.inner_property:
            return attrs.evolve(prop, inner_property=inner)
    return prop


__all__ = ["OpenEnumProperty", "open_response_enums", "reachable_models"]
