"""Field conversions whose errors name the field, for the generated ``from_dict`` methods."""

from __future__ import annotations

import datetime
import re
from enum import Enum
from typing import Any, TypeVar, cast

from ..errors import FieldError, FieldTypeError

E = TypeVar("E", bound=Enum)


def enum_member(enum_type: type[E], value: object, case_insensitive: bool = False) -> E | None:
    """The member of ``enum_type`` whose value is ``value`` (in any letter case if
    ``case_insensitive``), or ``None``."""
    try:
        return enum_type(value)  # a member itself too, which the fast lookup (known_member) misses
    except ValueError:
        if case_insensitive and isinstance(value, str):
            folded = value.casefold()
            for member in enum_type:
                if str(member.value).casefold() == folded:
                    return member
        return None


def known_member(enum_type: type[E], value: object) -> E | None:
    """The member whose value is exactly ``value``, by one lookup in the table ``Enum`` keeps:
    ``enum_type(value)`` goes through the metaclass and costs several times more, on every enum
    field of every response."""
    try:
        return cast(E, enum_type._value2member_map_[value])
    except (KeyError, TypeError):  # not a value, or not hashable (a list, an object)
        return None


def enum_field(enum_type: type[E], value: object, field: str, *, case_insensitive: bool = False) -> E:
    """``enum_type(value)``, or a ``FieldError`` naming ``field`` and the allowed values.

    ``case_insensitive`` matches string values regardless of letter case, for the fields a protocol
    defines so (RFC 6749 §5.1: ``token_type``, where servers write ``Bearer`` and ``bearer`` alike).
    """
    member = known_member(enum_type, value)
    if member is None:
        member = enum_member(enum_type, value, case_insensitive)
    if member is not None:
        return member
    allowed = ", ".join(str(member.value) for member in enum_type)
    # The value itself is never shown: it came from a server (or a caller) and may be anything.
    raise FieldError(field, f"{json_kind(value)} that is not one of: {allowed}")


def enum_value(enum_type: type[Enum], value: object, field: str) -> Any:
    """The wire value of an enum field: a member's value, or a plain value that is one of them
    (single-valued fields are often written as the string itself); anything else is a
    ``FieldError`` naming ``field``, raised before the request is sent."""
    if isinstance(value, enum_type):
        return value.value
    return enum_field(enum_type, value, field).value


def expect_str(value: object, field: str) -> str:
    """``value`` if it is a string; else a ``FieldError`` naming ``field`` and the JSON kind found."""
    if isinstance(value, str):
        return value
    raise FieldTypeError(field, f"expected a string, got {json_kind(value)}")


# What Python 3.10's fromisoformat refuses and 3.11's accepts: a "Z" zone, fractions of other than
# 3 or 6 digits (Docusign's "2018-04-13T22:03:03.45").
_FRACTION = re.compile(r"\.(\d+)")


def parse_datetime(value: object, field: str) -> datetime.datetime:
    """An RFC 3339 / ISO 8601 date-time string, on every supported Python."""
    text = expect_str(value, field)
    try:
        return datetime.datetime.fromisoformat(text)
    except ValueError:
        pass
    normalized = re.sub(r"[Zz]$", "+00:00", text)
    normalized = _FRACTION.sub(lambda match: "." + match.group(1)[:6].ljust(6, "0"), normalized, count=1)
    try:
        return datetime.datetime.fromisoformat(normalized)
    except ValueError:
        raise FieldError(field, "expected an ISO 8601 date-time") from None


def expect_int(value: object, field: str) -> int:
    """``value`` if it is an integer (not a bool); else a ``FieldError`` naming ``field`` and the JSON kind found."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise FieldTypeError(field, f"expected an integer, got {json_kind(value)}")


def expect_float(value: object, field: str) -> float:
    """``value`` as a float if it is a number (not a bool); else a ``FieldError`` naming ``field``."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise FieldTypeError(field, f"expected a number, got {json_kind(value)}")


def expect_bool(value: object, field: str) -> bool:
    """``value`` if it is a boolean; else a ``FieldError`` naming ``field`` and the JSON kind found."""
    if isinstance(value, bool):
        return value
    raise FieldTypeError(field, f"expected a boolean, got {json_kind(value)}")


def expect_list(value: object, field: str) -> list[Any]:
    """``value`` if it is an array; else a ``FieldError`` naming ``field`` and the JSON kind found."""
    if isinstance(value, list):
        return value
    raise FieldTypeError(field, f"expected an array, got {json_kind(value)}")


def json_kind(value: object) -> str:
    """The JSON kind of a value for a message ("a string", "null"), never the value: it may be a
    secret in the wrong place."""
    if value is None:
        return "null"
    # bool before int: a JSON boolean is a Python int too. Subclasses (an UnknownEnumValue) count.
    for kind, name in _JSON_KINDS:
        if isinstance(value, kind):
            return name
    return type(value).__name__


_JSON_KINDS: tuple[tuple[type, str], ...] = (
    (bool, "a boolean"),
    (int, "an integer"),
    (float, "a number"),
    (str, "a string"),
    (list, "an array"),
    (dict, "an object"),
)


__all__ = [
    "FieldError",
    "enum_field",
    "enum_member",
    "enum_value",
    "expect_bool",
    "expect_float",
    "expect_int",
    "expect_list",
    "expect_str",
    "json_kind",
    "known_member",
    "parse_datetime",
]
