"""grantwire_core.runtime.unions: one lookup per discriminator value; where a value is shared (opted in),
the first member that fits, and an error naming them all when none does."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from grantwire_core.errors import DiscriminatorError, FieldError, VariantError
from grantwire_core.runtime.unions import Variant, by_second_field, first_fitting, parse_discriminated


def requiring(field: str) -> Variant[str]:
    def parse(data: Mapping[str, Any]) -> str:
        if not isinstance(data.get(field), str):
            raise FieldError(field, "a string is required")
        return f"has {field}"

    return Variant(f"By{field.title()}", parse)


VARIANTS = {
    "message": first_fitting("Item", (requiring("role"), requiring("id"))),
    "other": requiring("kind"),
}


def test_each_value_is_one_lookup_and_a_shared_one_tries_its_members_in_order() -> None:
    assert (
        parse_discriminated({"kind": "message", "role": "user"}, union="Item", field="kind", variants=VARIANTS)
        == "has role"
    )
    assert (
        parse_discriminated({"kind": "message", "id": "m1"}, union="Item", field="kind", variants=VARIANTS) == "has id"
    )
    assert parse_discriminated({"kind": "other"}, union="Item", field="kind", variants=VARIANTS) == "has kind"


def test_a_payload_fitting_none_of_the_shared_members_names_each_problem() -> None:
    with pytest.raises(VariantError) as caught:
        parse_discriminated({"kind": "message"}, union="Item", field="kind", variants=VARIANTS)
    assert str(caught.value) == (
        "Item as ByRole or ById: fits none of them (ByRole.role: a string is required; ById.id: a string is required)"
    )
    with pytest.raises(DiscriminatorError):
        parse_discriminated({"kind": "nope"}, union="Item", field="kind", variants=VARIANTS)


def test_a_shared_value_told_apart_by_a_second_field_is_a_second_lookup() -> None:
    variants = {
        "message": by_second_field("Item", "role", {"user": requiring("content"), "assistant": requiring("id")})
    }
    assert (
        parse_discriminated(
            {"kind": "message", "role": "user", "content": "hi"}, union="Item", field="kind", variants=variants
        )
        == "has content"
    )
    assert (
        parse_discriminated(
            {"kind": "message", "role": "assistant", "id": "m"}, union="Item", field="kind", variants=variants
        )
        == "has id"
    )
    with pytest.raises(DiscriminatorError, match="role"):
        parse_discriminated({"kind": "message", "role": "tool"}, union="Item", field="kind", variants=variants)
