"""``nox -s real-world``: the generator on large public documents it was not written for.

For each document in ``../shared/real-world-specs/`` (not part of the repository; the session skips
with a message when it is absent) this generates a client into a temporary folder with
``python -m generator.document`` and plain openapi-python-client into another, then prints:
operations, discriminators found, dispatch tables generated (and why any union has none), modules
that import, ruff's verdict, and the time against the plain run. It exits 1 when a document fails
to generate, a discriminator is neither dispatched nor explained, a module fails to import or ruff
finds a problem. Timing is reported, never asserted.
"""

from __future__ import annotations

import importlib
import json
import os
import pkgutil
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from generator.document import document_client
from generator.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
SHARED = ROOT.parent / "shared" / "real-world-specs"
DOCUMENTS = ("rc-public-openapi.yml", "openai-openapi.yaml", "kratos-api.json")

# Unions these documents declare that the discriminator alone cannot decide, each with the reason;
# passed to the generator as --try-each. A value several members share is parsed by trying those
# members (every other value still dispatches); a union with a member no class exists for keeps
# upstream's try-each parsing whole. Either way the generator warns.
TRY_EACH: dict[str, dict[str, str]] = {
    "openai-openapi.yaml": {
        # OpenAI's other "message" collisions (Item, ItemResource, RealtimeConversationItem and their
        # Beta twins) are told apart by role; these two are not (EasyInputMessage allows every role).
        "/components/schemas/InputItem": "type 'message' selects EasyInputMessage and Item",
        "/components/schemas/BetaInputItem": "type 'message' selects BetaEasyInputMessage and BetaItem",
    },
}


def main() -> int:
    if not SHARED.is_dir():
        print(f"real-world: skipped, {SHARED} is absent (the documents are not part of the repository)")
        return 0
    failures: list[str] = []
    rows = []
    with tempfile.TemporaryDirectory(prefix="real-world-") as scratch:
        for name in DOCUMENTS:
            rows.append(_one(SHARED / name, Path(scratch), failures))
    print()
    columns = (
        "document",
        "operations",
        "discriminators",
        "dispatch tables",
        "try-each: whole / shared values (named)",
        "no union built",
        "modules import",
        "ruff",
        "modules (ours / plain)",
        "time vs plain",
        "time per module vs plain",
    )
    print("| " + " | ".join(columns) + " |")
    print("|" + "---|" * len(columns))
    for row in rows:
        print("| " + " | ".join(str(cell) for cell in row) + " |")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


def _one(spec: Path, scratch: Path, failures: list[str]) -> list[object]:
    try_each = TRY_EACH.get(spec.name, {})
    ours = scratch / f"ours-{spec.stem}"
    findings = scratch / f"{spec.stem}.json"
    arguments = [a for pointer in try_each for a in ("--try-each", pointer)]
    command = [sys.executable, "-m", "generator.document", str(spec), str(ours), "--report", str(findings), *arguments]
    ours_seconds, completed = _timed(command)
    if completed.returncode != 0:
        failures.append(f"{spec.name}: {completed.stderr.strip().splitlines()[-1]}")
        return [spec.name, "-", "-", "failed", "", "", "", "", "", "", ""]
    result = json.loads(findings.read_text())
    found = len(result["discriminated_unions"])
    tables = len(result["dispatch_tables"])

    plain = scratch / f"plain-{spec.stem}"
    bin_dir = str(Path(sys.executable).parent)
    plain_seconds, _ = _timed(
        [
            str(Path(bin_dir) / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--output-path",
            str(plain),
            "--meta",
            "none",
        ],
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"},  # its ruff post-hooks run too
    )
    package = document_client(spec, load_spec(spec)).package
    ours_modules = sum(1 for _ in ours.rglob("*.py"))
    plain_modules = sum(1 for _ in plain.rglob("*.py"))
    imported, broken = _import_all(ours, package)
    ruff = subprocess.run(
        [str(Path(bin_dir) / "ruff"), "check", "--no-cache", "--quiet", "."], cwd=ours, capture_output=True, text=True
    )
    no_union = _unbuilt(result)
    unexplained = found - tables - len(result["tried_each"]) - sum(no_union.values())
    if unexplained:
        failures.append(f"{spec.name}: {unexplained} discriminated union(s) got no dispatch table and no reason")
    if broken:
        failures.append(f"{spec.name}: {len(broken)} module(s) fail to import, first {broken[0]}")
    if ruff.returncode != 0:
        failures.append(f"{spec.name}: ruff finds problems in the generated code: {ruff.stdout.strip()[:300]}")
    print(
        f"{spec.name}: {found} discriminated unions, {tables} dispatch tables, {len(result['tried_each'])} whole and "
        f"{len(result['partly_tried'])} shared-value try-each, "
        f"no union built {no_union}; {len(result['without_union'])} discriminators on schemas without oneOf/anyOf "
        f"(allOf base types: their subtypes are dispatched where a oneOf lists them); "
        f"{len(result['warnings'])} warnings; ours {ours_seconds:.1f}s, plain {plain_seconds:.1f}s"
    )
    return [
        spec.name,
        result["operations"],
        found,
        tables,
        f"{len(result['tried_each'])} / {len(result['partly_tried'])}",
        ", ".join(f"{count} {why}" for why, count in no_union.items() if count) or "0",
        f"{imported}/{imported + len(broken)}",
        "clean" if ruff.returncode == 0 else "problems",
        f"{ours_modules} / {plain_modules}",
        f"{ours_seconds / plain_seconds:.2f}x ({ours_seconds:.1f}s / {plain_seconds:.1f}s)",
        # Plain openapi-python-client refuses more of a document (repeated titles, inline members
        # with allOf), so it writes fewer modules: the honest per-unit comparison.
        f"{(ours_seconds / ours_modules) / (plain_seconds / plain_modules):.2f}x",
    ]


def _unbuilt(found: dict[str, Any]) -> dict[str, int]:
    """Why the unions without a dispatch table have none, each reason checked against the run."""
    built = set(found["dispatch_tables"])
    tried = set(found["tried_each"])
    skips = " ".join(found["upstream_skips"])
    reasons = {
        "an allOf part (upstream merges allOf parts and drops a oneOf/anyOf among them)": 0,
        "in or with a schema upstream cannot build": 0,
    }
    for pointer in found["discriminated_unions"]:
        if pointer in built or pointer in tried:
            continue
        component = "/".join(pointer.split("/")[:4])
        if f"({pointer})" in skips or f"{component}:" in skips or f"{component} " in skips:
            reasons["in or with a schema upstream cannot build"] += 1
        elif re.search(r"/allOf/\d+$", pointer):
            reasons["an allOf part (upstream merges allOf parts and drops a oneOf/anyOf among them)"] += 1
    return reasons


def _timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, subprocess.CompletedProcess[str]]:
    started = time.perf_counter()
    completed = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    return time.perf_counter() - started, completed


def _import_all(tree: Path, package: str) -> tuple[int, list[str]]:
    sys.path.insert(0, str(tree))
    imported, broken = 0, []
    try:
        root = importlib.import_module(package)
        for module in [package, *(info.name for info in pkgutil.walk_packages(root.__path__, f"{package}."))]:
            try:
                importlib.import_module(module)
                imported += 1
            except Exception as error:
                broken.append(f"{module}: {type(error).__name__}: {error}")
    finally:
        sys.path.remove(str(tree))
    return imported, broken


if __name__ == "__main__":
    sys.exit(main())
