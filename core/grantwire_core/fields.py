"""Field conversions whose errors name the field, for the generated ``from_dict`` methods."""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from .errors import FieldError

E = TypeVar("E", bound=Enum)


def enum_field(enum_type: type[E], value: object, field: str) -> E:
    """``enum_type(value)``, or a ``FieldError`` naming ``field`` and the allowed values."""
    try:
        return enum_type(value)
    except ValueError:
        allowed = ", ".join(str(member.value) for member in enum_type)
        # Enum values are protocol constants, never secrets: showing a short preview helps.
        shown = repr(value) if len(repr(value)) <= 40 else repr(value)[:40] + "…"
        raise FieldError(field, f"{shown} is not one of: {allowed}") from None


def expect_str(value: object, field: str) -> str:
    if isinstance(value, str):
        return value
    raise FieldError(field, f"expected a string, got {_json_type(value)}")


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


__all__ = ["FieldError", "enum_field", "expect_bool", "expect_float", "expect_int", "expect_list", "expect_str"]
