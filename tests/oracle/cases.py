"""What the oracle tests compare, read from the specs: request variants and response schemas."""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from grantwire_core._internal.http import httpx

from tests.clients.recording import form_fields, json_body
from tests.oracle.spec_schemas import (
    CLIENTS,
    SCHEMA_PREFIX,
    SPECS,
    comparable_name,
    load_spec,
    response_schemas,
    union_variants,
)
from tests.runtime.calls import PACKAGES, token_call


@dataclass(frozen=True)
class Case:
    """One schema of one spec: a request variant (with the body type it belongs to) or a response."""

    client: str
    schema: str
    class_title: str
    body_type: str

    @property
    def spec_path(self) -> Path:
        return SPECS / f"{self.client}.yaml"

    def __str__(self) -> str:
        return f"{self.client}-{self.schema}"


def _token_operation_body(spec: dict[str, Any]) -> str:
    """The component schema of the (single) token operation's request body."""
    for path_item in spec["paths"].values():
        for operation in path_item.values():
            for media in operation.get("requestBody", {}).get("content", {}).values():
                return str(media["schema"]["$ref"]).removeprefix(SCHEMA_PREFIX)
    raise AssertionError("no request body in spec")


def request_cases() -> list[Case]:
    cases = []
    for client in CLIENTS:
        spec = load_spec(SPECS / f"{client}.yaml")
        body = _token_operation_body(spec)
        variants = [v for v in union_variants(spec) if v.union == body]
        if variants:
            cases += [Case(client, v.schema, v.class_title, body) for v in variants]
        else:
            cases.append(Case(client, body, spec["components"]["schemas"][body].get("title", body), body))
    return cases


def response_cases() -> list[Case]:
    cases = []
    for client in CLIENTS:
        spec = load_spec(SPECS / f"{client}.yaml")
        for name in response_schemas(spec):
            title = spec["components"]["schemas"][name].get("title", name)
            cases.append(Case(client, name, title, name))
    return cases


def client_models(client: str) -> ModuleType:
    return importlib.import_module(f"grantwire_{client}.models")


def find_class(module: ModuleType, title: str) -> Any:
    """The class in ``module`` named after ``title``, whatever casing its generator chose. Names come
    from ``__all__``: a lazily importing package (the generated ``models``) holds only what was used."""
    wanted = comparable_name(title)
    names = getattr(module, "__all__", None) or list(vars(module))
    matches = [
        value for name in names if comparable_name(name) == wanted and isinstance(value := getattr(module, name), type)
    ]
    assert len(matches) == 1, f"{module.__name__} has {len(matches)} classes named like {title!r}"
    return matches[0]


def parser_for(case: Case) -> Callable[[dict[str, Any]], Any]:
    """Our client's way to read a body of ``case.body_type``: the union's parse function or from_dict."""
    models = client_models(case.client)
    snake = "".join(f"_{ch.lower()}" if ch.isupper() else ch for ch in case.body_type).lstrip("_")
    parse = getattr(models, f"parse_{snake}", None)
    if parse is not None:
        return parse  # type: ignore[no-any-return]
    return find_class(models, case.body_type).from_dict  # type: ignore[no-any-return]


def send_token_request(client: str, body: Any) -> dict[str, Any]:
    """Sends ``body`` through the client's token operation; returns the body as it went on the wire."""
    sent: list[httpx.Request] = []

    def record(request: httpx.Request) -> httpx.Response:
        request.read()
        sent.append(request)
        return httpx.Response(418, json={})

    # Only the request matters here; the 418 answer ends the call with a status error.
    with contextlib.suppress(PACKAGES[client].APIStatusError):
        token_call(client, record, body=body)
    if client == "usegrant":
        wire: dict[str, Any] = json_body(sent[-1])
        return wire
    return dict(form_fields(sent[-1]))
