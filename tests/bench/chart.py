"""The chart of a run: every row's ratio against its target, as SVG and PNG."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display on a CI machine

import matplotlib.pyplot as plt  # after the backend is chosen
from matplotlib.ticker import FuncFormatter, NullFormatter

from tests.bench.report import Row

MET, MISSED, TARGET = "#2e7d32", "#c62828", "#212121"
TICKS = (0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50)


def draw(rows: list[Row], directory: Path, title: str) -> list[Path]:
    """Write ``ratios.svg`` and ``ratios.png`` into ``directory``; return their paths."""
    directory.mkdir(parents=True, exist_ok=True)
    height = 0.8 + 0.28 * len(rows)
    figure, axes = plt.subplots(figsize=(10, height))
    positions = list(range(len(rows)))[::-1]  # the first row at the top
    ratios = [row.ratio for row in rows]
    # Each bar runs from 1x (the baseline) to the ratio: left of the dashed line ours is faster.
    axes.barh(
        positions,
        [ratio - 1 for ratio in ratios],
        left=1.0,
        color=[MET if row.met else MISSED for row in rows],
        height=0.6,
    )
    # The target is a tick across each bar: a bar that ends left of its tick met it.
    axes.scatter([row.target for row in rows], positions, marker="|", s=260, color=TARGET, zorder=3, label="target")
    axes.set_yticks(positions, [row.name for row in rows], fontsize=7)
    axes.set_xscale("log")  # ratios run from 0.1x (10x faster) to a few x
    low, high = min([*ratios, *(row.target for row in rows)]), max([*ratios, *(row.target for row in rows)])
    axes.set_xlim(low / 1.3, high * 1.3)
    axes.set_xticks([tick for tick in TICKS if low / 1.3 <= tick <= high * 1.3])
    axes.xaxis.set_major_formatter(FuncFormatter(lambda value, _: f"{value:g}x"))
    axes.xaxis.set_minor_formatter(NullFormatter())
    axes.tick_params(axis="x", labelsize=7)
    for position, ratio in zip(positions, ratios, strict=True):
        axes.annotate(
            f"{ratio:.2f}x",
            (ratio, position),
            xytext=(4 if ratio >= 1 else -4, 0),
            textcoords="offset points",
            ha="left" if ratio >= 1 else "right",
            va="center",
            fontsize=6,
        )
    axes.axvline(1.0, color="#9e9e9e", linewidth=0.8, linestyle="--")
    axes.set_xlabel("ours / baseline, log scale (green: met its target; red: missed)")
    axes.set_title(title, fontsize=9)
    axes.legend(loc="lower right", fontsize=7)
    axes.set_ylim(-0.7, len(rows) - 0.3)
    paths = [directory / "ratios.svg", directory / "ratios.png"]
    for path in paths:
        # metadata Date None: the same run gives the same SVG bytes.
        figure.savefig(path, dpi=110, bbox_inches="tight", metadata={"Date": None} if path.suffix == ".svg" else None)
    plt.close(figure)
    return paths
