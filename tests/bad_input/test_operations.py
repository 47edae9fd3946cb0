"""Every generated operation swept: a wrong client, body, path parameter, timeout or retry policy
is one typed error naming it, raised before anything is sent (the loopback server sees no
connection)."""

from __future__ import annotations

import asyncio
import importlib
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from grantwire_core.errors import RequestValidationError

from tests.faults.server import MisbehavingServer, answer, response

ROOT = Path(__file__).resolve().parents[2]
PROVIDER = "0b0e9f1c-6a8e-4c1f-9a55-3f6f3c1b2a10"


def good_body(package: str, operation: str) -> object:
    if package == "grantwire_ringcentral" and operation == "get_token":
        from grantwire_ringcentral.models import PasswordGrant

        return PasswordGrant(username="+16501234567", password="pw")
    if package == "grantwire_ringcentral":
        from grantwire_ringcentral.models import RevokeTokenRequest

        return RevokeTokenRequest(token="at")
    if package == "grantwire_docusign" and operation == "get_token":
        from grantwire_docusign.models import JWTGrant

        return JWTGrant(assertion="a.b.c")
    from grantwire_usegrant.models import CreateTokenRequest

    return CreateTokenRequest(expires_in=60)


# package, module under api/, operation, its path parameters, whether it takes a body
OPERATIONS: list[tuple[str, str, str, tuple[str, ...], bool]] = [
    ("grantwire_ringcentral", "tokens", "get_token", (), True),
    ("grantwire_ringcentral", "tokens", "revoke_token", (), True),
    ("grantwire_docusign", "tokens", "get_token", (), True),
    ("grantwire_docusign", "userinfo", "get_user_info", (), False),
    ("grantwire_usegrant", "tokens", "create_token", ("provider_id", "client_id"), True),
]
IDS = [f"{package.removeprefix('grantwire_')}.{operation}" for package, _, operation, _, _ in OPERATIONS]


def test_the_sweep_covers_every_generated_operation() -> None:
    found = {
        (path.parents[3].name.replace("-", "_"), path.stem)
        for path in ROOT.glob("clients/*/grantwire_*/api/*/*.py")
        if path.stem != "__init__"
    }
    assert found == {(package, operation) for package, _, operation, _, _ in OPERATIONS}


@pytest.fixture(scope="module")
def server() -> Iterator[MisbehavingServer]:
    with MisbehavingServer(answer(response(200, json.dumps({}).encode()))).running() as running:
        yield running


def arguments(package: str, operation: str, path: tuple[str, ...], has_body: bool, url: str) -> dict[str, Any]:
    client_module: ModuleType = importlib.import_module(package)
    client = client_module.AuthenticatedClient(url, "token")
    given: dict[str, Any] = {"client": client, **dict.fromkeys(path, PROVIDER)}
    if has_body:
        given["body"] = good_body(package, operation)
    return given


def wrong_inputs(path: tuple[str, ...], has_body: bool) -> list[tuple[str, object, type[Exception], str]]:
    """(argument, wrong value, error, message) for an operation with these path parameters and body."""
    cases: list[tuple[str, object, type[Exception], str]] = [
        ("client", "https://platform.ringcentral.com", TypeError, "client must be the package's Client"),
        ("client", None, TypeError, "client must be the package's Client"),
        ("timeout", "30s", TypeError, "timeout must be a grantwire Timeouts or a number of seconds"),
        ("timeout", -1, ValueError, "Timeouts.total must be a positive number of seconds"),
        ("retry", 3, TypeError, "retry must be a grantwire RetryPolicy, got int"),
    ]
    if has_body:
        cases += [
            ("body", {"grant_type": "password"}, RequestValidationError, "body must be a "),
            ("body", None, RequestValidationError, "body must be a "),
            ("body", "grant_type=password", RequestValidationError, "body must be a "),
        ]
    for name in path:
        wire = "providerId" if name == "provider_id" else "clientId"
        cases += [
            (name, "../../admin", RequestValidationError, f"{wire} (path parameter) must be a UUID; nothing was sent"),
            (name, "", RequestValidationError, f"{wire} (path parameter) must be a UUID"),
            (name, 42, RequestValidationError, f"{wire} (path parameter) must be a UUID"),
        ]
    return cases


CASES = [
    (operation_case, wrong)
    for operation_case in OPERATIONS
    for wrong in wrong_inputs(operation_case[3], operation_case[4])
]


@pytest.mark.parametrize("how", ["sync", "asyncio", "sync_detailed"])
@pytest.mark.parametrize(
    ("operation_case", "wrong"),
    CASES,
    ids=[f"{IDS[OPERATIONS.index(op)]}-{wrong[0]}={wrong[1]!r:.20}" for op, wrong in CASES],
)
def test_a_wrong_argument_is_one_error_and_nothing_is_sent(
    operation_case: tuple[str, str, str, tuple[str, ...], bool],
    wrong: tuple[str, object, type[Exception], str],
    how: str,
    server: MisbehavingServer,
) -> None:
    package, group, operation, path, has_body = operation_case
    name, value, error, message = wrong
    module = importlib.import_module(f"{package}.api.{group}.{operation}")
    given = {**arguments(package, operation, path, has_body, server.url), name: value}
    before = server.connections
    function: Callable[..., Any] = getattr(module, how)

    def run() -> None:
        result = function(**given)
        if asyncio.iscoroutine(result):
            asyncio.run(result)

    with pytest.raises(error) as raised:
        run()
    text = str(raised.value)
    assert message in text
    assert "\n" not in text
    if name in ("client", "body"):
        assert text.startswith(f"{operation}")  # names the operation
    assert server.connections == before  # nothing was sent
