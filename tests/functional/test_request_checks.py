"""Requests are checked against their spec before anything is sent: each kind of constraint, in a
tiny inline spec (checks.yaml) generated at test time, refuses what it forbids with an error that
names the model, the field and the rule, and never the value."""

from __future__ import annotations

import importlib
import sys
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from grantwire_core._internal.http import httpx

from generator.pipeline import build_client
from tests.functional.conftest import functional_client

VALID: dict[str, Any] = {"kind": "thing", "name": "abc", "count": 3}


@pytest.fixture(scope="module")
def checks(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    tree = tmp_path_factory.mktemp("functional") / "functional-checks"
    build_client(functional_client("checks"), tree)
    sys.path.insert(0, str(tree))
    try:
        package = importlib.import_module("functional_checks")
        importlib.import_module("functional_checks.models")  # the package imports it on first use
        importlib.import_module("functional_checks.types")
        yield package
    finally:
        sys.path.remove(str(tree))


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": 5}, "Thing.name must be a string, got int"),
        ({"name": None}, "Thing.name must be a string, not null"),
        ({"name": "a"}, "Thing.name must be at least 2 characters long"),
        ({"name": "abcdefghi"}, "Thing.name must be at most 8 characters long"),
        ({"name": "ABC"}, "Thing.name must match the pattern '^[a-z]+$'"),
        ({"count": 0}, "Thing.count must be at least 1"),
        ({"count": 11}, "Thing.count must be at most 10"),
        ({"count": "3"}, "Thing.count must be an integer, got str"),
        ({"count": True}, "Thing.count must be an integer, got bool"),
        ({"ratio": 0}, "Thing.ratio must be more than 0"),
        ({"ratio": 1.0}, "Thing.ratio must be less than 1"),
        ({"enabled": "yes"}, "Thing.enabled must be a boolean, got str"),
        ({"kind": "other"}, "Thing.kind must be 'thing'"),
        ({"secret": "abc"}, "Thing.secret must be at least 4 characters long"),
    ],
)
def test_each_constraint_refuses_what_it_forbids_before_sending(
    checks: ModuleType, changes: dict[str, Any], message: str
) -> None:
    thing = checks.models.Thing(**VALID)
    for name, value in changes.items():
        setattr(thing, name, value)
    with pytest.raises(checks.RequestValidationError, match=f"^{_escaped(message)}; nothing was sent$") as raised:
        send(checks, thing)
    assert isinstance(raised.value, ValueError)
    error: Any = raised.value
    assert (error.model, error.field) == ("Thing", next(iter(changes)))


def test_the_value_of_a_field_never_appears_in_the_error(checks: ModuleType) -> None:
    thing = checks.models.Thing(**VALID, secret="s3c")
    with pytest.raises(checks.RequestValidationError) as raised:
        send(checks, thing)
    assert "s3c" not in str(raised.value)


def test_a_valid_thing_is_sent(checks: ModuleType) -> None:
    sent: list[httpx.Request] = []
    assert send(checks, checks.models.Thing(**VALID, ratio=0.5, enabled=True), sent) is not None
    assert len(sent) == 1


def test_a_missing_required_field_is_refused(checks: ModuleType) -> None:
    thing = checks.models.Thing(**VALID)
    thing.count = checks.types.UNSET
    with pytest.raises(checks.RequestValidationError, match=r"^Thing\.count is required"):
        thing.to_dict()


@pytest.mark.parametrize("account", ["not-a-uuid", "../../admin", 42])
def test_a_uuid_path_parameter_must_be_a_uuid(checks: ModuleType, account: object) -> None:
    sent: list[httpx.Request] = []
    with pytest.raises(checks.RequestValidationError, match=r"^accountId \(path parameter\) must be a UUID"):
        send(checks, checks.models.Thing(**VALID), sent, account=account)
    assert sent == []


def test_a_uuid_path_parameter_may_be_a_string_and_is_sent_canonical(checks: ModuleType) -> None:
    sent: list[httpx.Request] = []
    account = uuid.uuid4()
    send(checks, checks.models.Thing(**VALID), sent, account=str(account).upper())
    assert sent[0].url.path == f"/accounts/{account}/things"


def send(checks: ModuleType, thing: Any, sent: list[httpx.Request] | None = None, account: object = None) -> Any:
    record = sent if sent is not None else []

    def answer(request: httpx.Request) -> httpx.Response:
        record.append(request)
        return httpx.Response(201, content=request.content, headers={"Content-Type": "application/json"})

    client = checks.Client(base_url="https://api.example", httpx_args={"transport": httpx.MockTransport(answer)})
    operation = importlib.import_module("functional_checks.api.default.create_thing")
    result = operation.sync(account if account is not None else uuid.uuid4(), client=client, body=thing)
    assert record, "nothing was sent"
    return result


def _escaped(text: str) -> str:
    import re

    return re.escape(text)
