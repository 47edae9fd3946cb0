"""Generator cost: ``python -m generator`` for all specs against raw openapi-python-client runs.

The baseline is the sum of one ``openapi-python-client generate`` per spec (stock templates, its
default ruff post-hooks), the same work a user of the bare tool would do. A run where nothing
changed regenerates into the committed tree and writes nothing.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from generator.manifest import load_manifest
from tests.bench.report import Row

RATIO_TARGET = 1.2
RUNS = 3


def _seconds(command: list[str], cwd: Path) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, capture_output=True)
    return time.perf_counter() - started


def run() -> list[Row]:
    manifest = load_manifest()
    root = manifest.root
    ours, raw, unchanged = [], [], []
    with tempfile.TemporaryDirectory(prefix="grantwire-bench-") as scratch:
        for attempt in range(RUNS):
            out = Path(scratch) / f"ours-{attempt}"
            ours.append(_seconds([sys.executable, "-m", "generator", "--output", str(out)], root))
            total = 0.0
            for client in manifest.clients:
                target = Path(scratch) / f"raw-{attempt}-{client.name}"
                command = [
                    sys.executable, "-m", "openapi_python_client", "generate",
                    "--path", str(client.spec), "--output-path", str(target), "--meta", "uv",
                ]  # fmt: skip
                total += _seconds(command, root)
                shutil.rmtree(target, ignore_errors=True)
            raw.append(total)
            unchanged.append(_seconds([sys.executable, "-m", "generator"], root))
    best_ours, best_raw = min(ours), min(raw)
    return [
        Row(
            "generate all 3 clients",
            best_ours * 1000,
            best_raw * 1000,
            "sum of 3 raw openapi-python-client runs",
            f"<= {RATIO_TARGET:g}x",
            best_ours / best_raw <= RATIO_TARGET,
            unit="ms",
        ),
        Row(
            "generate, nothing changed",
            min(unchanged) * 1000,
            best_ours * 1000,
            "a full generation into a new folder",
            "reported",
            True,
            unit="ms",
        ),
    ]
