"""The bench's verdicts: a missed row is measured again and, still missing, fails the run; every
run writes results.json and the chart. (Timings themselves are never asserted: probes here return
fixed figures.)"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.bench.report import ATTEMPTS, Case, Measured, Runner, write_json

FAST = Case("demo", "fast row", "a baseline", 1.10, "a reason", quick=True)
SLOW = Case("demo", "slow row", "a baseline", 1.10, "a reason")


def _probe(figures: Iterator[float]) -> dict[str, Measured]:
    return {FAST.name: Measured(1.0, 1.0), SLOW.name: Measured(next(figures), 1.0)}


def test_a_row_that_misses_once_is_measured_again_and_keeps_its_best_attempt() -> None:
    runner = Runner(quick=False)
    figures = iter([1.5, 1.05, 2.0])
    runner.measure([FAST, SLOW], lambda: _probe(figures))
    fast, slow = runner.rows
    assert (fast.met, fast.repeats) == (True, 1)
    assert (slow.met, slow.repeats, slow.value) == (True, 2, 1.05)
    assert runner.missed() == []


def test_a_row_that_keeps_missing_is_named_as_missed_after_every_attempt() -> None:
    runner = Runner(quick=False)
    figures = iter([1.5, 1.4, 1.3])
    runner.measure([FAST, SLOW], lambda: _probe(figures))
    [missed] = runner.missed()
    assert (missed.name, missed.repeats, missed.ratio) == (SLOW.name, ATTEMPTS, 1.3)


def test_quick_measures_only_the_quick_rows() -> None:
    runner = Runner(quick=True)
    runner.measure([FAST, SLOW], lambda: _probe(iter([9.0])))
    assert [row.name for row in runner.rows] == [FAST.name]


def test_a_probe_that_fails_is_recorded_as_broken_not_raised() -> None:
    runner = Runner(quick=False)

    def broken() -> dict[str, Measured]:
        raise RuntimeError("worker failed\nlast line")

    runner.measure([SLOW], broken)
    assert runner.rows == []
    assert runner.broken == ["slow row: not measured, RuntimeError: last line"]


def test_results_and_chart_are_written(tmp_path: Path) -> None:
    runner = Runner(quick=False)
    runner.measure([FAST, SLOW], lambda: _probe(iter([1.5, 1.5, 1.5])))
    write_json(runner.rows, tmp_path / "results.json")
    rows = json.loads((tmp_path / "results.json").read_text())
    assert [row["name"] for row in rows] == [FAST.name, SLOW.name]
    for field in ("name", "value", "baseline", "ratio", "target", "met", "repeats"):
        assert field in rows[1], field
    assert rows[1]["met"] is False
    # matplotlib is in the bench and typecheck environments; the test environment goes without.
    chart = pytest.importorskip("tests.bench.chart", reason="matplotlib is installed by nox -s bench")
    paths = chart.draw(runner.rows, tmp_path, "a title")
    assert [path.name for path in paths] == ["ratios.svg", "ratios.png"]
    assert paths[0].read_text().lstrip().startswith("<?xml")
    assert paths[1].read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("ratio", [0.2, 1.0, 3.0])
def test_measured_ratio_is_value_over_baseline(ratio: float) -> None:
    assert Measured(ratio * 50, 50).ratio == pytest.approx(ratio)
