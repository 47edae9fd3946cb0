"""``python -m tests.bench``: run every benchmark, print one table, write it as JSON too."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.bench import token_call, union_parse
from tests.bench.report import render, write_json

RESULTS = Path(__file__).resolve().parents[2] / ".bench" / "results.json"


def main() -> int:
    rows = token_call.run() + union_parse.run()
    print(render(rows))
    write_json(rows, RESULTS)
    print(f"\nwritten to {RESULTS.relative_to(Path.cwd()) if RESULTS.is_relative_to(Path.cwd()) else RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
