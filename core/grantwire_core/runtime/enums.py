"""Enum fields that are open in responses and closed in requests, and ``Literal``-typed fields.

A vendor adds a token type or an error code before its document lists it. A model that only
responses carry keeps such a value as an ``UnknownEnumValue`` instead of failing the whole response
(as Speakeasy's open enums and Stainless's and Fern's clients do); a model a request can carry
still refuses it, so nothing the document does not allow is sent. ``generator.open_enums`` decides
which models are which.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from ..errors import FieldTypeError
from .fields import enum_member, enum_value, json_kind, known_member
from .types import UnknownEnumValue, UnknownIntEnumValue

E = TypeVar("E", bound=Enum)
L = TypeVar("L")


def open_enum_field(
    enum_type: type[E], value: object, field: str, *, case_insensitive: bool = False
) -> E | UnknownEnumValue:
    """An enum field of a model only responses carry: a member, or, for a string the spec does not
    list (a value the vendor added since), that string as an ``UnknownEnumValue``. A value of
    another JSON type is still a ``FieldError``."""
    member = known_member(enum_type, value)
    if member is None:
        member = enum_member(enum_type, value, case_insensitive)
    if member is not None:
        return member
    if isinstance(value, str):
        return UnknownEnumValue(value)
    raise FieldTypeError(field, f"expected a string, got {json_kind(value)}")


def open_int_enum_field(enum_type: type[E], value: object, field: str) -> E | UnknownIntEnumValue:
    """An integer enum field of a model only responses carry: a member, or, for an integer the spec
    does not list, that integer as an ``UnknownIntEnumValue``. Anything else (a string, a boolean,
    a fraction) is still a ``FieldError``."""
    if isinstance(value, bool):  # True == 1 in Python, not in JSON: a boolean is never a member
        raise FieldTypeError(field, f"expected an integer, got {json_kind(value)}")
    member = known_member(enum_type, value)
    if member is None:
        member = enum_member(enum_type, value)
    if member is not None:
        return member
    if isinstance(value, int):
        return UnknownIntEnumValue(value)
    raise FieldTypeError(field, f"expected an integer, got {json_kind(value)}")


def open_enum_value(enum_type: type[Enum], value: object, field: str) -> Any:
    """The wire value of an enum field of a response model: an ``UnknownEnumValue`` or
    ``UnknownIntEnumValue`` is sent back as the string or integer it was read from; anything else
    as ``enum_value`` does."""
    if isinstance(value, UnknownEnumValue):
        return str(value)
    if isinstance(value, UnknownIntEnumValue):
        return int(value)
    return enum_value(enum_type, value, field)


def literal_field(check: Callable[[Any], L], value: object, field: str) -> L:
    """``check(value)`` for a field typed by a ``Literal`` of values, or a ``FieldError`` naming
    ``field`` (upstream's check raises a bare ``TypeError`` quoting the value)."""
    try:
        return check(value)
    except (TypeError, ValueError):
        raise FieldTypeError(field, f"{json_kind(value)} that is not one of the values the spec lists") from None


__all__ = [
    "UnknownEnumValue",
    "UnknownIntEnumValue",
    "literal_field",
    "open_enum_field",
    "open_enum_value",
    "open_int_enum_field",
]
