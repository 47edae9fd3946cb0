"""``python -m tests.bench``: run every benchmark, print one table, write it as JSON too."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from tests.bench import fleet, generator_time, import_time, token_call, union_parse
from tests.bench.report import markdown, render, write_json

RESULTS = Path(__file__).resolve().parents[2] / ".bench" / "results.json"


def main() -> int:
    started = time.perf_counter()
    rows = token_call.run() + union_parse.run() + import_time.run() + generator_time.run() + fleet.run()
    print(render(rows))
    print(f"\n{len(rows)} rows in {time.perf_counter() - started:.0f}s; for the README:\n\n{markdown(rows)}")
    write_json(rows, RESULTS)
    print(f"\nwritten to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
