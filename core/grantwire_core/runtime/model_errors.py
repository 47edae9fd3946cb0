"""How a generated ``from_dict`` reports that its data does not match the schema: one
``FieldError`` naming the model and the field path, whatever went wrong.

A generated ``from_dict`` runs its whole body inside one ``try``: on the happy path that costs
nothing, and whatever goes wrong (a field helper's ``FieldError``, a missing key, a payload that is
not an object) leaves it through ``model_error``. Where a property is parsed by another model or a
union, its error is prefixed with the field that holds it on the way out (``nested_error``), so a
deep failure reads ``UserInfo.accounts[0].base_uri: expected a string, got an integer``.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import FieldError, FieldTypeError, MissingFieldError, ParseError
from .fields import json_kind

#: What a ``from_dict`` can raise on data that does not match its schema: each becomes a
#: ``FieldError`` (``model_error``). Endpoint modules catch the same for JSON they cannot read.
PARSE_FAILURES = (ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError)


def model_error(model: str, error: BaseException, data: object) -> FieldError:
    """The one error ``model.from_dict(data)`` raises for ``error``: a ``FieldError`` naming the
    model and the field path, never the value."""
    if not isinstance(data, Mapping):
        return FieldTypeError("", f"expected an object, got {json_kind(data)}", model)
    if isinstance(error, FieldError):
        # A model of another module that raised without passing through nested_error keeps its name.
        return error if error.model is not None else type(error)(error.field, error.problem, model)
    if isinstance(error, ParseError):
        return FieldError("", str(error), model)
    key = error.args[0] if isinstance(error, KeyError) and error.args else None
    if isinstance(key, str) and key not in data:
        return MissingFieldError(key, "required field is missing", model)
    if isinstance(error, RecursionError):
        return FieldError("", "nested too deeply", model)
    # A builtin's message may quote the value: only its kind is reported.
    kind = FieldTypeError if isinstance(error, TypeError) else FieldError
    return kind("", f"a value of the wrong type or format ({type(error).__name__})", model)


def nested_error(error: ParseError, field: str, index: int | None = None) -> ParseError:
    """``error``, raised while parsing the value of ``field`` (its item ``index``), as an error of
    the model that holds it: ``organization`` + ``UserOrganization.name`` → ``organization.name``."""
    if isinstance(error, FieldError) and error.model is None:
        return error  # this model's own check of the field (expect_list, a union's types): in place
    where = field if index is None else f"{field}[{index}]"
    if isinstance(error, FieldError):
        return type(error)(f"{where}.{error.field}" if error.field else where, error.problem)
    return FieldError(where, str(error))


def expect_object(value: object, model: str) -> None:
    """The check of a model without properties: its payload must still be a JSON object."""
    if not isinstance(value, Mapping):
        raise FieldTypeError("", f"expected an object, got {json_kind(value)}", model)


__all__ = ["PARSE_FAILURES", "expect_object", "model_error", "nested_error"]
