"""generator.error_imports on a document written elsewhere: a model only error statuses name is
imported where its status is parsed, so a call that succeeds never loads it; a model a success
status, the default response or the request body also names stays at the top of the module."""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from grantwire_core._internal.http import httpx

from generator.document import generate_document
from tests.imported import imported


def _json(schema: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}


def _object(*names: str) -> dict[str, Any]:
    return {"type": "object", "properties": {name: {"type": "string"} for name in names}}


DOCUMENT: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "Orders", "version": "1"},
    "paths": {
        "/orders": {
            "post": {
                "operationId": "createOrder",
                "requestBody": {"required": True, "content": _json("Echo")},
                "responses": {
                    "200": {"description": "ok", "content": _json("Order")},
                    "400": {"description": "bad", "content": _json("Problem")},
                    "409": {"description": "echoed", "content": _json("Echo")},
                    "500": {"description": "broken", "content": _json("Outage")},
                    "default": {"description": "other", "content": _json("Fallback")},
                },
            }
        },
        "/orders/{id}": {
            "get": {
                "operationId": "getOrder",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
                "responses": {
                    "200": {"description": "ok", "content": _json("Order")},
                    # An error here, a success elsewhere: only this module may defer it.
                    "404": {"description": "none", "content": _json("Fallback")},
                },
            }
        },
    },
    "components": {
        "schemas": {
            "Order": _object("id"),
            "Echo": _object("note"),
            "Problem": _object("detail"),
            "Outage": _object("reason"),
            "Fallback": _object("message"),
        }
    },
}


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("error-imports")
    spec = folder / "orders.json"
    spec.write_text(json.dumps(DOCUMENT))
    generate_document(spec, folder / "out", strict=True)
    return folder / "out"


def _top_level_imports(source: str) -> set[str]:
    """The import lines at the module's top level, outside ``if TYPE_CHECKING:``."""
    return {line for line in source.splitlines() if line.startswith("from ...models.")}


def test_only_the_models_error_statuses_alone_need_are_deferred(out: Path) -> None:
    source = (out / "orders_client" / "api" / "default" / "create_order.py").read_text()
    top = _top_level_imports(source)
    # The success, the request body (also a 409's body) and the default response stay at the top.
    assert {
        "from ...models.order import Order",
        "from ...models.echo import Echo",
        "from ...models.fallback import Fallback",
    } <= top
    for model, module in (("Problem", "problem"), ("Outage", "outage")):
        line = f"from ...models.{module} import {model}"
        assert line not in top
        assert f"    {line}\n" in source  # for type checkers, in the TYPE_CHECKING block
        assert f"        {line}  # noqa: PLC0415\n" in source  # where its status is parsed


def test_a_model_is_deferred_per_operation(out: Path) -> None:
    source = (out / "orders_client" / "api" / "default" / "get_order.py").read_text()
    assert "from ...models.order import Order" in _top_level_imports(source)
    assert "from ...models.fallback import Fallback" not in _top_level_imports(source)


def test_a_call_that_succeeds_never_loads_an_error_model_and_an_error_still_parses(out: Path) -> None:
    with imported(out, "orders_client") as package:
        create_order = importlib.import_module("orders_client.api.default.create_order")
        echo = importlib.import_module("orders_client.models").Echo(note="hi")

        def client(status: int, body: dict[str, str]) -> Any:
            transport = httpx.MockTransport(lambda request: httpx.Response(status, json=body))
            return package.Client("http://orders.test", httpx_args={"transport": transport})

        ok = create_order.sync_detailed(client=client(200, {"id": "7"}), body=echo)
        assert ok.parsed is not None
        assert ok.parsed.id == "7"
        assert "orders_client.models.problem" not in sys.modules
        assert "orders_client.models.outage" not in sys.modules

        bad = create_order.sync_detailed(client=client(400, {"detail": "no note"}), body=echo)
        assert bad.status_code == 400
        assert type(bad.parsed).__name__ == "Problem"
        assert bad.parsed.detail == "no note"
        assert "orders_client.models.problem" in sys.modules
        assert "orders_client.models.outage" not in sys.modules
