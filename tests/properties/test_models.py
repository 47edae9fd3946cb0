"""Property-based tests of every generated model (issue: bad input gets one clear typed error,
item 3): arbitrary JSON into ``from_dict`` raises ``ParseError`` or nothing, never another
exception and never with a value in its message; valid payloads round-trip through
``to_dict``/``from_dict``.

``GRANTWIRE_FUZZ_EXAMPLES`` sets the examples per model and property: a bounded number by default,
10,000 in ``nox -s fuzz``.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path

import attrs
import pytest
from grantwire_core.errors import ParseError
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

from tests.properties.models import SENTINEL, ModelCase, model_cases

EXAMPLES = int(os.environ.get("GRANTWIRE_FUZZ_EXAMPLES", "100"))
CASES = model_cases()
# Built once, outside the tests: the hostile strategy draws a few valid payloads to mutate when made.
HOSTILE = {case.model: case.hostile_payloads() for case in CASES}
VALID = {case.model: case.valid_payloads() for case in CASES}
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_every_model_module_of_every_package_is_covered() -> None:
    covered = {case.model for case in CASES}
    for client in ("docusign", "ringcentral", "usegrant"):
        package = importlib.import_module(f"grantwire_{client}.models")
        for path in Path(package.__file__ or "").parent.glob("*.py"):
            module = importlib.import_module(f"{package.__name__}.{path.stem}")
            defined = [
                value for value in vars(module).values() if attrs.has(value) and value.__module__ == module.__name__
            ]
            assert set(defined) <= covered, f"{module.__name__} defines a model the tests miss"
    assert len(covered) == len(CASES) > 20


@pytest.mark.parametrize("case", CASES, ids=str)
@FUZZ
@given(data=st.data())
def test_arbitrary_json_raises_only_parse_error_naming_the_model(case: ModelCase, data: st.DataObject) -> None:
    payload = data.draw(HOSTILE[case.model], label="payload")
    try:
        case.model.from_dict(payload)
    except ParseError as error:
        message = str(error)
        assert message.startswith(case.model.__name__), message
        assert SENTINEL not in message
    # Any other exception fails the test: it is not the documented family.


@pytest.mark.parametrize("case", CASES, ids=str)
@FUZZ
@given(data=st.data())
def test_valid_payloads_round_trip(case: ModelCase, data: st.DataObject) -> None:
    payload = data.draw(VALID[case.model], label="payload")
    model = case.model.from_dict(payload)
    wire = model.to_dict()
    json.dumps(wire)  # what to_dict() gives is JSON
    assert case.model.from_dict(wire) == model


@pytest.mark.parametrize("client", ["docusign", "ringcentral", "usegrant"])
def test_the_error_family_is_importable_from_each_package(client: str) -> None:
    package = importlib.import_module(f"grantwire_{client}")
    assert package.ParseError is ParseError
    assert importlib.import_module(f"grantwire_{client}.errors").FieldError.__mro__[1] is ParseError


def test_hostile_payloads_do_carry_the_sentinel() -> None:
    # The message check above means something only if hostile payloads put the sentinel in values.
    case = next(case for case in CASES if case.model.__name__ == "TokenInfo")
    found = find(HOSTILE[case.model], lambda payload: isinstance(payload, dict) and SENTINEL in payload.values())
    assert SENTINEL in found.values()
