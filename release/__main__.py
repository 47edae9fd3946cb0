"""``python -m release plan|build|publish|rehearse|skew-plan [name …]``: exit 0 done, 1 refused.

Names are ``core`` and the clients of generator/clients.toml; none means all four, core first.
``plan`` prints each distribution's last release, the version its changes require and why
(``--json``: the same as JSON; ``--write-changelog``: an unreleased changelog entry from it); the
last release is the last git tag ``<distribution>-v<version>``, or the highest version on
``--index-url``. ``build`` and ``rehearse`` refuse a version lower than the plan requires;
``build --tag grantwire-core-v0.2.0`` builds what a release tag names (the release workflow).
``skew-plan DIR`` builds, for each client, the oldest grantwire-core its range allows into DIR and
prints ``client version wheel`` per line (``nox -s skew`` installs and tests them).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from release import lock
from release.artifacts import build, check, remove_previous
from release.changelog import write_entry
from release.clients import ROOT, Distribution, select
from release.errors import ReleaseRefused
from release.index import PYPI_UPLOAD, simple_url_for
from release.plan import plan_releases
from release.publish import INDEX_ENV, publish
from release.rehearsal import rehearse
from release.skew import plan
from release.tags import tagged

DIST = ROOT / "dist"


def main(argv: Sequence[str] | None = None) -> int:
    arguments = _parser().parse_intermixed_args(argv)
    try:
        if arguments.command == "skew-plan":
            out_dir, *names = arguments.clients or ["dist/skew"]
            for client, version, wheel in plan(select(names), ROOT / out_dir):
                print(client, version, wheel)
            return 0
        if arguments.tag and (arguments.command != "build" or arguments.clients):
            raise ReleaseRefused("--tag names what to build: use it with `build` and no names")
        distributions = tagged(arguments.tag, ROOT) if arguments.tag else select(arguments.clients)
        if arguments.command == "plan":
            print_plan(distributions, arguments.index_url, as_json=arguments.json, write=arguments.write_changelog)
            return 0
        if arguments.command in {"build", "rehearse"}:
            refuse_below_plan(distributions)
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


def print_plan(distributions: list[Distribution], index_url: str | None, *, as_json: bool, write: bool) -> None:
    """The plan's lines (or JSON) against the index or, without one, the last git tags; with
    ``write``, each changelog's unreleased entry from it."""
    plans = plan_releases(distributions, ROOT, simple_url_for(index_url) if index_url else None)
    print(json.dumps([p.as_json() for p in plans], indent=2) if as_json else "\n".join(p.line() for p in plans))
    for written in filter(None, (write_entry(p, ROOT) for p in plans) if write else ()):
        print(f"wrote an unreleased entry into {written.relative_to(ROOT)}: edit it, then `nox -s generate`")


def refuse_below_plan(distributions: list[Distribution], root: Path = ROOT) -> None:
    """Refuse (one line per distribution) a version lower than the plan against the last tag requires."""
    problems = [problem for p in plan_releases(distributions, root) if (problem := p.refusal())]
    if problems:
        raise ReleaseRefused("\n".join(problems))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m release", description=__doc__)
    parser.add_argument("command", choices=["plan", "build", "publish", "rehearse", "skew-plan"])
    parser.add_argument("clients", nargs="*", help="core and client names from generator/clients.toml (default: all)")
    parser.add_argument(
        "--index-url",
        help=f"upload URL of the index (default: ${INDEX_ENV}, else PyPI). Credentials: TWINE_USERNAME/TWINE_PASSWORD. "
        "For plan: the index whose highest version is the last release (default: the last git tag).",
    )
    parser.add_argument("--json", action="store_true", help="plan: print the plan as JSON")
    parser.add_argument(
        "--tag",
        action="append",
        default=[],
        help="build: the distributions this release tag (<distribution>-v<version>) names, which must be "
        "the version in the source; repeatable",
    )
    parser.add_argument(
        "--write-changelog", action="store_true", help="plan: write an unreleased entry into each changelog"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
