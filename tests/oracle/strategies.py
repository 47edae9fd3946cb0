"""Hypothesis strategies for the JSON Schema subset our specs use.

Written here rather than taken from hypothesis-jsonschema, whose last release does not run on
current hypothesis. It draws from the resolved spec schema (see spec_schemas.resolve) and knows
nothing of either generated model, so it stays an independent source of valid payloads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

_TIMEZONES = st.sampled_from(
    [dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(-dt.timedelta(hours=8))]
)
_INT32 = (-(2**31), 2**31 - 1)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    if "const" in schema:
        return st.just(schema["const"])
    if "enum" in schema:
        return st.sampled_from(schema["enum"])
    if "oneOf" in schema:
        return st.one_of([from_schema(member) for member in schema["oneOf"]])
    kind = schema.get("type")
    if isinstance(kind, list):
        return st.one_of([from_schema({**schema, "type": single}) for single in kind])
    if kind == "object" or "properties" in schema:
        return _object(schema)
    if kind == "array":
        return st.lists(
            from_schema(schema.get("items", {})),
            min_size=schema.get("minItems", 0),
            max_size=schema.get("maxItems", schema.get("minItems", 0) + 3),
        )
    if kind == "string":
        return _string(schema)
    if kind == "integer":
        low, high = _INT32 if schema.get("format") == "int32" else (None, None)
        low = schema["exclusiveMinimum"] + 1 if "exclusiveMinimum" in schema else schema.get("minimum", low)
        high = schema["exclusiveMaximum"] - 1 if "exclusiveMaximum" in schema else schema.get("maximum", high)
        return st.integers(min_value=low, max_value=high)
    if kind == "number":
        # OpenAPI 3.1 (JSON Schema 2020-12) writes exclusive bounds as numbers of their own.
        low = schema.get("exclusiveMinimum", schema.get("minimum"))
        high = schema.get("exclusiveMaximum", schema.get("maximum"))
        return st.floats(
            min_value=low,
            max_value=high,
            exclude_min="exclusiveMinimum" in schema,
            exclude_max="exclusiveMaximum" in schema,
            allow_nan=False,
            allow_infinity=False,
        )
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    raise NotImplementedError(f"no strategy for schema {schema!r}")


def _string(schema: dict[str, Any]) -> st.SearchStrategy[str]:
    fmt = schema.get("format")
    if fmt == "date-time":
        moments = st.datetimes(min_value=dt.datetime(1970, 1, 2), timezones=_TIMEZONES)
        return moments.map(lambda moment: moment.isoformat().replace("+00:00", "Z"))
    if fmt == "uuid":
        return st.uuids().map(str)
    if fmt == "email":
        return st.emails()
    if fmt == "uri":
        path = st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-", max_size=12)
        return st.builds("https://{}.example/{}".format, path.filter(bool), path)
    if "pattern" in schema:
        return st.from_regex(schema["pattern"], fullmatch=True)
    return st.text(min_size=schema.get("minLength", 0), max_size=schema.get("maxLength", 24))


@st.composite
def _object(draw: st.DrawFn, schema: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = schema.get("properties", {})
    required = set(schema.get("required", []))
    # `not: {required: [x]}` (mutually exclusive variants) means x is never sent.
    forbidden = set(schema.get("not", {}).get("required", []))
    out = {}
    for name, inner in properties.items():
        if name in forbidden or (name not in required and not draw(st.booleans())):
            continue
        out[name] = draw(from_schema(inner))
    # `dependentRequired`: a field that is sent brings the fields it depends on.
    for name, dependents in schema.get("dependentRequired", {}).items():
        if name in out:
            for dependent in dependents:
                out.setdefault(dependent, draw(from_schema(properties[dependent])))
    return out
