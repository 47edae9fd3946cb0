"""Our clients and an independent implementation (pydantic models from datamodel-code-generator)
agree on every request variant and every response body the specs describe.

hypothesis-jsonschema draws payloads straight from each spec schema, so neither implementation
decides what a valid payload looks like.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from tests.oracle.cases import Case, find_class, parser_for, request_cases, response_cases, send_token_request
from tests.oracle.compare import assert_same, plain, unwrap
from tests.oracle.pydantic_models import oracle_module
from tests.oracle.spec_schemas import SCHEMA_PREFIX, comparable_name, load_spec, resolve
from tests.oracle.strategies import from_schema

# At least 200 per variant, as CI runs it; raise it locally for a deeper search.
EXAMPLES = max(200, int(os.environ.get("GRANTWIRE_ORACLE_EXAMPLES", "200")))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=True,
)


def strategy(case: Case) -> Any:
    spec = load_spec(case.spec_path)
    return from_schema(resolve(spec, {"$ref": SCHEMA_PREFIX + case.schema}))


@pytest.mark.parametrize("case", request_cases(), ids=str)
def test_request_variant_agrees_with_oracle(case: Case) -> None:
    oracle_body = getattr(oracle_module(case.spec_path), case.body_type)
    parse = parser_for(case)

    examples: list[dict[str, Any]] = []

    @SETTINGS
    @given(strategy(case))
    def check(payload: dict[str, Any]) -> None:
        examples.append(payload)
        ours = parse(payload)
        assert comparable_name(type(ours).__name__) == comparable_name(case.class_title)
        theirs = unwrap(oracle_body.model_validate(payload))
        assert comparable_name(type(theirs).__name__) == comparable_name(case.class_title)
        # What actually went on the wire (form fields are strings) selects the same variant and
        # carries the same values, defaults included.
        on_the_wire = unwrap(oracle_body.model_validate(send_token_request(case.client, ours)))
        assert type(on_the_wire) is type(theirs)
        assert plain(on_the_wire) | plain(theirs) == plain(on_the_wire)
        assert on_the_wire.model_dump() == theirs.model_dump()

    check()
    assert len(examples) >= EXAMPLES


@pytest.mark.parametrize("case", response_cases(), ids=str)
def test_response_body_agrees_with_oracle(case: Case) -> None:
    from tests.oracle.cases import client_models

    ours_class = find_class(client_models(case.client), case.class_title)
    theirs_class = find_class(oracle_module(case.spec_path), case.class_title)

    examples: list[dict[str, Any]] = []

    @SETTINGS
    @given(strategy(case))
    def check(payload: dict[str, Any]) -> None:
        examples.append(payload)
        ours = ours_class.from_dict(payload)
        theirs = theirs_class.model_validate(payload)
        assert_same(ours.to_dict(), plain(theirs))

    check()
    assert len(examples) >= EXAMPLES
