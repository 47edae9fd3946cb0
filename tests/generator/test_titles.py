"""Component schemas whose titles would repeat a class name are retitled by their own keys."""

from __future__ import annotations

from typing import Any

from generator.titles import distinct_titles


def test_clashing_titles_take_their_keys_and_are_named_by_escaped_pointers() -> None:
    document: dict[str, Any] = {
        "components": {
            "schemas": {
                "a/b": {"title": "Trigger", "type": "object"},
                "Other": {"title": "Trigger", "type": "object"},
                "Plain": {"type": "object"},
            }
        }
    }
    assert distinct_titles(document) == ["/components/schemas/Other", "/components/schemas/a~1b"]
    schemas = document["components"]["schemas"]
    assert (schemas["a/b"]["title"], schemas["Other"]["title"]) == ("a/b", "Other")
    assert "title" not in schemas["Plain"]


def test_distinct_titles_leave_the_document_alone() -> None:
    document: dict[str, Any] = {"components": {"schemas": {"A": {"title": "First"}, "B": {"title": "Second"}}}}
    assert distinct_titles(document) == []
    assert document["components"]["schemas"]["A"]["title"] == "First"
