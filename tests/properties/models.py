"""Every generated model of the three packages, with its spec schema and the strategies the
property tests draw from.

Valid payloads come from the spec (``tests.oracle.strategies.from_schema`` over the resolved
component schema), so they know nothing of the generated code. Hostile payloads are arbitrary JSON:
anything at all, objects keyed by the model's own field names, and valid payloads with one value
somewhere replaced or one field removed, so the parse gets past its first check.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

import attrs
from hypothesis import strategies as st

from tests.oracle.spec_schemas import CLIENTS, SPECS, comparable_name, load_spec, resolve
from tests.oracle.strategies import from_schema

#: A string value no error message may carry: any value may be a secret in the wrong place.
SENTINEL = "sentinel-value-7f3a"

_TEXT = st.text(max_size=12) | st.just(SENTINEL)
_NUMBERS = st.integers() | st.floats(allow_nan=False, allow_infinity=False)


@st.composite
def json_values(draw: st.DrawFn, depth: int = 2) -> Any:
    """Any JSON value (what ``json.loads`` returns for standard JSON), nested at most ``depth`` deep.

    One draw picks the kind: a composite is several times cheaper per example than
    ``st.recursive``, which matters at 10,000 examples per model.
    """
    kind = draw(st.integers(0, 5 if depth > 0 else 3))
    if kind == 0:
        return draw(st.sampled_from([None, True, False]))
    if kind == 1:
        return draw(_NUMBERS)
    if kind in (2, 3):
        return draw(_TEXT)
    size = draw(st.integers(0, 3))
    if kind == 4:
        return [draw(json_values(depth - 1)) for _ in range(size)]
    return {draw(st.text(max_size=8)): draw(json_values(depth - 1)) for _ in range(size)}


JSON = json_values()
_VALUE = json_values(depth=1)


@dataclass(frozen=True)
class ModelCase:
    """One generated model class and the resolved spec schema it was generated from."""

    client: str
    model: type[Any]
    schema: dict[str, Any]

    def __str__(self) -> str:
        return f"{self.client}-{self.model.__name__}"

    @property
    def field_names(self) -> list[str]:
        return sorted(self.schema.get("properties", {}))

    def valid_payloads(self) -> st.SearchStrategy[Any]:
        return from_schema(self.schema)

    def hostile_payloads(self) -> st.SearchStrategy[Any]:
        keyed = st.dictionaries(st.sampled_from(self.field_names) | st.text(max_size=8), _VALUE, max_size=5)
        return JSON | keyed | _mutated(self.valid_payloads())


def model_cases() -> list[ModelCase]:
    """Every attrs model each package's ``models`` exports, paired with its component schema."""
    cases = []
    for client in CLIENTS:
        spec = load_spec(SPECS / f"{client}.yaml")
        by_name: dict[str, str] = {}
        for name, schema in spec["components"]["schemas"].items():
            by_name.setdefault(comparable_name(schema.get("title", name)), name)
            by_name.setdefault(comparable_name(name), name)
        models = importlib.import_module(f"grantwire_{client}.models")
        for name in models.__all__:
            value = getattr(models, name)
            if isinstance(value, type) and attrs.has(value):
                schema = spec["components"]["schemas"][by_name[comparable_name(name)]]
                cases.append(ModelCase(client, value, resolve(spec, schema)))
    return cases


@st.composite
def _mutated(draw: st.DrawFn, valid: st.SearchStrategy[Any]) -> Any:
    """A valid payload with one value, at any depth, replaced by arbitrary JSON or removed."""
    payload = draw(valid)
    holder: Any = payload
    while True:
        keys = (
            list(holder) if isinstance(holder, dict) else list(range(len(holder))) if isinstance(holder, list) else []
        )
        if not keys:
            return draw(_VALUE)
        key = draw(st.sampled_from(keys))
        if isinstance(holder[key], dict | list) and holder[key] and draw(st.booleans()):
            holder = holder[key]
            continue
        if isinstance(holder, dict) and draw(st.booleans()):
            del holder[key]
        else:
            holder[key] = draw(_VALUE)
        return payload
