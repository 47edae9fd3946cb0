"""``python -m release build|publish|rehearse|skew-plan [name …]``: exit 0 done, 1 refused.

Names are ``core`` and the clients of generator/clients.toml; none means all four, core first.
``skew-plan DIR`` builds, for each client, the oldest grantwire-core its range allows into DIR and
prints ``client version wheel`` per line (``nox -s skew`` installs and tests them).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from release import lock
from release.artifacts import build, check, remove_previous
from release.clients import ROOT, select
from release.errors import ReleaseRefused
from release.index import PYPI_UPLOAD
from release.publish import INDEX_ENV, publish
from release.rehearsal import rehearse
from release.skew import plan

DIST = ROOT / "dist"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "skew-plan":
            out_dir, *names = arguments.clients or ["dist/skew"]
            for client, version, wheel in plan(select(names), ROOT / out_dir):
                print(client, version, wheel)
            return 0
        distributions = select(arguments.clients)
        if arguments.command == "build":
            for d in distributions:
                remove_previous(d, DIST)
                built = build(d, DIST)
                check(built)
                print("\n".join(f"built {path.relative_to(ROOT)}" for path in built))
        elif arguments.command == "publish":
            url = arguments.index_url or os.environ.get(INDEX_ENV) or PYPI_UPLOAD
            publish(distributions, DIST, url, lock.LOCK_PATH)
        else:
            rehearse(distributions)
            print("release rehearsal passed")
    except ReleaseRefused as refusal:
        print(f"error: {refusal}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m release", description=__doc__)
    parser.add_argument("command", choices=["build", "publish", "rehearse", "skew-plan"])
    parser.add_argument("clients", nargs="*", help="core and client names from generator/clients.toml (default: all)")
    parser.add_argument(
        "--index-url",
        help=f"upload URL of the index (default: ${INDEX_ENV}, else PyPI). Credentials: TWINE_USERNAME/TWINE_PASSWORD.",
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
