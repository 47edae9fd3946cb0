"""``FrozenRecord``: what a frozen dataclass's generated methods do, written once.

``@dataclass(frozen=True)`` compiles a new ``__init__``, ``__repr__``, ``__eq__``, ``__hash__``,
``__setattr__`` and ``__delattr__`` for every class, with ``exec``, in every process that imports
it: 0.3-0.6 ms a class here, a tenth of what a token call's cold start adds to the HTTP stack's.
The classes a token call imports are therefore declared ``@dataclass(init=False, repr=False,
eq=False)`` over this base, with their ``__init__`` written out: they stay dataclasses for every
caller (``dataclasses.fields``, ``replace``, ``asdict``, ``FrozenInstanceError`` on assignment) and
nothing is compiled at import.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields
from typing import Any


class FrozenRecord:
    """Equality and hash over the fields that compare, a repr of the fields that show, and no
    assignment after ``__init__`` (which sets its fields with ``object.__setattr__``)."""

    __slots__ = ()

    def _compared(self) -> tuple[Any, ...]:
        return tuple(getattr(self, field.name) for field in fields(self) if field.compare)  # type: ignore[arg-type]

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, FrozenRecord)
        return self._compared() == other._compared()

    def __hash__(self) -> int:
        return hash(self._compared())

    def __repr__(self) -> str:
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in fields(self) if field.repr)  # type: ignore[arg-type]
        return f"{self.__class__.__qualname__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")
