"""``python -m generator``: regenerate the clients, or check that ``clients/`` is up to date (each
package's hand-owned ``lib/`` is left alone by both)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from generator.errors import GeneratorFailure
from generator.manifest import HAND_OWNED_FOLDER, MANIFEST_PATH, ClientEntry, load_manifest
from generator.provenance import is_current
from generator.tree import differing_files, sync_tree

FIX_COMMAND = "nox -s generate"


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the process exit code (0 ok, 1 stale, 2 bad input)."""
    arguments = _parser().parse_args(argv)
    try:
        manifest = load_manifest(arguments.manifest)
        clients = manifest.select(arguments.clients)
        output = arguments.output if arguments.output is not None else manifest.root / "clients"
        with tempfile.TemporaryDirectory(prefix="grantwire-") as scratch:
            stale: dict[str, list[str]] = {}
            for client in clients:
                started = time.perf_counter()
                target = output / client.distribution
                if not arguments.check and not arguments.force and is_current(target, client):
                    elapsed = time.perf_counter() - started
                    print(f"{client.distribution}: unchanged, inputs as recorded ({elapsed:.1f}s)")
                    continue
                fresh = Path(scratch) / client.distribution
                # Imported only when something must be rendered: openapi-python-client takes
                # longer to import than a run that finds nothing changed takes in all.
                from generator.pipeline import build_client

                build_client(client, fresh)
                if arguments.check:
                    differences = differing_files(fresh, target, client.hand_owned_prefix)
                    if differences:
                        stale[client.distribution] = differences
                    continue
                changes = sync_tree(fresh, target, client.hand_owned_prefix)
                _bring_hand_owned(client, target)
                elapsed = time.perf_counter() - started
                summary = f"{len(changes)} file(s) changed" if changes else "unchanged"
                print(f"{client.distribution}: {summary} ({elapsed:.1f}s)")
    except GeneratorFailure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 2
    if stale:
        _report_stale(stale, output)
        return 1
    if arguments.check:
        print(f"clients/ is up to date ({', '.join(c.distribution for c in clients)})")
    return 0


def _bring_hand_owned(client: ClientEntry, target: Path) -> None:
    # Into its home (clients/) the package's lib/ is already there and left alone; into another
    # folder that has none yet it comes along, so that the tree there is a whole, installable
    # distribution. A lib/ already there is hand-owned too: never overwritten.
    if client.lib is None or not client.lib.is_dir():
        return
    there = target / client.package / HAND_OWNED_FOLDER
    if not there.exists():
        shutil.copytree(client.lib, there, ignore=shutil.ignore_patterns("__pycache__"))


def _report_stale(stale: dict[str, list[str]], output: Path) -> None:
    print(f"error: {output} does not match its specs, overrides and generator:", file=sys.stderr)
    for distribution, differences in stale.items():
        for difference in differences:
            print(f"  {distribution}/{difference}", file=sys.stderr)
    print(
        f"Generated code is never edited by hand. Run `{FIX_COMMAND}` and commit the result.",
        file=sys.stderr,
    )


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Generate grantwire's client packages from specs/ into clients/.",
    )
    parser.add_argument("clients", nargs="*", help="client names from the manifest (default: all)")
    parser.add_argument(
        "--check",
        action="store_true",
        help="regenerate into a temporary folder and fail if clients/ differs",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="render even when generation.json shows the inputs and the code unchanged",
    )
    parser.add_argument("--output", type=Path, default=None, help="where the packages go (default: clients/)")
    parser.add_argument("--manifest", type=Path, default=MANIFEST_PATH, help=argparse.SUPPRESS)
    return parser
