"""Import cost: ``import grantwire_<client>`` in a fresh interpreter against ``import httpx, attrs``.

Measured in a lean virtualenv that holds only what a user installs (httpx, attrs and the
clients), so neither side pays for tools of this repository (httpx imports rich and click when
they are present). Each side is a new ``python -c`` process; interpreter start-up cancels out in
the difference of the best wall times.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path

from tests.bench.report import Row

ROOT = Path(__file__).resolve().parents[2]
BASELINE = "import httpx, attrs"
TARGET_MS = 15.0
RUNS = 20


def _lean_python(directory: Path) -> str:
    venv = directory / "lean"
    subprocess.run([sys.executable, "-m", "uv", "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = str(venv / "bin" / "python")
    install = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--python", python]
    subprocess.run([*install, f"httpx=={version('httpx')}", f"attrs=={version('attrs')}"], check=True)
    clients = sorted(str(path) for path in (ROOT / "generated").glob("grantwire-*"))
    subprocess.run([*install, "--no-deps", *clients], check=True)
    return python


def _best_ms(python: str, statement: str) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.perf_counter()
        subprocess.run([python, "-c", statement], check=True)
        best = min(best, (time.perf_counter() - started) * 1000)
    return best


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="grantwire-import-") as scratch:
        python = _lean_python(Path(scratch))
        for client in ("docusign", "ringcentral", "usegrant"):
            baseline = _best_ms(python, BASELINE)
            ours = _best_ms(python, f"import grantwire_{client}")
            rows.append(
                Row(
                    f"import grantwire_{client}",
                    ours,
                    baseline,
                    f"{BASELINE}, lean venv",
                    f"<= +{TARGET_MS:g} ms",
                    ours - baseline <= TARGET_MS,
                    unit="ms",
                )
            )
    return rows
