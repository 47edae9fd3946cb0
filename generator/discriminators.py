"""Reading every discriminated ``oneOf``/``anyOf`` out of a document, and deciding its dispatch.

Upstream ignores ``discriminator`` and parses a union by trying each member in turn, which silently
picks the wrong member when an earlier one happens to fit. This module works on the document itself
(plain dicts), so its decisions are testable without rendering anything. For every union that
declares a discriminator — a component schema, a property, array items, a request or response body,
at any depth — it decides which discriminator values select which member:

1. an explicit ``mapping`` entry sends a value to its member;
2. a member no entry names is selected by the values it pins itself (``const``, or an ``enum``: in
   OpenAPI 3.0, which has no ``const``, a single-value enum is the way to pin one value);
3. a member that pins nothing is selected by its schema name (OpenAPI's implicit mapping).

A value two members claim is ambiguous unless the explicit mapping decides it: then the mapping
wins and the overlap is reported as a warning. A union that cannot be dispatched safely is, in
strict mode (our own clients, ``--strict``), a refusal naming its JSON pointer and the rule, unless
the caller names that pointer in ``try_each``. Otherwise (a document written elsewhere) that union
alone falls back, with one warning: a value several members claim is parsed by trying those
members in document order (every other value still dispatches), and a union that cannot be
dispatched at all keeps upstream's try-each parsing. Each fallback is listed in the report.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from generator.errors import GeneratorFailure

# SCHEMA_PREFIX is re-exported: generator.distribute reads it from here.
from generator.schema_index import SCHEMA_PREFIX as SCHEMA_PREFIX
from generator.schema_index import SchemaIndex

#: Where each union's JSON pointer travels from the document to upstream's parsed schema objects.
POINTER_EXTENSION = "x-grantwire-union"
UNION_KEYWORDS = ("oneOf", "anyOf")


@dataclass(frozen=True)
class NestedMember:
    """A member of a variant that is itself a plain ``oneOf``, told apart by a field only it requires
    (empty: nothing tells the members apart, so they are tried in document order)."""

    schema: str
    required_field: str


@dataclass(frozen=True)
class Variant:
    """One member of a discriminated union and the discriminator values that select it.

    ``schema`` is the component schema's name for a ``$ref`` member, else the member's JSON pointer.
    ``union`` is the pointer of the member's own discriminated union when it is one (the values then
    go on to that union's dispatch); ``nested`` lists the members of a plain ``oneOf`` member.
    """

    schema: str
    values: tuple[str, ...]
    nested: tuple[NestedMember, ...] = ()
    title: str | None = None
    union: str | None = None


@dataclass(frozen=True)
class DiscriminatedUnion:
    """A ``oneOf``/``anyOf`` with a ``discriminator``: where it is, and its decided dispatch."""

    pointer: str
    property_name: str
    variants: tuple[Variant, ...]
    warnings: tuple[str, ...] = ()
    #: Values several variants claim, with their indices: tried in document order (``--try-each``).
    shared: tuple[tuple[str, tuple[int, ...]], ...] = ()
    #: Values several variants claim that a second required, pinned field tells apart:
    #: (value, field, ((that field's values, variant index), ...)).
    split: tuple[tuple[str, str, tuple[tuple[tuple[str, ...], int], ...]], ...] = ()

    @property
    def schema(self) -> str:
        """The component schema's name for a top-level union, else its pointer."""
        return SchemaIndex.component_name(self.pointer) or self.pointer

    @property
    def mapping(self) -> dict[str, Variant]:
        """Discriminator value → the one variant it selects, in spec order."""
        return {value: variant for variant in self.variants for value in variant.values}

    @property
    def values(self) -> tuple[str, ...]:
        """Every discriminator value the union accepts, shared ones included."""
        return (*self.mapping, *(value for value, _, _ in self.split), *(value for value, _ in self.shared))


@dataclass(frozen=True)
class Fallback:
    """A union, or some of its values, parsed by trying members instead of by a dispatch table."""

    pointer: str
    reason: str
    scope: str  # "union": the whole union as upstream parses it; "shared values": only those values

    def as_json(self) -> dict[str, str]:
        """The report's entry for this fallback."""
        return {"pointer": self.pointer, "reason": self.reason, "scope": self.scope}


@dataclass
class UnionReport:
    """What reading a document's discriminators found: the unions, and the ones left to try-each."""

    unions: list[DiscriminatedUnion] = field(default_factory=list)
    tried_each: list[str] = field(default_factory=list)  # pointers, by the caller's choice
    #: Unions dispatched by value except for values several members share (tried among those).
    partly_tried: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Discriminators on a schema without oneOf/anyOf (an allOf base type); nothing to dispatch.
    without_union: list[str] = field(default_factory=list)
    #: Every union (or shared value) not dispatched by a table, and why.
    fallbacks: list[Fallback] = field(default_factory=list)


def find_discriminated_unions(
    document: Mapping[str, Any], try_each: Collection[str] = (), *, strict: bool = True
) -> list[DiscriminatedUnion]:
    """Every discriminated union in ``document``, in document order (see ``read_unions``)."""
    return read_unions(document, try_each, strict=strict).unions


def read_unions(document: Mapping[str, Any], try_each: Collection[str] = (), *, strict: bool = True) -> UnionReport:
    """Decide the dispatch of every discriminated union in ``document``.

    ``strict``: raises ``GeneratorFailure`` naming the union's JSON pointer for one that cannot be
    honoured, unless its pointer is in ``try_each``. Not strict: that union falls back (a warning
    and a ``Fallback`` each).
    """
    index = SchemaIndex(document)
    reader = _Reader(index, frozenset(try_each), strict)
    report = UnionReport()
    for pointer, node in _discriminated_nodes(index):
        if not any(isinstance(node.get(keyword), list) for keyword in UNION_KEYWORDS):
            report.without_union.append(pointer)
            continue
        union = reader.union(pointer)
        if union is None:
            report.tried_each.append(pointer)
            report.warnings.append(reader.refusals[pointer])
        else:
            report.unions.append(union)
            report.warnings.extend(union.warnings)
    report.partly_tried = sorted(reader.partly_tried)
    report.fallbacks = [reader.fallbacks[pointer] for pointer in sorted(reader.fallbacks)]
    unknown = sorted(set(try_each) - set(report.tried_each) - reader.partly_tried)
    if unknown:
        raise GeneratorFailure(
            f"try-each was asked for {', '.join(unknown)}, which is no ambiguous discriminated union"
        )
    return report


def tag_unions(document: dict[str, Any], unions: Collection[DiscriminatedUnion]) -> None:
    """Mark each union's node with its pointer, so the parsed schema upstream builds from it says
    which union it is (upstream's schema objects keep ``x-`` keys)."""
    for union in unions:
        node = SchemaIndex(document).at(union.pointer)
        if not isinstance(node, dict):
            continue
        node[POINTER_EXTENSION] = union.pointer
        for keyword in UNION_KEYWORDS:
            members = node.get(keyword)
            if isinstance(members, list) and len(members) == 1 and "$ref" in members[0]:
                # Upstream passes a union of one reference straight through to that model. Wrapped
                # in an allOf (which upstream resolves to the same model), it is built as a union
                # and gets its dispatch table like any other.
                node[keyword] = [{"allOf": members}]


class _Reader:
    def __init__(self, index: SchemaIndex, try_each: frozenset[str], strict: bool) -> None:
        self.index = index
        self.try_each = try_each
        self.strict = strict
        self.fallbacks: dict[str, Fallback] = {}
        self.decided: dict[str, DiscriminatedUnion | None] = {}
        self.refusals: dict[str, str] = {}
        self.partly_tried: set[str] = set()
        self._reading: set[str] = set()

    def union(self, pointer: str) -> DiscriminatedUnion | None:
        if pointer not in self.decided:
            if pointer in self._reading:
                raise _Ambiguous(f"the discriminated union {pointer} contains itself as a member")
            self._reading.add(pointer)
            try:
                self.decided[pointer] = self._read(pointer)
            except _Ambiguous as ambiguous:
                message = f"{pointer}: {ambiguous}"
                if not self.tries(pointer):
                    raise GeneratorFailure(
                        f"{message}. Fix the document, or generate with --try-each {pointer} to parse what "
                        "the discriminator cannot decide by trying each candidate member"
                    ) from None
                self.refusals[pointer] = f"{message}; parsed by trying each member ({self._why(pointer)})"
                self.fallbacks[pointer] = Fallback(pointer, str(ambiguous), "union")
                self.decided[pointer] = None
            finally:
                self._reading.discard(pointer)
        return self.decided[pointer]

    def tries(self, pointer: str) -> bool:
        """Whether what the discriminator cannot decide in this union is parsed by trying members."""
        return not self.strict or pointer in self.try_each

    def _why(self, pointer: str) -> str:
        return "--try-each" if pointer in self.try_each else "as upstream does; --strict refuses"

    def _read(self, pointer: str) -> DiscriminatedUnion:
        node = self.index.at(pointer)
        discriminator = node["discriminator"]
        property_name = discriminator.get("propertyName") if isinstance(discriminator, dict) else None
        if not isinstance(property_name, str) or not property_name:
            raise _Ambiguous("its discriminator has no propertyName")
        keyword = next(k for k in UNION_KEYWORDS if isinstance(node.get(k), list))
        members = [self._member(pointer, keyword, index, member) for index, member in enumerate(node[keyword])]
        warnings: list[str] = []
        explicit = self._explicit_mapping(pointer, discriminator, members, warnings)

        claims: dict[str, list[_Member]] = {}
        for member in members:
            if member.is_null:
                continue
            mapped = [value for value, target in explicit.items() if target is member]
            member.values = tuple(mapped) or member.pinned(property_name) or member.implicit_value()
            if not member.values:
                raise _Ambiguous(
                    f"member {member.label} pins no {property_name!r} value (const or enum) and has no schema name "
                    "or mapping entry, so no discriminator value selects it"
                )
            for value in member.values:
                claims.setdefault(value, []).append(member)
            for value in member.pinned(property_name):
                if value in explicit and explicit[value] is not member:
                    warnings.append(
                        f"{pointer}: {member.label} allows {property_name} {value!r}, which the mapping sends to "
                        f"{explicit[value].label}; the mapping decides"
                    )
        if any(member.is_null for member in members):
            raise _Ambiguous("a member is `type: null`; a discriminated union's members are objects")
        shared: list[tuple[str, tuple[int, ...]]] = []
        split: list[tuple[str, str, tuple[tuple[tuple[str, ...], int], ...]]] = []
        for value, claimants in claims.items():
            if len(claimants) == 1:
                continue
            labels = " and ".join(m.label for m in claimants)
            second = _second_field(claimants, property_name)
            if second is not None:
                # Not ambiguous after all: a valid payload fits only the member whose pinned value
                # of this other required field it carries.
                field_name, choices = second
                split.append((value, field_name, tuple((values, members.index(m)) for values, m in choices)))
                warnings.append(f"{pointer}: {property_name} {value!r} selects {labels}, told apart by {field_name!r}")
                for member in claimants:
                    member.values = tuple(v for v in member.values if v != value)
                continue
            reason = (
                f"{property_name} {value!r} selects {labels}, and no mapping entry says which "
                "(a discriminator value must select exactly one member)"
            )
            if not self.tries(pointer):
                raise _Ambiguous(reason)
            # Opted in, or lenient: this value alone tries the members it selects, in document order.
            shared.append((value, tuple(members.index(m) for m in claimants)))
            warnings.append(
                f"{pointer}: {property_name} {value!r} selects {labels}; parsed by trying each of them "
                f"({self._why(pointer)})"
            )
            previous = self.fallbacks.get(pointer)
            self.fallbacks[pointer] = Fallback(
                pointer, f"{previous.reason}; {reason}" if previous else reason, "shared values"
            )
            for member in claimants:
                member.values = tuple(v for v in member.values if v != value)
        if shared:
            self.partly_tried.add(pointer)
        variants = tuple(member.variant(property_name, pointer) for member in members)
        for member in members:
            for note in member.notes:
                warnings.append(f"{pointer}: {note}; parsed by trying each of its members ({self._why(pointer)})")
                previous = self.fallbacks.get(pointer)
                self.fallbacks[pointer] = Fallback(
                    pointer, f"{previous.reason}; {note}" if previous else note, "shared values"
                )
        return DiscriminatedUnion(pointer, property_name, variants, tuple(warnings), tuple(shared), tuple(split))

    def _member(self, pointer: str, keyword: str, index: int, member: Any) -> _Member:
        if not isinstance(member, dict):
            raise _Ambiguous(f"member {index} is {_plain(member)}, not a schema")
        reference = member.get("$ref")
        if isinstance(reference, str):
            name = SchemaIndex.component_name(reference)
            target = self.index.at(reference) if reference.startswith("#/") else None
            if name is None or not isinstance(target, dict):
                raise _Ambiguous(f"member {index} refers to {reference}, which is no component schema of this document")
            return _Member(self, reference.removeprefix("#"), name, target)
        if any(key.startswith("$") for key in member):
            # $recursiveRef, $dynamicRef: upstream does not resolve them, so no class exists to dispatch to.
            raise _Ambiguous(f"member {index} is {_plain(member)}, which the generator cannot resolve to a schema")
        return _Member(self, f"{pointer}/{keyword}/{index}", None, member)

    def _explicit_mapping(
        self, pointer: str, discriminator: Mapping[str, Any], members: list[_Member], warnings: list[str]
    ) -> dict[str, _Member]:
        explicit = discriminator.get("mapping") or {}
        if not isinstance(explicit, dict):
            raise _Ambiguous("its discriminator's mapping is not a mapping")
        by_name = {member.name: member for member in members if member.name is not None}
        mapping: dict[str, _Member] = {}
        for value, target in explicit.items():
            # OpenAPI allows a schema name or a reference as the target.
            name = str(target).removeprefix(SCHEMA_PREFIX)
            if name in by_name:
                mapping[str(value)] = by_name[name]
            else:
                # Not ambiguous: no member can be that schema, so a payload with this value matches none.
                warnings.append(
                    f"{pointer}: mapping {str(value)!r} points to {target}, which is not one of its members "
                    f"({', '.join(by_name) or 'none are references'}); a payload with that value is refused"
                )
        return mapping


class _Ambiguous(Exception):
    """A union the generator cannot honour: the message says which rule it breaks."""


class _Member:
    """One member while its union is being read."""

    def __init__(self, reader: _Reader, pointer: str, name: str | None, schema: Mapping[str, Any]) -> None:
        self.reader = reader
        self.pointer = pointer
        self.name = name
        self.schema = schema
        self.values: tuple[str, ...] = ()
        #: Why a nested oneOf member is parsed by trying its members (not strict only).
        self.notes: list[str] = []

    @property
    def label(self) -> str:
        return self.name or self.pointer

    @property
    def is_null(self) -> bool:
        return self.schema.get("type") == "null"

    @property
    def own_union(self) -> str | None:
        """The pointer of this member's own discriminated union, when it is one."""
        if "discriminator" in self.schema and any(isinstance(self.schema.get(k), list) for k in UNION_KEYWORDS):
            return self.pointer
        return None

    def implicit_value(self) -> tuple[str, ...]:
        return (self.name,) if self.name is not None else ()

    def pinned(self, property_name: str) -> tuple[str, ...]:
        """The values this member allows for the discriminator, when it constrains them."""
        if self.own_union is not None:
            union = self.reader.union(self.own_union)
            if union is None:
                raise _Ambiguous(f"member {self.label} is a union left to try-each, so its values select nothing")
            return union.values if union.property_name == property_name else ()
        leaves = self._plain_union_leaves()
        if leaves:
            return tuple(dict.fromkeys(v for leaf in leaves for v in _allowed_values(leaf, property_name, self.reader)))
        return _allowed_values(self.schema, property_name, self.reader)

    def variant(self, property_name: str, union_pointer: str) -> Variant:
        title = self.schema.get("title")
        return Variant(
            schema=self.label,
            values=self.values,
            nested=self._nested(union_pointer),
            title=title if isinstance(title, str) else None,
            union=self.own_union,
        )

    def _plain_union_leaves(self) -> list[Mapping[str, Any]]:
        if self.own_union is not None or not isinstance(self.schema.get("oneOf"), list):
            return []
        return [self.reader.index.resolve(member) for member in self.schema["oneOf"]]

    def _nested(self, union_pointer: str) -> tuple[NestedMember, ...]:
        """A plain oneOf member's own members, each told apart by a field only it requires; where
        one requires no such field and the union may try (not strict), every one is tried in
        document order instead (``required_field`` empty)."""
        if self.own_union is not None or not isinstance(self.schema.get("oneOf"), list):
            return ()
        names = []
        for member in self.schema["oneOf"]:
            reference = member.get("$ref") if isinstance(member, dict) else None
            name = SchemaIndex.component_name(reference) if isinstance(reference, str) else None
            if name is None:
                raise _Ambiguous(f"member {self.label} is a oneOf whose members are not all component schemas")
            names.append(name)
        required = {name: set(self.reader.index.merged(self.reader.index.components[name]).required) for name in names}
        nested = []
        for name in names:
            others = set().union(*(required[other] for other in names if other != name))
            own = sorted(required[name] - others)
            if not own:
                reason = (
                    f"member {self.label} is a oneOf, but {name} requires no field the other members lack, "
                    "so a payload cannot be told apart"
                )
                if not self.reader.tries(union_pointer):
                    raise _Ambiguous(reason)
                self.notes.append(reason)
                return tuple(NestedMember(schema=other, required_field="") for other in names)
            nested.append(NestedMember(schema=name, required_field=own[0]))
        return tuple(nested)


def _second_field(
    claimants: list[_Member], property_name: str
) -> tuple[str, list[tuple[tuple[str, ...], _Member]]] | None:
    """A field other than the discriminator that every claimant requires and pins to values no
    other claimant allows (OpenAI's messages: type "message", told apart by role), or None."""
    if any(m.own_union is not None or m._plain_union_leaves() for m in claimants):
        return None
    collected = [m.reader.index.merged(m.schema) for m in claimants]
    common = set.intersection(*(set(merged.required) for merged in collected)) - {property_name}
    for field_name in sorted(common):
        pinned = [_allowed_values(m.schema, field_name, m.reader) for m in claimants]
        flat = [value for values in pinned for value in values]
        if all(pinned) and len(flat) == len(set(flat)):
            return field_name, list(zip(pinned, claimants, strict=True))
    return None


def _allowed_values(schema: Mapping[str, Any], property_name: str, reader: _Reader) -> tuple[str, ...]:
    prop = reader.index.resolve(reader.index.merged(schema).properties.get(property_name) or {})
    if "const" in prop:
        return (str(prop["const"]),)
    if isinstance(prop.get("enum"), list):
        return tuple(str(value) for value in prop["enum"] if value is not None)
    return ()


def _discriminated_nodes(index: SchemaIndex) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every schema node with a ``discriminator``, with its JSON pointer, in document order."""
    for pointer, node in index.walk():
        discriminator = node.get("discriminator")
        # (A property named "discriminator" is no discriminator: it has no propertyName and sits
        # beside no oneOf/anyOf.)
        union = any(isinstance(node.get(keyword), list) for keyword in UNION_KEYWORDS)
        if isinstance(discriminator, dict) and ("propertyName" in discriminator or union):
            yield pointer, node


def _plain(value: Any) -> str:
    """A document's value as JSON, for a message (a repr would print Python's quoting)."""
    return json.dumps(value, sort_keys=True, default=str)
