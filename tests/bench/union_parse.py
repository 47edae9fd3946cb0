"""Union parse: our discriminated dispatch against stock openapi-python-client try-each.

Both sides are generated here, in a temporary folder, from the same RingCentral spec plus an
envelope schema whose one property is the ``GetTokenRequest`` union (stock parses unions only
inside models and responses). Each variant position is timed on both sides in the same run.
"""

from __future__ import annotations

import contextlib
import copy
import importlib
import io
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

from openapi_python_client import generate
from openapi_python_client.config import Config, ConfigFile, MetaType
from ruamel.yaml import YAML

from generator.manifest import ClientEntry, load_manifest
from generator.pipeline import build_client
from generator.spec import load_spec
from tests.bench.report import Row, best_of

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
FLAT_TOLERANCE = 1.5  # slowest position over fastest, for ours to count as flat
LAST_POSITION_TARGET = 5.0


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


def run() -> list[Row]:
    with tempfile.TemporaryDirectory(prefix="grantwire-bench-") as scratch:
        directory = Path(scratch)
        spec = envelope_spec(directory)
        generate_stock(spec, directory)
        generate_ours(spec, directory)
        sys.path[:0] = [str(directory), str(directory / "ours-ringcentral")]
        try:
            stock = importlib.import_module("stock_ringcentral.models")
            ours = importlib.import_module("ours_ringcentral.models")
            return measure(stock, ours)
        finally:
            del sys.path[:2]


def measure(stock: Any, ours: Any) -> list[Row]:
    rows: list[Row] = []
    overheads: list[float] = []
    for position, payload in enumerate(PAYLOADS, start=1):
        envelope = {"request": payload}
        variant = type(ours.parse_get_token_request(payload))
        stock_variant = type(stock.GetTokenRequestEnvelope.from_dict(envelope).request)
        if stock_variant.__name__ != variant.__name__:
            raise AssertionError(f"stock parsed {payload['grant_type']} as {stock_variant.__name__}")

        ours_us = best_of(partial(ours.GetTokenRequestEnvelope.from_dict, envelope), number=3000)
        stock_us = best_of(partial(stock.GetTokenRequestEnvelope.from_dict, envelope), number=3000)
        # What the dispatch adds on top of parsing the right variant directly.
        dispatched = best_of(partial(ours.parse_get_token_request, payload), number=5000)
        direct = best_of(partial(variant.from_dict, payload), number=5000)
        overheads.append(max(dispatched - direct, 0.01))

        last = position == len(PAYLOADS)
        target = f">= {LAST_POSITION_TARGET:g}x faster" if last else "faster than stock"
        met = stock_us / ours_us >= (LAST_POSITION_TARGET if last else 1.0)
        rows.append(
            Row(f"union parse #{position:>2} {variant.__name__}", ours_us, stock_us, "stock try-each", target, met)
        )

    flatness = overheads[-1] / overheads[0]
    rows.append(
        Row(
            f"dispatch overhead, position {len(PAYLOADS)} vs 1",
            overheads[-1],
            overheads[0],
            "ours at position 1",
            f"flat (<= {FLAT_TOLERANCE:g}x)",
            flatness <= FLAT_TOLERANCE,
        )
    )
    return rows
