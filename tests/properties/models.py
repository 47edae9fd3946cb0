"""Every generated model of the three packages, with its spec schema and the strategies the
property tests draw from.

Valid payloads come from the spec (``tests.oracle.strategies.from_schema`` over the resolved
component schema), so they know nothing of the generated code. Hostile payloads are arbitrary JSON:
anything at all, objects keyed by the model's own field names, and valid payloads with one value
somewhere replaced or one field removed, so the parse gets past its first check.

Hostile payloads are decoded from one byte string hypothesis draws (each byte a choice, as
libFuzzer's FuzzedDataProvider does): one draw per example instead of dozens, which is what makes
10,000 examples per model affordable, and hypothesis still shrinks a failure by shrinking the bytes.
"""

from __future__ import annotations

import copy
import importlib
import struct
from dataclasses import dataclass, field
from typing import Any

import attrs
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.oracle.spec_schemas import CLIENTS, SPECS, comparable_name, load_spec, resolve
from tests.oracle.strategies import from_schema

#: A string value no error message may carry: any value may be a secret in the wrong place.
SENTINEL = "sentinel-value-7f3a"
_ALPHABET = "aZ09 _-:./+@\u00e9\u4e2d\U0001f600"
_BASES = 16  # valid payloads drawn once per model, to be mutated


class Decoder:
    """JSON values read from a byte string; past its end every choice is the smallest."""

    def __init__(self, data: bytes, keys: list[str]) -> None:
        self._data = data
        self._at = 0
        self._keys = keys

    def choice(self, count: int) -> int:
        if self._at >= len(self._data):
            return 0
        byte = self._data[self._at]
        self._at += 1
        return byte % count

    def value(self, depth: int) -> Any:
        kind = self.choice(9 if depth > 0 else 7)
        if kind < 3:
            return (None, True, False)[kind]
        if kind == 3:
            return int.from_bytes(bytes(self.choice(256) for _ in range(1 + self.choice(9))), "big", signed=True)
        if kind == 4:
            number = struct.unpack(">d", bytes(self.choice(256) for _ in range(8)))[0]
            return number if number == number and abs(number) != float("inf") else 0.5  # JSON has no NaN
        if kind in (5, 6):
            return self.text()
        if kind == 7:
            return [self.value(depth - 1) for _ in range(self.choice(4))]
        return self.object(depth - 1)

    def text(self) -> str:
        if self.choice(6) == 0:
            return SENTINEL
        return "".join(_ALPHABET[self.choice(len(_ALPHABET))] for _ in range(self.choice(13)))

    def key(self) -> str:
        # Mostly the model's own field names, so the parse reaches its fields.
        return self._keys[self.choice(len(self._keys))] if self._keys and self.choice(4) else self.text()

    def object(self, depth: int) -> dict[str, Any]:
        return {self.key(): self.value(depth) for _ in range(self.choice(6))}

    def mutate(self, payload: Any) -> Any:
        """``payload`` with one value, at any depth, replaced by another or removed."""
        holder = payload
        while isinstance(holder, dict | list) and holder:
            keys: list[Any] = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
            key = keys[self.choice(len(keys))]
            if isinstance(holder[key], dict | list) and holder[key] and self.choice(2):
                holder = holder[key]
                continue
            if isinstance(holder, dict) and self.choice(3) == 0:
                del holder[key]
            else:
                holder[key] = self.value(1)
            return payload
        return self.value(2)


@dataclass(frozen=True)
class ModelCase:
    """One generated model class and the resolved spec schema it was generated from."""

    client: str
    model: type[Any]
    schema: dict[str, Any]
    _bases: list[Any] = field(default_factory=list, compare=False, repr=False)

    def __str__(self) -> str:
        return f"{self.client}-{self.model.__name__}"

    @property
    def field_names(self) -> list[str]:
        return sorted(self.schema.get("properties", {}))

    def valid_payloads(self) -> st.SearchStrategy[Any]:
        return from_schema(self.schema)

    def hostile_payloads(self) -> st.SearchStrategy[Any]:
        bases = self._valid_bases()
        return st.builds(self._hostile, st.binary(max_size=96), st.sampled_from(range(len(bases))))

    def _hostile(self, data: bytes, base: int) -> Any:
        decoder = Decoder(data, self.field_names)
        mode = decoder.choice(3)
        if mode == 0:
            return decoder.value(3)
        if mode == 1:
            return decoder.object(2)
        return decoder.mutate(copy.deepcopy(self._bases[base]))

    def _valid_bases(self) -> list[Any]:
        if not self._bases:

            @settings(
                max_examples=_BASES,
                database=None,
                deadline=None,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            @given(self.valid_payloads())
            def collect(payload: Any) -> None:
                self._bases.append(payload)

            collect()
        return self._bases


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
