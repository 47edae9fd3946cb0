"""Discriminated unions in every position, generated from tests/functional/grants.yaml."""

from __future__ import annotations

import json
from types import ModuleType
from typing import Any

import pytest
from grantwire_core._internal.http import httpx

BATCH = {
    "primary": {"kind": "code", "code": "c-1"},
    "fallback": {"kind": "pin", "secret": "1234"},
    "items": [{"kind": "secret", "secret": "s"}, {"kind": "code", "code": "c-2"}],
}


def test_union_request_body_and_response_use_the_dispatch(grants: ModuleType) -> None:
    from functional_grants.api.default import echo_grant
    from functional_grants.models import CodeGrant, SecretGrant

    sent: list[Any] = []

    def echo(request: httpx.Request) -> httpx.Response:
        sent.append(json.loads(request.content))
        return httpx.Response(200, content=request.content, headers={"Content-Type": "application/json"})

    client = grants.Client(base_url="https://grants.example", httpx_args={"transport": httpx.MockTransport(echo)})
    parsed = echo_grant.sync(client=client, body=SecretGrant(kind="pin", secret="1234"))

    assert sent == [{"kind": "pin", "secret": "1234"}]
    assert isinstance(parsed, SecretGrant)
    assert parsed.kind == "pin"
    assert isinstance(echo_grant.sync(client=client, body=CodeGrant(code="c")), CodeGrant)


def test_union_model_properties_and_list_items_parse_and_round_trip(grants: ModuleType) -> None:
    from functional_grants.models import Batch, CodeGrant, SecretGrant

    batch = Batch.from_dict(BATCH)

    assert isinstance(batch.primary, CodeGrant)
    assert isinstance(batch.fallback, SecretGrant)
    assert [type(item) for item in batch.items] == [SecretGrant, CodeGrant]
    assert batch.to_dict() == BATCH


def test_a_bad_item_deep_in_a_model_raises_the_package_error(grants: ModuleType) -> None:
    from functional_grants.models import Batch

    # The union's own error, named by the model and the item that holds it.
    with pytest.raises(grants.ParseError, match=r"^Batch\.items\[0\]: Grant: 'kind' is not one of the known values"):
        Batch.from_dict({**BATCH, "items": [{"kind": "token"}]})


def test_union_parse_function_is_exported_with_its_values(grants: ModuleType) -> None:
    from functional_grants import models

    assert models.GRANT_KINDS == ("code", "secret", "pin")
    assert isinstance(models.parse_grant({"kind": "code", "code": "x"}), models.CodeGrant)
    assert {"Grant", "GRANT_KINDS", "parse_grant"} <= set(models.__all__)
