"""``python -m tests.bench [--quick] [--output DIR]``: measure every row, print each as it comes,
write ``results.json`` and the chart, and exit non-zero naming every row that missed its target.

``--quick`` is CI's bounded subset: a few rows of every family (token call, auth hot path, union
parse, import and first token, generator time against stock, fleet).
"""

from __future__ import annotations

import argparse
import platform
import subprocess
import sys
from pathlib import Path

from tests.bench import chart, fleet, generator_time, import_time, token_call, union_parse
from tests.bench.report import Runner, markdown, render, write_json

ROOT = Path(__file__).resolve().parents[2]
FAMILIES = (token_call, fleet, union_parse, import_time, generator_time)


def _commit() -> str:
    """The commit measured, marked when the working tree differs from it."""
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True)
    commit = head.stdout.strip() or "unknown commit"
    return commit + (" with uncommitted changes" if dirty.stdout.strip() else "")


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="CI's bounded subset of every row family")
    parser.add_argument("--output", type=Path, default=ROOT / "build" / "bench", help="where results go")
    arguments = parser.parse_args()

    runner = Runner(quick=arguments.quick)
    commit = _commit()
    runner.say(f"bench{' --quick' if arguments.quick else ''} on {commit}, Python {platform.python_version()}")
    for family in FAMILIES:
        family.run(runner)
    rows = runner.rows
    print(f"\n{render(rows)}\n\nfor the README:\n\n{markdown(rows)}\n")
    write_json(rows, arguments.output / "results.json")
    title = f"grantwire bench{' --quick' if arguments.quick else ''}: {commit}, Python {platform.python_version()}"
    paths = chart.draw(rows, arguments.output, title)
    runner.say(f"{len(rows)} rows; written {arguments.output / 'results.json'}, {', '.join(map(str, paths))}")
    for skipped in runner.skipped:
        print(f"skipped: {skipped}")
    failures = [f"{row.name}: {row.ratio:.2f}x, target <= {row.target:.2f}x" for row in runner.missed()]
    failures += runner.broken
    for failure in failures:
        print(f"MISSED: {failure}", file=sys.stderr)
    if failures:
        print(f"{len(failures)} of {len(rows) + len(runner.broken)} rows missed their targets", file=sys.stderr)
        return 1
    print(f"every one of {len(rows)} rows met its target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
