"""Field conversions whose errors name the field, for the generated ``from_dict`` methods."""

from __future__ import annotations

from enum import Enum
from typing import TypeVar

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
