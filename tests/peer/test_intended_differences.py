"""What our generator does where the peer's functional tests expect stock openapi-python-client's
behaviour (``tests.peer.run.INTENDED_DIFFERENCES`` lists each with its reason): one test per
difference, on a small document generated here. Where we only add to stock (per-call options,
typed parse errors), the last tests hold that stock's reading of the same code still works."""

from __future__ import annotations

import importlib
import inspect
import json
from collections.abc import Iterator
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import APIStatusError, FieldError, FieldTypeError, MissingFieldError, ParseError

from generator.document import main
from tests.imported import imported
from tests.peer.run import INTENDED_DIFFERENCES


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Differences", "version": "1"},
    "paths": {
        "/items/{item_id}/details/{detail_id}": {
            "get": {
                "operationId": "getItemDetail",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "detail_id", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {"200": {"description": "ok", "content": _json("Good")}},
            },
            "post": {
                "operationId": "postThing",
                "parameters": [
                    {"name": "item_id", "in": "path", "required": True, "schema": {"type": "string"}},
                    {"name": "detail_id", "in": "path", "required": True, "schema": {"type": "string"}},
                ],
                "responses": {
                    "200": {"description": "ok", "content": _json("Good")},
                    "400": {"description": "no", "content": _json("Bad")},
                },
            },
        }
    },
    "components": {
        "schemas": {
            "Good": {"type": "object", "properties": {"id": {"type": "string"}}},
            "Bad": {"type": "object", "properties": {"message": {"type": "string"}}},
            "Letter": {"type": "string", "enum": ["a", "A"]},
            "Holder": {
                "type": "object",
                "properties": {"letter": {"oneOf": [{"$ref": "#/components/schemas/Letter"}, {"type": "null"}]}},
            },
            "Required": {
                "type": "object",
                "required": ["name", "letter"],
                "properties": {"name": {"type": "string"}, "letter": {"$ref": "#/components/schemas/Letter"}},
            },
        }
    },
}


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    folder = tmp_path_factory.mktemp("differences")
    (folder / "doc.json").write_text(json.dumps(DOCUMENT))
    (folder / "config.yml").write_text("literal_enums: true\n")
    assert main([str(folder / "doc.json"), str(folder / "out"), f"--config={folder / 'config.yml'}"]) == 0
    with imported(folder / "out", "differences_client") as package:
        yield package


def _module(name: str) -> Any:
    return importlib.import_module(f"differences_client.{name}")


def _client(package: Any, handler: Any) -> Any:
    client = _module("client").Client(base_url="https://api.example.com")
    client.set_httpx_client(httpx.Client(base_url="https://api.example.com", transport=httpx.MockTransport(handler)))
    return client


def test_every_listed_difference_names_the_test_that_checks_it() -> None:
    for reason in INTENDED_DIFFERENCES:
        name = reason.rsplit("::", 1)[-1].rstrip(")")
        assert name in globals(), reason


def test_path_parameters_are_percent_encoded(package: Any) -> None:
    get_item_detail = _module("api.default.get_item_detail")

    sent: list[bytes] = []

    def handler(request: Any) -> Any:
        sent.append(request.url.raw_path)
        return httpx.Response(200, json={"id": "x"})

    client = _client(package, handler)
    for item, detail, path in [
        ("item123", "detail456", b"/items/item123/details/detail456"),
        ("a/b?c", "d#e", b"/items/a%2Fb%3Fc/details/d%23e"),
        ("with space", "x", b"/items/with%20space/details/x"),
    ]:
        assert get_item_detail.sync(item_id=item, detail_id=detail, client=client).id == "x"
        assert sent[-1] == path


def test_sync_returns_the_success_model_and_raises_on_an_error_status(package: Any) -> None:
    post_thing = _module("api.default.post_thing")
    good = _module("models").Good

    assert "Returns:\n    Good" in (inspect.getdoc(post_thing.sync) or "")
    client = _client(package, lambda request: httpx.Response(200, json={"id": "x"}))
    assert post_thing.sync(item_id="i", detail_id="d", client=client) == good(id="x")
    client = _client(package, lambda request: httpx.Response(400, json={"message": "no"}))
    with pytest.raises(APIStatusError) as caught:
        post_thing.sync(item_id="i", detail_id="d", client=client)
    assert caught.value.status_code == 400


def test_a_value_outside_a_literal_enum_is_a_field_error(package: Any) -> None:
    holder = _module("models").Holder

    assert holder.from_dict({"letter": "A"}).letter == "A"
    assert holder.from_dict({"letter": None}).letter is None
    with pytest.raises(FieldError, match="letter"):
        holder.from_dict({"letter": "B"})


def test_call_options_are_documented_beside_the_documents_parameters(package: Any) -> None:
    get_item_detail = _module("api.default.get_item_detail")

    doc = inspect.getdoc(get_item_detail.sync) or ""
    args = doc.split("Args:\n")[1].split("\n\n")[0]
    assert "item_id (str)" in args
    assert "retry" not in args
    options = doc.split("Keyword Args:\n")[1].split("\n\n")[0]
    assert "retry (RetryPolicy | None)" in options
    assert "timeout (Timeouts | float | None)" in options
    assert list(inspect.signature(get_item_detail.sync).parameters)[-2:] == ["retry", "timeout"]


def test_from_dict_failures_are_field_errors_and_what_stock_raises(package: Any) -> None:
    required = _module("models").Required
    assert required.from_dict({"name": "n", "letter": "a"}).letter == "a"
    with pytest.raises(MissingFieldError, match=r"^Required\.name: required field is missing$") as missing:
        required.from_dict({"letter": "a"})
    assert isinstance(missing.value, KeyError)
    assert isinstance(missing.value, ParseError)
    with pytest.raises(FieldTypeError, match=r"^Required\.letter: ") as outside:
        required.from_dict({"name": "n", "letter": "c"})
    assert isinstance(outside.value, TypeError)
    assert isinstance(outside.value, ValueError)
    with pytest.raises(FieldTypeError, match=r"^Required\.name: expected a string, got an integer$"):
        required.from_dict({"name": 1, "letter": "a"})
