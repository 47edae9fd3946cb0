"""What the oracle tests compare, read from the specs: request variants and response schemas."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from uuid import UUID

from tests.clients.recording import RecordingTransport, form_fields, json_body
from tests.oracle.spec_schemas import (
    SCHEMA_PREFIX,
    comparable_name,
    load_spec,
    response_schemas,
    union_variants,
)

SPECS = Path(__file__).resolve().parents[2] / "specs"
CLIENTS = ("docusign", "ringcentral", "usegrant")


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
    """The class in ``module`` named after ``title``, whatever casing its generator chose."""
    wanted = comparable_name(title)
    matches = [
        value for name, value in vars(module).items() if isinstance(value, type) and comparable_name(name) == wanted
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


TOKEN_OPERATIONS = {
    "docusign": "grantwire_docusign.api.auth.get_token",
    "ringcentral": "grantwire_ringcentral.api.oauth.get_token",
}
PROVIDER = UUID("497f6eca-6276-4993-bfeb-53cbbbba6f08")
CLIENT_ID = UUID("0b3f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")


def send_token_request(client: str, body: Any) -> dict[str, Any]:
    """Sends ``body`` through the client's token operation; returns the body as it went on the wire."""
    recorder = RecordingTransport(status=418, body={})
    transport = recorder.transport()
    if client == "usegrant":
        from grantwire_usegrant import AuthenticatedClient
        from grantwire_usegrant.api.tokens import create_token

        api = AuthenticatedClient(base_url="https://api.test", token="k", httpx_args={"transport": transport})
        create_token.sync_detailed(PROVIDER, CLIENT_ID, client=api, body=body)
        sent: dict[str, Any] = json_body(recorder.last)
        return sent
    operation = importlib.import_module(TOKEN_OPERATIONS[client])
    package = importlib.import_module(f"grantwire_{client}")
    api = package.Client(base_url="https://api.test", httpx_args={"transport": transport})
    operation.sync_detailed(client=api, body=body)
    return dict(form_fields(recorder.last))
