"""grantwire_core.runtime.model_errors and grantwire_core.runtime.enums on their own: how a model's failure becomes
one FieldError, and how enum fields open for responses and stay closed for requests."""

from __future__ import annotations

from enum import Enum
from typing import Literal

import pytest
from grantwire_core.errors import DiscriminatorError, FieldError, FieldTypeError, MissingFieldError, ParseError
from grantwire_core.runtime.enums import literal_field, open_enum_field, open_enum_value
from grantwire_core.runtime.fields import enum_field, enum_value
from grantwire_core.runtime.model_errors import PARSE_FAILURES, expect_object, model_error, nested_error
from grantwire_core.runtime.types import UnknownEnumValue


class Colour(str, Enum):
    RED = "red"


def test_a_field_error_of_the_model_itself_gets_the_model_name() -> None:
    error = model_error("Paint", FieldError("colour", "expected a string, got null"), {"colour": None})
    assert str(error) == "Paint.colour: expected a string, got null"
    assert (error.model, error.field) == ("Paint", "colour")


def test_a_missing_key_names_the_field_and_a_builtin_never_its_message() -> None:
    assert str(model_error("Paint", KeyError("colour"), {})) == "Paint.colour: required field is missing"
    leaked = model_error("Paint", ValueError("secret-value in the message"), {"colour": "x"})
    assert str(leaked) == "Paint: a value of the wrong type or format (ValueError)"


def test_a_payload_that_is_not_an_object_says_so() -> None:
    assert str(model_error("Paint", TypeError(), "red")) == "Paint: expected an object, got a string"
    with pytest.raises(FieldError, match=r"^Paint: expected an object, got an array$"):
        expect_object([], "Paint")


def test_a_nested_models_error_is_prefixed_with_the_field_and_index() -> None:
    inner = model_error("Layer", FieldError("colour", "expected a string, got null"), {"colour": None})
    outer = model_error("Paint", nested_error(inner, "layers", 2), {"layers": []})
    assert str(outer) == "Paint.layers[2].colour: expected a string, got null"
    union = DiscriminatorError("Grant", "grant_type", None, ("a", "b"), missing=True)
    assert str(model_error("Envelope", nested_error(union, "request"), {})) == (
        "Envelope.request: Grant: 'grant_type' is missing; expected one of: a, b"
    )


def test_the_models_own_check_of_a_field_is_left_in_place() -> None:
    own = FieldError("layers", "expected an array, got an object")
    assert nested_error(own, "layers") is own


def test_every_parse_failure_is_a_builtin_or_our_family() -> None:
    assert issubclass(ParseError, PARSE_FAILURES)
    assert issubclass(FieldError, ParseError)


def test_an_open_enum_field_keeps_an_unlisted_string_as_unknown() -> None:
    assert open_enum_field(Colour, "red", "colour") is Colour.RED
    assert open_enum_field(Colour, "RED", "colour", case_insensitive=True) is Colour.RED
    unknown = open_enum_field(Colour, "teal", "colour")
    assert isinstance(unknown, UnknownEnumValue)
    assert unknown == "teal"
    assert repr(unknown) == "UnknownEnumValue('teal')"
    assert open_enum_value(Colour, unknown, "colour") == "teal"
    with pytest.raises(FieldError, match=r"^colour: expected a string, got an integer$"):
        open_enum_field(Colour, 7, "colour")


def test_a_closed_enum_refuses_the_unknown_in_both_directions() -> None:
    with pytest.raises(FieldError, match=r"^colour: a string that is not one of: red$"):
        enum_field(Colour, "teal", "colour")
    with pytest.raises(FieldError, match=r"^colour: a string that is not one of: red$"):
        enum_value(Colour, UnknownEnumValue("teal"), "colour")


def _check_shade(value: str) -> Literal["light"]:
    if value == "light":
        return "light"
    raise TypeError(f"Unexpected value {value!r}")


def test_a_literal_field_names_the_field_not_the_value() -> None:
    assert literal_field(_check_shade, "light", "shade") == "light"
    with pytest.raises(FieldError) as caught:
        literal_field(_check_shade, "secret-shade", "shade")
    assert str(caught.value) == "shade: a string that is not one of the values the spec lists"


def test_a_missing_field_is_one_of_the_family_and_the_key_error_stock_raises() -> None:
    # A FieldError first; also the KeyError an openapi-python-client model raises, so code that
    # catches that keeps working. Nesting keeps the kind, and str() does not quote as KeyError's.
    inner = model_error("Layer", KeyError("colour"), {})
    assert isinstance(inner, MissingFieldError)
    assert isinstance(inner, KeyError)
    outer = model_error("Paint", nested_error(inner, "layers", 0), {"layers": [{}]})
    assert type(outer) is MissingFieldError
    assert str(outer) == "Paint.layers[0].colour: required field is missing"


def test_a_wrong_kind_or_a_value_outside_a_literal_is_the_type_error_stock_raises() -> None:
    with pytest.raises(FieldTypeError, match=r"^shade: ") as outside:
        literal_field(_check_shade, "dark", "shade")
    assert isinstance(outside.value, TypeError)
    not_an_object = model_error("Paint", TypeError(), "red")
    assert isinstance(not_an_object, FieldTypeError)
    outer = model_error("Paint", nested_error(model_error("Layer", not_an_object, "red"), "layers", 1), {})
    assert type(outer) is FieldTypeError
    # A closed str enum refuses as stock's Enum(value) does: a ValueError, not a TypeError.
    with pytest.raises(FieldError) as closed:
        enum_field(Colour, "teal", "colour")
    assert not isinstance(closed.value, TypeError)
