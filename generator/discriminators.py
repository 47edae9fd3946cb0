"""Reading ``oneOf`` + ``discriminator`` unions out of a spec, and refusing inconsistent ones.

Upstream ignores ``discriminator`` entirely. This module works on the spec itself (plain dicts),
so its decisions are testable without rendering anything: which tag value selects which variant,
which variants are themselves unions to resolve by a required field, and which tag values each
variant accepts (a single value becomes that variant's default).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from generator.errors import GeneratorFailure

SCHEMA_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class NestedMember:
    """A member of a variant that is itself a ``oneOf``, told apart by a field only it requires."""

    schema: str
    required_field: str


@dataclass(frozen=True)
class Variant:
    """One ``oneOf`` member and the discriminator values that select it."""

    schema: str
    values: tuple[str, ...]
    nested: tuple[NestedMember, ...] = ()
    title: str | None = None

    @property
    def leaf_schemas(self) -> tuple[str, ...]:
        """The object schemas a payload of this variant finally parses into."""
        return tuple(member.schema for member in self.nested) or (self.schema,)


@dataclass(frozen=True)
class DiscriminatedUnion:
    """A ``oneOf`` with a ``discriminator``, checked for consistency."""

    schema: str
    property_name: str
    variants: tuple[Variant, ...]

    @property
    def mapping(self) -> dict[str, Variant]:
        """Discriminator value → variant, in spec order."""
        return {value: variant for variant in self.variants for value in variant.values}

    @property
    def leaf_schemas(self) -> frozenset[str]:
        return frozenset(schema for variant in self.variants for schema in variant.leaf_schemas)


def find_discriminated_unions(document: Mapping[str, Any]) -> list[DiscriminatedUnion]:
    """Every component schema that is a ``oneOf`` with a ``discriminator``, in spec order."""
    schemas = _component_schemas(document)
    return [
        _read_union(name, schema, schemas)
        for name, schema in schemas.items()
        if isinstance(schema, dict) and "oneOf" in schema and "discriminator" in schema
    ]


def _read_union(name: str, schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> DiscriminatedUnion:
    where = f"discriminated union {name}"
    discriminator = schema["discriminator"]
    property_name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
    if not isinstance(property_name, str) or not property_name:
        raise GeneratorFailure(f"{where}: discriminator needs a propertyName")

    members = [_ref_name(member, where) for member in schema["oneOf"]]
    missing = [member for member in members if member not in schemas]
    if missing:
        raise GeneratorFailure(f"{where}: oneOf refers to undefined schemas {', '.join(missing)}")
    mapping = _mapping(discriminator, members, where)

    variants = []
    for member in members:
        values = tuple(value for value, target in mapping.items() if target == member)
        if not values:
            raise GeneratorFailure(f"{where}: oneOf member {member} has no discriminator value mapped to it")
        nested = _nested_members(member, schemas, where)
        for leaf in [n.schema for n in nested] or [member]:
            _check_variant_property(leaf, property_name, values, schemas, where)
        title = schemas[member].get("title")
        variants.append(Variant(schema=member, values=values, nested=nested, title=title))
    return DiscriminatedUnion(schema=name, property_name=property_name, variants=tuple(variants))


def _mapping(discriminator: Mapping[str, Any], members: list[str], where: str) -> dict[str, str]:
    explicit = discriminator.get("mapping")
    if explicit is None:
        # OpenAPI's implicit mapping: each member is selected by its own schema name.
        return {member: member for member in members}
    if not isinstance(explicit, dict):
        raise GeneratorFailure(f"{where}: discriminator mapping must be a mapping")
    mapping: dict[str, str] = {}
    for value, target in explicit.items():
        target_name = _ref_name({"$ref": target}, where)
        if target_name not in members:
            raise GeneratorFailure(
                f"{where}: mapping {value!r} points to {target_name}, which is not one of its oneOf members "
                f"({', '.join(members)})"
            )
        mapping[str(value)] = target_name
    return mapping


def _nested_members(name: str, schemas: Mapping[str, Any], where: str) -> tuple[NestedMember, ...]:
    schema = schemas[name]
    if "oneOf" not in schema:
        return ()
    if "discriminator" in schema:
        raise GeneratorFailure(f"{where}: member {name} has a discriminator of its own; nest by required field instead")
    leaves = [_ref_name(member, f"{where}, member {name}") for member in schema["oneOf"]]
    if any(leaf not in schemas for leaf in leaves):
        raise GeneratorFailure(f"{where}: member {name} refers to an undefined schema")
    required = {leaf: set(_collect(leaf, schemas)[1]) for leaf in leaves}
    nested = []
    for leaf in leaves:
        others = set().union(*(required[other] for other in leaves if other != leaf))
        own = sorted(required[leaf] - others)
        if not own:
            raise GeneratorFailure(
                f"{where}: member {name} is a oneOf, but {leaf} requires no field the other members lack, "
                "so a payload cannot be told apart"
            )
        nested.append(NestedMember(schema=leaf, required_field=own[0]))
    return tuple(nested)


def _check_variant_property(
    name: str, property_name: str, values: tuple[str, ...], schemas: Mapping[str, Any], where: str
) -> None:
    properties, required = _collect(name, schemas)
    if property_name not in properties:
        raise GeneratorFailure(f"{where}: variant {name} has no property {property_name!r}")
    if property_name not in required:
        raise GeneratorFailure(f"{where}: variant {name} does not require {property_name!r}")
    allowed = _allowed_values(properties[property_name])
    if allowed is None:
        raise GeneratorFailure(
            f"{where}: variant {name} must constrain {property_name!r} with const or enum to {list(values)}"
        )
    if set(allowed) != set(values):
        raise GeneratorFailure(
            f"{where}: variant {name} allows {property_name} {sorted(allowed)}, "
            f"but the discriminator maps {sorted(values)} to it; a value mapped twice or left out "
            "would parse into the wrong variant"
        )


def _allowed_values(schema: Mapping[str, Any]) -> tuple[str, ...] | None:
    if "const" in schema:
        return (str(schema["const"]),)
    if isinstance(schema.get("enum"), list):
        return tuple(str(value) for value in schema["enum"])
    return None


def _collect(name: str, schemas: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """A schema's properties and required names, merged through ``allOf`` and ``$ref``."""
    properties: dict[str, Any] = {}
    required: list[str] = []
    for part in _flatten(schemas[name], schemas):
        properties.update(part.get("properties") or {})
        required.extend(part.get("required") or [])
    return properties, required


def _flatten(schema: Mapping[str, Any], schemas: Mapping[str, Any]) -> Iterator[Mapping[str, Any]]:
    if "$ref" in schema:
        yield from _flatten(schemas[_ref_name(schema, "allOf")], schemas)
        return
    yield schema
    for part in schema.get("allOf") or []:
        yield from _flatten(part, schemas)


def _ref_name(member: object, where: str) -> str:
    reference = member.get("$ref") if isinstance(member, dict) else None
    if not isinstance(reference, str) or not reference.startswith(SCHEMA_PREFIX):
        raise GeneratorFailure(f"{where}: every member must be a $ref to {SCHEMA_PREFIX}<name>, got {member!r}")
    return reference.removeprefix(SCHEMA_PREFIX)


def _component_schemas(document: Mapping[str, Any]) -> dict[str, Any]:
    components = document.get("components") or {}
    return dict(components.get("schemas") or {})
