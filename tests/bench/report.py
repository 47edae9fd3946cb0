"""Benchmark rows: a value measured in the same run as its baseline, held to a ratio target.

Every target is ``value / baseline <= ratio``: "5x faster than stock" is a target of 0.20. A probe
measures one or more rows at once (some share an expensive set-up, such as a fleet run); the
runner prints each row as soon as its verdict is known, measures a probe again while one of its
rows misses (these machines are noisy: another process's burst slows one side of a pair), and
keeps each row's best attempt.
"""

from __future__ import annotations

import json
import time
import timeit
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path

# Attempts in all for a probe whose row misses: one, and two more to rule out a noisy moment.
ATTEMPTS = 3


@dataclass(frozen=True)
class Case:
    """One row to measure: what the baseline is, the target ratio and why that number."""

    family: str
    name: str
    against: str
    target: float
    reason: str
    unit: str = "us"
    quick: bool = False  # part of ``--quick`` (CI's subset)


@dataclass(frozen=True)
class Measured:
    """One attempt at a row: our value and the baseline's, in the row's unit."""

    value: float
    baseline: float

    @property
    def ratio(self) -> float:
        return self.value / self.baseline


@dataclass(frozen=True)
class Row:
    """A row's verdict, as results.json records it."""

    name: str
    value: float
    baseline: float
    ratio: float
    target: float
    met: bool
    repeats: int
    unit: str
    family: str
    against: str
    reason: str


Probe = Callable[[], Mapping[str, Measured]]


def one(name: str, measure: Callable[[], Measured]) -> Probe:
    """The probe of a single row."""
    return lambda: {name: measure()}


def best_of(function: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Microseconds per call, best of ``repeat`` runs (the least disturbed by the machine)."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6


@dataclass
class Runner:
    """Measures probes, prints rows as they come, and keeps them for the results."""

    quick: bool
    started: float = field(default_factory=time.perf_counter)
    rows: list[Row] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    broken: list[str] = field(default_factory=list)  # rows that could not be measured: a failure

    def say(self, message: str) -> None:
        """One progress line with the time since the run started."""
        print(f"[{time.perf_counter() - self.started:6.1f}s] {message}", flush=True)

    def wants(self, cases: list[Case]) -> list[Case]:
        return [case for case in cases if case.quick or not self.quick]

    def skip(self, family: str, reason: str) -> None:
        self.skipped.append(f"{family}: {reason}")
        self.say(f"skipped {family}: {reason}")

    def measure(self, cases: list[Case], probe: Probe, announce: str | None = None) -> None:
        """Run ``probe`` for the wanted ``cases``, again while one misses, and record each row;
        ``announce`` is printed first (for a probe that takes more than a few seconds)."""
        wanted = self.wants(cases)
        if not wanted:
            return
        if announce:
            self.say(announce)
        best: dict[str, Measured] = {}
        repeats = dict.fromkeys((case.name for case in wanted), 0)
        for attempt in range(ATTEMPTS):
            missing = [case for case in wanted if case.name not in best or best[case.name].ratio > case.target]
            if not missing:
                break
            if attempt:
                self.say(f"missed, measuring again ({attempt + 1}/{ATTEMPTS}): " + "; ".join(c.name for c in missing))
            try:
                measured = probe()
            except Exception as error:  # one broken probe fails the run, not the rows after it
                last_line = (str(error).strip().splitlines() or [""])[-1]
                self.broken += [f"{case.name}: not measured, {type(error).__name__}: {last_line}" for case in wanted]
                self.say(f"could not measure {', '.join(c.name for c in wanted)}: {type(error).__name__}: {error}")
                return
            for case in missing:
                repeats[case.name] += 1
                if case.name not in best or measured[case.name].ratio < best[case.name].ratio:
                    best[case.name] = measured[case.name]
        for case in wanted:
            self._record(case, best[case.name], repeats[case.name])

    def derived(self, case: Case, measured: Measured) -> None:
        """Record a row computed from rows already measured (nothing to measure again)."""
        if self.wants([case]):
            self._record(case, measured, 1)

    def _record(self, case: Case, measured: Measured, repeats: int) -> None:
        met = measured.ratio <= case.target
        row = Row(
            case.name,
            measured.value,
            measured.baseline,
            measured.ratio,
            case.target,
            met,
            repeats,
            case.unit,
            case.family,
            case.against,
            case.reason,
        )
        self.rows.append(row)
        verdict = "met" if met else "MISSED"
        self.say(
            f"{row.name}: {_amount(row.value, row.unit)} against {_amount(row.baseline, row.unit)} "
            f"({row.against}) = {row.ratio:.2f}x, target <= {row.target:.2f}x, {verdict}"
            + (f" after {repeats} attempts" if repeats > 1 else "")
        )

    def missed(self) -> list[Row]:
        return [row for row in self.rows if not row.met]


def _amount(value: float, unit: str) -> str:
    return f"{value:.2f}{unit}" if unit != "x" else f"{value:.2f}x"


def render(rows: list[Row]) -> str:
    """The table printed at the end of a run."""
    header = f"{'benchmark':<62} {'ours':>11} {'baseline':>11} {'ratio':>7} {'target':>7}  met"
    lines = [header, "-" * len(header)]
    for row in rows:
        ours, baseline = _amount(row.value, row.unit), _amount(row.baseline, row.unit)
        met = "yes" if row.met else "NO"
        lines.append(f"{row.name:<62} {ours:>11} {baseline:>11} {row.ratio:>6.2f}x {row.target:>6.2f}x  {met}")
    return "\n".join(lines)


def markdown(rows: list[Row]) -> str:
    """The same table for the README."""
    lines = [
        "| benchmark | baseline | ours | baseline's | ratio | target | met |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        lines.append(
            f"| {row.name} | {row.against} | {_amount(row.value, row.unit)} | {_amount(row.baseline, row.unit)} "
            f"| {row.ratio:.2f}x | {row.target:.2f}x | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def write_json(rows: list[Row], path: Path) -> None:
    """results.json: one object per row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps([asdict(row) for row in rows], indent=2) + "\n", encoding="utf-8")
