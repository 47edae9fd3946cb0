"""One benchmark table: rows measured in the same run as their baseline, reported as ratios."""

from __future__ import annotations

import json
import timeit
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class Row:
    """One comparison: our time against a baseline's, with the target it is held to."""

    name: str
    ours_us: float
    baseline_us: float
    baseline: str
    target: str
    met: bool
    unit: str = "us"  # what ours and baseline are in: "us" or "ms"

    @property
    def ratio(self) -> float:
        return self.ours_us / self.baseline_us


def best_of(function: Callable[[], object], *, number: int, repeat: int = 7) -> float:
    """Microseconds per call, best of ``repeat`` runs (the least disturbed by the machine)."""
    return min(timeit.repeat(function, number=number, repeat=repeat)) / number * 1e6


def render(rows: list[Row]) -> str:
    header = f"{'benchmark':<50} {'ours':>10} {'baseline':>10} {'ratio':>7}  {'target':<28} met"
    lines = [header, "-" * len(header)]
    for row in rows:
        ours, baseline = f"{row.ours_us:.2f}{row.unit}", f"{row.baseline_us:.2f}{row.unit}"
        met = "yes" if row.met else "NO"
        lines.append(f"{row.name:<50} {ours:>10} {baseline:>10} {row.ratio:>6.2f}x  {row.target:<28} {met}")
    return "\n".join(lines)


def markdown(rows: list[Row]) -> str:
    """The same table for the README."""
    lines = ["| benchmark | ours | baseline | ratio | target | met |", "| --- | ---: | ---: | ---: | --- | --- |"]
    for row in rows:
        lines.append(
            f"| {row.name} ({row.baseline}) | {row.ours_us:.2f} {row.unit} | {row.baseline_us:.2f} {row.unit} "
            f"| {row.ratio:.2f}x | {row.target} | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def write_json(rows: list[Row], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = [asdict(row) | {"ratio": row.ratio} for row in rows]
    path.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
