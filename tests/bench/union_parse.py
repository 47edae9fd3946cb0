"""Union parse: our discriminated dispatch against stock openapi-python-client try-each.

Both sides are generated here, in a temporary folder, from the same RingCentral spec plus an
envelope schema whose one property is the ``GetTokenRequest`` union (stock parses unions only
inside models and responses). Each variant position is timed on both sides in the same run, in
interleaved rounds (best of each), and so is what the dispatch adds on top of parsing the right
variant directly, at the first position and the last.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import io
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from openapi_python_client import generate
from openapi_python_client.config import Config, ConfigFile, MetaType
from ruamel.yaml import YAML

from generator.manifest import ClientEntry, load_manifest
from generator.pipeline import build_client
from generator.spec import load_spec
from tests.bench.report import Case, Measured, Runner, best_of

# One payload per variant, in the union's oneOf order (the order stock tries them in).
PAYLOADS: list[dict[str, Any]] = [
    {"grant_type": "authorization_code", "code": "c", "redirect_uri": "https://a.example/cb"},
    {"grant_type": "password", "username": "+16501234567", "password": "pw"},
    {"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "jwt"},
    {"grant_type": "refresh_token", "refresh_token": "rt"},
    {"grant_type": "ivr_pin", "ivr_pin": "1234"},
    {"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": "dc"},
    {"grant_type": "client_credentials", "account_id": "400131"},
    {"grant_type": "client_credentials", "brand_id": "1210"},
    {"grant_type": "otp", "code": "424242"},
    {"grant_type": "guest", "brand_id": "1210", "resource_type": "Video", "resource": "r"},
]
ROUNDS = 9
# Any position: one dict lookup must never cost more than stock's attempts, even at the first.
ANY_POSITION = 1.0
# The last position costs stock nine failed attempts before the right one: a lookup is >= 5x faster.
LAST_POSITION = 1 / 5
# One lookup whatever the position: the dispatch's share of a parse is the same at the last
# position as at the first, within timer noise (a scan of ten members would add about a third).
FLAT = 1.10


def envelope_spec(directory: Path) -> Path:
    [ringcentral] = load_manifest().select(["ringcentral"])
    document = copy.deepcopy(load_spec(ringcentral.spec))
    document["components"]["schemas"]["GetTokenRequestEnvelope"] = {
        "type": "object",
        "required": ["request"],
        "properties": {"request": {"$ref": "#/components/schemas/GetTokenRequest"}},
    }
    path = directory / "envelope.yaml"
    # Written by ruamel's default (C, when ruamel.yaml.clib is installed) emitter, the counterpart of
    # the loader both generators read with; the pure-Python emitter leaves ``urn:...:device_code``
    # keys unquoted in flow mappings, which that loader refuses. Read back to prove it.
    with path.open("w", encoding="utf-8") as stream:
        YAML(typ="safe").dump(document, stream)
    if load_spec(path) != document:
        raise AssertionError(f"{path} does not read back as the document written")
    return path


def generate_stock(spec: Path, directory: Path) -> None:
    config = Config.from_sources(
        ConfigFile(package_name_override="stock_ringcentral", post_hooks=[]),
        MetaType.NONE,
        document_source=spec,
        file_encoding="utf-8",
        overwrite=True,
        output_path=directory / "stock_ringcentral",
    )
    with contextlib.redirect_stdout(io.StringIO()):
        errors = generate(config=config)
    if errors:
        raise RuntimeError(f"stock generation failed: {errors}")


def generate_ours(spec: Path, directory: Path) -> None:
    core = load_manifest().clients[0].core
    client = ClientEntry("envelope", spec, "envelope.yaml", "ours-ringcentral", "ours_ringcentral", "0", core)
    build_client(client, directory / "ours-ringcentral")


def run(runner: Runner) -> None:
    with tempfile.TemporaryDirectory(prefix="grantwire-bench-") as scratch:
        directory = Path(scratch)
        runner.say("union parse: generating the RingCentral envelope with stock openapi-python-client and ours")
        spec = envelope_spec(directory)
        generate_stock(spec, directory)
        generate_ours(spec, directory)
        sys.path[:0] = [str(directory), str(directory / "ours-ringcentral")]
        try:
            stock = importlib.import_module("stock_ringcentral.models")
            ours = importlib.import_module("ours_ringcentral.models")
            measure(runner, stock, ours)
        finally:
            del sys.path[:2]


def _timed_pair(first: Callable[[], object], second: Callable[[], object], number: int) -> Measured:
    """Best microseconds per call of each, over interleaved rounds."""
    ours, theirs = float("inf"), float("inf")
    for _ in range(ROUNDS):
        ours = min(ours, best_of(first, number=number, repeat=1))
        theirs = min(theirs, best_of(second, number=number, repeat=1))
    return Measured(ours, theirs)


def measure(runner: Runner, stock: Any, ours: Any) -> None:
    variants: list[Any] = []
    for position, payload in enumerate(PAYLOADS, start=1):
        envelope = {"request": payload}
        variant = type(ours.parse_get_token_request(payload))
        variants.append(variant)
        stock_variant = type(stock.GetTokenRequestEnvelope.from_dict(envelope).request)
        if stock_variant.__name__ != variant.__name__:
            raise AssertionError(f"stock parsed {payload['grant_type']} as {stock_variant.__name__}")
        last = position == len(PAYLOADS)
        case = Case(
            "union parse",
            f"union parse #{position:>2} {variant.__name__}",
            "stock openapi-python-client try-each",
            LAST_POSITION if last else ANY_POSITION,
            "stock tries nine members first; a lookup is >= 5x faster" if last else "a lookup never costs more",
            quick=position in (1, len(PAYLOADS)),
        )

        def probe(envelope: dict[str, Any] = envelope, name: str = case.name) -> dict[str, Measured]:
            return {
                name: _timed_pair(
                    partial(ours.GetTokenRequestEnvelope.from_dict, envelope),
                    partial(stock.GetTokenRequestEnvelope.from_dict, envelope),
                    number=2000,
                )
            }

        runner.measure([case], probe)

    first_payload, last_payload = PAYLOADS[0], PAYLOADS[-1]
    flat = Case(
        "union parse",
        f"dispatch share, position {len(PAYLOADS)} vs 1",
        "ours at position 1",
        FLAT,
        "one dict lookup whatever the position",
        unit="x",
        quick=True,
    )

    def shares() -> dict[str, Measured]:
        # Parsing through the union over parsing the right variant directly, at each end: a ratio,
        # so the two variants' own costs cancel out (a difference of two minima is timer noise).
        dispatch = ours.parse_get_token_request
        at_first = _timed_pair(partial(dispatch, first_payload), partial(variants[0].from_dict, first_payload), 5000)
        at_last = _timed_pair(partial(dispatch, last_payload), partial(variants[-1].from_dict, last_payload), 5000)
        return {flat.name: Measured(at_last.ratio, at_first.ratio)}

    runner.measure([flat], shares)
