"""Field conversions whose errors name the field, for the generated ``from_dict`` methods."""

from __future__ import annotations

import datetime
import re
from enum import Enum
from typing import Any, TypeVar

from .errors import FieldError

E = TypeVar("E", bound=Enum)


def enum_field(enum_type: type[E], value: object, field: str, *, case_insensitive: bool = False) -> E:
    """``enum_type(value)``, or a ``FieldError`` naming ``field`` and the allowed values.

    ``case_insensitive`` matches string values regardless of letter case, for the fields a protocol
    defines so (RFC 6749 §5.1: ``token_type``, where servers write ``Bearer`` and ``bearer`` alike).
    """
    try:
        return enum_type(value)
    except ValueError:
        if case_insensitive and isinstance(value, str):
            folded = value.casefold()
            for member in enum_type:
                if str(member.value).casefold() == folded:
                    return member
        allowed = ", ".join(str(member.value) for member in enum_type)
        # The value itself is never shown: it came from a server (or a caller) and may be anything.
        raise FieldError(field, f"{_json_type(value)} that is not one of: {allowed}") from None


def enum_value(enum_type: type[Enum], value: object, field: str) -> Any:
    """The wire value of an enum field: a member's value, or a plain value that is one of them
    (single-valued fields are often written as the string itself); anything else is a
    ``FieldError`` naming ``field``, raised before the request is sent."""
    if isinstance(value, enum_type):
        return value.value
    return enum_field(enum_type, value, field).value


def expect_str(value: object, field: str) -> str:
    if isinstance(value, str):
        return value
    raise FieldError(field, f"expected a string, got {_json_type(value)}")


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
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise FieldError(field, f"expected an integer, got {_json_type(value)}")


def expect_float(value: object, field: str) -> float:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise FieldError(field, f"expected a number, got {_json_type(value)}")


def expect_bool(value: object, field: str) -> bool:
    if isinstance(value, bool):
        return value
    raise FieldError(field, f"expected a boolean, got {_json_type(value)}")


def expect_list(value: object, field: str) -> list[Any]:
    if isinstance(value, list):
        return value
    raise FieldError(field, f"expected an array, got {_json_type(value)}")


def _json_type(value: object) -> str:
    # The JSON kind of a value, never the value: it may be a secret in the wrong place.
    names = {bool: "a boolean", int: "an integer", float: "a number", str: "a string", list: "an array"}
    if value is None:
        return "null"
    if isinstance(value, dict):
        return "an object"
    return names.get(type(value), type(value).__name__)


__all__ = [
    "FieldError",
    "enum_field",
    "enum_value",
    "expect_bool",
    "expect_float",
    "expect_int",
    "expect_list",
    "expect_str",
    "parse_datetime",
]
