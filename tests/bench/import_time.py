"""Import cost in a fresh interpreter against ``import httpx2, attrs`` (the HTTP library a new install
runs on): ``import grantwire_<client>``,
and "time to first token": importing what a token call needs (the package, its token source and its
token operation), which serverless cold starts pay on every start.

Measured in a lean virtualenv that holds only what a user installs (httpx2, attrs and the
clients), so neither side pays for tools of this repository (httpx imports rich and click when
they are present), nor for a second HTTP library. Each side is a new ``python -c`` process;
interpreter start-up cancels out in the difference of the best wall times.
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
BASELINE = "import httpx2, attrs"
TARGET_MS = 15.0
RUNS = 30


def _lean_python(directory: Path) -> str:
    venv = directory / "lean"
    subprocess.run([sys.executable, "-m", "uv", "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = str(venv / "bin" / "python")
    # Compiled to bytecode as pip does on install: otherwise every run recompiles what it imports
    # (this machine sets PYTHONDONTWRITEBYTECODE), which is not what a user's process pays.
    install = [sys.executable, "-m", "uv", "pip", "install", "--quiet", "--compile-bytecode", "--python", python]
    subprocess.run([*install, f"httpx2=={version('httpx2')}", f"attrs=={version('attrs')}"], check=True)
    clients = sorted(str(path) for path in (ROOT / "generated").glob("grantwire-*"))
    subprocess.run([*install, "--no-deps", str(ROOT / "core"), *clients], check=True)
    return python


def _ms(python: str, statement: str) -> float:
    started = time.perf_counter()
    subprocess.run([python, "-c", statement], check=True)
    return (time.perf_counter() - started) * 1000


def _best_pair_ms(python: str, statement: str) -> tuple[float, float]:
    """Best times of ``statement`` and of the baseline, run in turn (A B A B …) so that the
    machine's drift during the measurement weighs on both sides alike."""
    ours, baseline = float("inf"), float("inf")
    for _ in range(RUNS):
        baseline = min(baseline, _ms(python, BASELINE))
        ours = min(ours, _ms(python, statement))
    return ours, baseline


# What a token call imports: the token source module and the token operation (each pulls in the
# package, the core modules and the models the call sends and receives).
FIRST_TOKEN = {
    "docusign": "import grantwire_docusign.tokens, grantwire_docusign.api.tokens.get_token",
    "ringcentral": "import grantwire_ringcentral.tokens, grantwire_ringcentral.api.tokens.get_token",
    "usegrant": "import grantwire_usegrant.tokens, grantwire_usegrant.api.tokens.create_token",
}


def _row(python: str, label: str, statement: str) -> Row:
    ours, baseline = _best_pair_ms(python, statement)
    return Row(
        label,
        ours,
        baseline,
        f"{BASELINE}, lean venv",
        f"<= +{TARGET_MS:g} ms",
        ours - baseline <= TARGET_MS,
        unit="ms",
    )


def run() -> list[Row]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="grantwire-import-") as scratch:
        python = _lean_python(Path(scratch))
        for client in ("docusign", "ringcentral", "usegrant"):
            rows.append(_row(python, f"import grantwire_{client}", f"import grantwire_{client}"))
        for client, statement in FIRST_TOKEN.items():
            rows.append(_row(python, f"time to first token, {client} (source + operation)", statement))
    return rows
