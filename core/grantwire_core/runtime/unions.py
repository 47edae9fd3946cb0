"""Parsing a discriminated union: read the tag once, look up its variant, parse that variant only.

Upstream parses a union by trying each variant in order and keeping the first that does not raise:
cost grows with the variant's position, and a lenient variant earlier in the list silently wins.
Here the cost is one dict lookup whatever the number of variants, and a payload that does not fit
its variant fails with an error naming the variant and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from ..errors import DiscriminatorError, FieldError, ParseError, VariantError

T = TypeVar("T")


@dataclass(frozen=True, slots=True)  # not a generic NamedTuple: Python 3.10 has none
class Variant(Generic[T]):
    """A union member: its name for error messages, and the function that parses it."""

    name: str
    """The member's name, for error messages."""
    parse: Callable[[Mapping[str, Any]], T]
    """Parses a payload into the member."""


def parse_discriminated(data: object, *, union: str, field: str, variants: Mapping[str, Variant[T]]) -> T:
    """Parse ``data`` into the variant that ``data[field]`` selects, or raise a ``ParseError``."""
    if not isinstance(data, Mapping):
        raise ParseError(f"{union}: expected an object, got {type(data).__name__}")
    try:
        value = data[field]
    except KeyError:
        raise DiscriminatorError(union, field, None, tuple(variants), missing=True) from None
    variant = variants.get(value) if isinstance(value, str) else None
    if variant is None:
        raise DiscriminatorError(union, field, value, tuple(variants), missing=False)
    return parse_variant(variant, data, union=union)


def parse_variant(variant: Variant[T], data: Mapping[str, Any], *, union: str) -> T:
    """``variant.parse(data)``, with the model's own exceptions turned into a ``VariantError``."""
    try:
        return variant.parse(data)
    except FieldError as error:
        raise VariantError(union, variant.name, error.field, error.problem) from None
    except ParseError:
        raise
    except KeyError as error:
        raise VariantError(union, variant.name, str(error.args[0]), "required field is missing") from None
    except (TypeError, ValueError, AttributeError) as error:
        # Upstream's messages name consts, enums and dates, never free-text (secret) fields.
        raise VariantError(union, variant.name, None, str(error)) from None


def by_required_field(name: str, union: str, members: Mapping[str, Variant[T]]) -> Variant[T]:
    """A variant that is a union itself, told apart by the one field each of its members requires."""
    fields = ", ".join(repr(field) for field in members)

    def parse(data: Mapping[str, Any]) -> T:
        present = [field for field in members if field in data]
        if len(present) != 1:
            got = ", ".join(repr(field) for field in present) or "none"
            raise VariantError(union, name, None, f"send exactly one of {fields}; got {got}")
        return parse_variant(members[present[0]], data, union=union)

    return Variant(name, parse)


def first_fitting(union: str, members: Sequence[Variant[T]]) -> Variant[T]:
    """A discriminator value several members share, in a document that says nothing more: the
    first of those members the payload fits, in document order.

    Try-each, but only among the members that value selects, and only where the generator was
    told to accept it (``--try-each``): every other value still takes one lookup.
    """
    names = " or ".join(member.name for member in members)

    def parse(data: Mapping[str, Any]) -> T:
        problems = []
        for member in members:
            try:
                return parse_variant(member, data, union=union)
            except VariantError as error:
                problems.append(str(error).removeprefix(f"{union} as "))
        raise VariantError(union, names, None, f"fits none of them ({'; '.join(problems)})")

    return Variant(names, parse)


def by_second_field(union: str, field: str, variants: Mapping[str, Variant[T]]) -> Variant[T]:
    """A discriminator value several members share, told apart by a second field each of them
    requires and pins to its own values (OpenAI's messages: type "message", then role)."""
    names = " or ".join(dict.fromkeys(variant.name for variant in variants.values()))

    def parse(data: Mapping[str, Any]) -> T:
        return parse_discriminated(data, union=union, field=field, variants=variants)

    return Variant(names, parse)
