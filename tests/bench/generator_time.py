"""Generator time against stock openapi-python-client (the version we pin) on the same document.

Each side is a whole process, as a user runs it, timed by its wall clock: ours is
``python -m generator`` for our three specs (against the sum of three stock runs) and
``python -m generator.document SPEC OUT`` for a document written elsewhere; stock is
``openapi-python-client generate --meta uv`` (a project with its pyproject.toml, as ours writes)
with its default ruff post-hooks, so both format what they write. The two run in turn (A B A B …)
and each side keeps its best time. Documents: our specs, the peer's golden-record documents and
the three large public ones from ``../shared/`` (those rows are skipped, saying so, without it).
A document stock generates only in part (it drops the schemas it cannot build) is compared per
module each side wrote. The last row is the median of every document's whole-time ratio, the
figure the generator issue holds.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from generator.manifest import load_manifest
from tests.bench.report import Case, Measured, Runner, one
from tests.real_world.report import TRY_EACH

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared"
PEER_DOCUMENTS = SHARED / "peer-opc" / "end_to_end_tests"
PUBLIC_DOCUMENTS = SHARED / "real-world-specs"
PUBLIC = ("kratos-api.json", "rc-public-openapi.yml", "openai-openapi.yaml")
# The generator issue's target: building on openapi-python-client costs at most a tenth more.
TARGET = 1.10
REASON = "what our passes add to stock's generation stays within a tenth"
# A document stock generates only in part (it drops every schema it cannot build, and all that
# refers to it) is compared per module written, when we write a tenth more modules than stock: on
# OpenAI's document we write 44% more (the Responses API among them), at 1.24x stock's whole time
# (full bench on ed9cd57); a whole-time target there would reward writing less of the document.
# The median row keeps every document's whole time.
MORE_MODULES = 1.10
PER_MODULE_REASON = "stock wrote much less of the document: the same work per module, within a tenth"
BIN = Path(sys.executable).parent
STOCK = str(BIN / "openapi-python-client")
# Both generators find ruff (stock's post-hooks by name) in this environment.
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
# Pairs per document: more for the small ones, whose times the machine's noise weighs on most.
SMALL_PAIRS, LARGE_PAIRS = 3, 2


def _run(command: list[str], out: Path) -> tuple[float, int]:
    """Wall seconds of one whole run of ``command``, and the Python modules it wrote."""
    shutil.rmtree(out, ignore_errors=True)
    started = time.perf_counter()
    completed = subprocess.run(command, cwd=ROOT, env=ENV, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    # Stock's ruff post-hook refuses code stock wrote for RingCentral's public document (a parameter
    # without a default after one with a default) and exits 1 once everything is written: that run
    # did the whole job and counts. Ours must succeed.
    stock_wrote_it = command[0] == STOCK and "ruff failed" in completed.stdout + completed.stderr and out.is_dir()
    if completed.returncode != 0 and not stock_wrote_it:
        raise RuntimeError(f"{command[:4]} failed: {(completed.stderr or completed.stdout).strip()[-800:]}")
    modules = sum(1 for _ in out.rglob("*.py"))
    shutil.rmtree(out, ignore_errors=True)
    return elapsed, modules


def _seconds(command: list[str], out: Path) -> float:
    return _run(command, out)[0]


def _stock(spec: Path, out: Path) -> list[str]:
    return [STOCK, "generate", "--path", str(spec), "--output-path", str(out), "--meta", "uv"]


def _pairs(ours: list[str], stock: list[list[str]], out: Path, pairs: int, seed: Measured | None = None) -> Measured:
    """Best wall time of ours and of the stock commands (summed), run in turn (``seed``: a pair
    already measured)."""
    best_ours, best_stock = (seed.value / 1000, seed.baseline / 1000) if seed else (float("inf"), float("inf"))
    for _ in range(pairs):
        best_ours = min(best_ours, _seconds(ours, out))
        best_stock = min(best_stock, sum(_seconds(command, out) for command in stock))
    return Measured(best_ours * 1000, best_stock * 1000)


class _PerModule:
    """A probe of time per module written: each side's whole time over the modules it wrote. It
    keeps the best whole-document time it saw, for the median."""

    def __init__(self, name: str, pair: Callable[[], Measured], ours: int, stock: int) -> None:
        self.name, self.pair, self.ours, self.stock = name, pair, ours, stock
        self.best_whole = Measured(float("inf"), 1.0)

    def __call__(self) -> dict[str, Measured]:
        whole = self.pair()
        if whole.ratio < self.best_whole.ratio:
            self.best_whole = whole
        return {self.name: Measured(whole.value / self.ours, whole.baseline / self.stock)}


def _documents() -> list[tuple[str, Path, bool]]:
    """(row label, document, large) for every document from ../shared/ that is there."""
    documents = [(f"peer's {path.name}", path, False) for path in sorted(PEER_DOCUMENTS.glob("*.yaml"))]
    documents += [(f"peer's {path.name}", path, False) for path in sorted(PEER_DOCUMENTS.glob("*.json"))]
    documents += [(name, PUBLIC_DOCUMENTS / name, True) for name in PUBLIC if (PUBLIC_DOCUMENTS / name).is_file()]
    return sorted(documents, key=lambda document: document[2])  # the small ones first


def run(runner: Runner) -> None:
    ratios: list[float] = []
    with tempfile.TemporaryDirectory(prefix="grantwire-bench-") as scratch:
        out = Path(scratch) / "out"
        manifest = load_manifest()
        ours_specs = Case(
            "generator time",
            "generate our 3 specs",
            "3 stock openapi-python-client runs, summed",
            TARGET,
            REASON,
            unit="ms",
        )
        stock_specs = [_stock(client.spec, out) for client in manifest.clients]
        ours_command = [sys.executable, "-m", "generator", "--output", str(out)]
        probe = one(ours_specs.name, partial(_pairs, ours_command, stock_specs, out, SMALL_PAIRS))
        runner.measure([ours_specs], probe, "generator time: our 3 specs, ours and stock in turn")
        if not PEER_DOCUMENTS.is_dir() or not PUBLIC_DOCUMENTS.is_dir():
            runner.skip(
                "generator time on documents from ../shared/", f"{SHARED} is absent (not part of the repository)"
            )
        for label, spec, large in _documents():
            try_each = [argument for pointer in TRY_EACH.get(spec.name, {}) for argument in ("--try-each", pointer)]
            ours = [sys.executable, "-m", "generator.document", str(spec), str(out), *try_each]
            pairs = LARGE_PAIRS if large else SMALL_PAIRS
            quick = spec.name == "openapi_3.1_enums.yaml"  # CI: one small document, a few seconds a run
            if runner.quick and not quick:
                continue
            runner.say(
                f"generator time: {spec.name}, {pairs} runs of each" + (" (large: a minute or more)" if large else "")
            )
            # The first pair also counts what each side writes (and is one of the pairs measured).
            (ours_first, ours_modules), (stock_first, stock_modules) = _run(ours, out), _run(_stock(spec, out), out)
            whole = Case(
                "generator time",
                f"generate {label}",
                "stock openapi-python-client on the same document",
                TARGET,
                REASON,
                unit="ms",
                quick=quick,
            )
            per_module = Case(
                "generator time",
                f"generate {label}, per module written ({ours_modules} ours, {stock_modules} stock)",
                "stock openapi-python-client on the same document, per module it wrote",
                TARGET,
                PER_MODULE_REASON,
                unit="ms/module",
                quick=quick,
            )
            # Where stock leaves out much of the document, the row compares the work each side did.
            case = per_module if ours_modules > stock_modules * MORE_MODULES else whole
            seed = Measured(ours_first * 1000, stock_first * 1000)
            pair = partial(_pairs, ours, [_stock(spec, out)], out, pairs - 1, seed)
            if case is whole:
                runner.measure([case], one(case.name, pair))
                ratios += [row.ratio for row in runner.rows if row.name == case.name]
                continue
            written = _PerModule(case.name, pair, ours_modules, stock_modules)
            runner.measure([case], written)
            # The median below still takes the whole document's time: it is the figure.
            ratios.append(written.best_whole.ratio)
            runner.say(
                f"{whole.name}, whole document (in the median): {written.best_whole.value:.0f}ms against "
                f"{written.best_whole.baseline:.0f}ms = {written.best_whole.ratio:.2f}x"
            )
    if len(ratios) > 1:
        median = Case(
            "generator time",
            f"generate, median over {len(ratios)} documents",
            "stock, per document",
            TARGET,
            "the generator issue's figure: the median document within a tenth of stock",
            unit="x",
        )
        runner.derived(median, Measured(statistics.median(ratios), 1.0))
