"""The package's exceptions. Every error it raises on purpose derives from ``GrantwireError``.

Messages name the operation, model or field and what was expected, and never carry a request
or response body: bodies hold passwords, assertions, codes and tokens.
"""

from __future__ import annotations

from collections.abc import Sequence

_VALUE_PREVIEW = 40


class GrantwireError(Exception):
    """Base class of every exception this package raises on purpose."""


class UnexpectedStatus(GrantwireError):
    """A status the spec does not document, with ``Client.raise_on_unexpected_status`` set.

    The body stays on ``content`` for the caller to inspect; it is kept out of the message.
    """

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(f"Unexpected status code: {status_code} ({len(content)} bytes of content)")


class ParseError(GrantwireError, ValueError):
    """Data that does not match the spec's schema."""


class FieldError(ParseError):
    """One field of a model does not match its schema (e.g. a value outside its enum)."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class DiscriminatorError(ParseError):
    """A union's discriminator is missing, not a string, or not one of the mapped values."""

    def __init__(self, union: str, field: str, received: object, allowed: Sequence[str], *, missing: bool) -> None:
        self.union = union
        self.field = field
        self.received = None if missing else received
        self.allowed = tuple(allowed)
        choices = ", ".join(self.allowed)
        if missing:
            problem = f"{field!r} is missing"
        elif not isinstance(received, str):
            problem = f"{field!r} must be a string, got {type(received).__name__}"
        else:
            problem = f"{field!r} value {_preview(received)} is not one of the known values"
        super().__init__(f"{union}: {problem}; expected one of: {choices}")


class VariantError(ParseError):
    """A payload selected a variant but does not fit it: the message names the variant and field."""

    def __init__(self, union: str, variant: str, field: str | None, problem: str) -> None:
        self.union = union
        self.variant = variant
        self.field = field
        where = f"{variant}.{field}" if field else variant
        super().__init__(f"{union} as {where}: {problem}")


def _preview(value: str) -> str:
    # Discriminator values are not secret, but a caller may have put anything there: keep it short.
    shown = value if len(value) <= _VALUE_PREVIEW else value[:_VALUE_PREVIEW] + "…"
    return repr(shown)


__all__ = ["DiscriminatorError", "FieldError", "GrantwireError", "ParseError", "UnexpectedStatus", "VariantError"]
