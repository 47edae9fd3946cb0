"""Checking a request against its spec before anything is sent.

The generator reads every constraint of a request model from the spec into a tuple of ``Rule``;
the model's ``to_dict()`` calls ``check_request`` first, so a body the spec forbids (a missing
password, a number where a string belongs, a ``grant_type`` that contradicts its variant, a
lifetime above the documented maximum) raises ``RequestValidationError`` and nothing is sent.
Messages name the model, the field and the rule, never the value: it may be a secret.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from ..errors import RequestValidationError
from .types import Unset

_KINDS: dict[str, tuple[type, ...]] = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}
_ARTICLE = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "a boolean"}


class Rule(NamedTuple):
    """What the spec says of one field of a request model."""

    wire: str
    attribute: str
    required: bool = False
    kind: str | None = None
    allowed: tuple[Any, ...] | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    pattern: str | None = None
    # ``dependentRequired``: (wire name, attribute) of each field that must be sent with this one.
    requires: tuple[tuple[str, str], ...] = ()


def check_request(instance: object, model: str, rules: tuple[Rule, ...]) -> None:
    """Raise ``RequestValidationError`` for the first field of ``instance`` that breaks its rule."""
    for rule in rules:
        value = getattr(instance, rule.attribute)
        if isinstance(value, Unset):
            if rule.required:
                raise RequestValidationError(model, rule.wire, "is required")
            continue
        problem = _problem(rule, value)
        if problem is not None:
            raise RequestValidationError(model, rule.wire, problem)
        for wire, attribute in rule.requires:
            if isinstance(getattr(instance, attribute), Unset):
                raise RequestValidationError(model, wire, f"is required when {rule.wire} is sent")


def _problem(rule: Rule, value: object) -> str | None:
    if rule.kind is not None:
        if value is None:
            return f"must be {_ARTICLE[rule.kind]}, not null"
        if not isinstance(value, _KINDS[rule.kind]) or (rule.kind != "boolean" and isinstance(value, bool)):
            return f"must be {_ARTICLE[rule.kind]}, got {type(value).__name__}"
    if rule.allowed is not None and value not in rule.allowed:
        return "must be " + (repr(rule.allowed[0]) if len(rule.allowed) == 1 else f"one of {list(rule.allowed)!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _bounds(rule, value)
    if isinstance(value, str):
        return _text(rule, value)
    return None


def _bounds(rule: Rule, value: float) -> str | None:
    if rule.minimum is not None and value < rule.minimum:
        return f"must be at least {rule.minimum:g}"
    if rule.maximum is not None and value > rule.maximum:
        return f"must be at most {rule.maximum:g}"
    if rule.exclusive_minimum is not None and value <= rule.exclusive_minimum:
        return f"must be more than {rule.exclusive_minimum:g}"
    if rule.exclusive_maximum is not None and value >= rule.exclusive_maximum:
        return f"must be less than {rule.exclusive_maximum:g}"
    return None


def _text(rule: Rule, value: str) -> str | None:
    if rule.min_length is not None and len(value) < rule.min_length:
        return f"must be at least {rule.min_length} characters long"
    if rule.max_length is not None and len(value) > rule.max_length:
        return f"must be at most {rule.max_length} characters long"
    # JSON Schema patterns are not anchored: a match anywhere counts (ECMA-262 semantics).
    if rule.pattern is not None and re.search(rule.pattern, value) is None:
        return f"must match the pattern {rule.pattern!r}"
    return None


def request_body(body: object, model: str, operation: str) -> None:
    """Refuse a body that is not a request model (a dict, ``None``, a string) before it is
    encoded: ``RequestValidationError`` naming the operation's ``body`` and the model it takes."""
    if isinstance(body, Unset) or callable(getattr(body, "to_dict", None)):
        return
    raise RequestValidationError(
        operation, "body", f"must be a {model} (from the package's models), got {type(body).__name__}"
    )


def uuid_path(value: object, name: str) -> str:
    """A ``format: uuid`` path parameter as its canonical text: a ``UUID``, or a string that is one;
    anything else (``"../../admin"``) is refused before a URL is built."""
    from uuid import UUID  # here, not with every model that has rules: it costs an import

    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, str):
        try:
            return str(UUID(value))
        except ValueError:
            pass
    raise RequestValidationError("path", name, "must be a UUID")


__all__ = ["Rule", "check_request", "request_body", "uuid_path"]
