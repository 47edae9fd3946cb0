"""``python -m generator.document``: generate a client from any OpenAPI 3.0/3.1 document.

The manifest's clients are ours: whole, with a changelog and provenance. This entry point takes a
document written elsewhere (a vendor's full platform API, say) and writes a client for it into a
folder, generated as far as openapi-python-client goes, with every discriminator dispatched, and
reports what it found. ``nox -s real-world`` runs it over large public documents.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
import time
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openapi_python_client import strings
from openapi_python_client.config import ConfigFile

from generator.errors import GeneratorFailure
from generator.manifest import ClientEntry
from generator.output import output_folder
from generator.postprocess import add_headers, format_tree
from generator.render import Rendering, render_client
from generator.security import METHODS
from generator.spec import load_spec
from generator.user_config import load_user_config

#: The machine-readable report written into the output folder, beside the package.
REPORT_NAME = "generation-report.json"

#: The grantwire-core a document's client is generated against (it is not released).
CORE_RANGE = ">=0.1.0,<0.2"


@dataclass(frozen=True)
class DocumentResult:
    """A generated document and what it took."""

    rendering: Rendering
    operations: int
    seconds: float


def document_client(spec: Path, document: dict[str, Any], user_config: ConfigFile | None = None) -> ClientEntry:
    """A client entry named as upstream names it: ``<title>-client``, package ``<title>_client``,
    unless the user's config file overrides either name."""
    overrides = user_config or ConfigFile()
    info = document.get("info")
    title = info.get("title") if isinstance(info, dict) else None
    wanted = overrides.project_name_override or f"{strings.kebab_case(str(title or spec.stem)).lower()}-client"
    # Both names are printed into code and metadata: only what PEP 508 and Python allow in a name.
    distribution = re.sub(r"[^A-Za-z0-9._-]+", "-", wanted).strip("-._") or "api-client"
    package = re.sub(r"\W", "_", overrides.package_name_override or distribution.replace("-", "_").replace(".", "_"))
    if not package.isidentifier() or keyword.iskeyword(package):
        package = f"api_{package}"
    return ClientEntry(
        name=package,
        spec=spec,
        spec_label=spec.name,
        distribution=distribution,
        package=package,
        version=overrides.package_version_override or "0.1.0",
        core=CORE_RANGE,
        written_elsewhere=True,
    )


def generate_document(
    spec: Path,
    destination: Path,
    try_each: Collection[str] = (),
    user_config: ConfigFile | None = None,
    *,
    strict: bool = False,
) -> DocumentResult:
    """Generate the client for ``spec`` into ``destination`` (which must not exist yet), with
    ``REPORT_NAME`` beside the package listing every union that falls back to try-each parsing.

    ``strict``: what would be a warning (a union that falls back, an ``allOf`` conflict, a part
    upstream skips) is a ``GeneratorFailure`` instead, as for our own clients.
    """
    started = time.perf_counter()
    document = load_spec(spec)
    client = document_client(spec, document, user_config)
    paths = document.get("paths")
    operations = sum(
        1
        for item in (paths.values() if isinstance(paths, dict) else ())
        if isinstance(item, dict)
        for method in METHODS
        if isinstance(item.get(method), dict)
    )
    rendering = render_client(
        client, document, destination, try_each=try_each, written_elsewhere=True, user_config=user_config, strict=strict
    )
    add_headers(destination, client)
    format_tree(destination)
    result = DocumentResult(rendering, operations, time.perf_counter() - started)
    (destination / REPORT_NAME).write_text(json.dumps(_report(result), indent=2) + "\n", encoding="utf-8")
    return result


def _report(result: DocumentResult) -> dict[str, object]:
    unions = result.rendering.unions
    built = {module.pointer for module in result.rendering.union_modules}
    return {
        "fallbacks": [fallback.as_json() for fallback in unions.fallbacks],
        "operations": result.operations,
        "discriminated_unions": [u.pointer for u in unions.unions] + unions.tried_each,
        "dispatch_tables": sorted(built),
        "tried_each": unions.tried_each,
        "partly_tried": unions.partly_tried,
        "without_union": unions.without_union,
        "warnings": unions.warnings + list(result.rendering.merge_warnings),
        "upstream_skips": list(result.rendering.upstream_skips),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 generated, 2 refused)."""
    parser = argparse.ArgumentParser(prog="python -m generator.document", description=__doc__.splitlines()[0])
    parser.add_argument("spec", type=Path, help="an OpenAPI 3.0 or 3.1 document (YAML, or JSON ending in .json)")
    parser.add_argument("output", type=Path, help="a folder that does not exist yet (or --overwrite)")
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="FILE",
        help="openapi-python-client's config file (class_overrides, literal_enums, field_prefix, ...)",
    )
    parser.add_argument("--overwrite", action="store_true", help="replace the output folder when it exists")
    parser.add_argument(
        "--strict",
        action="store_true",
        help="refuse instead of warning: a union that would fall back to try-each, an allOf conflict, a skipped part",
    )
    parser.add_argument(
        "--try-each",
        action="append",
        default=[],
        metavar="POINTER",
        help="a discriminated union (JSON pointer) that cannot be honoured: warn and parse it by trying each member",
    )
    parser.add_argument("--report", type=Path, default=None, help="also write what was found as JSON to this file")
    arguments = parser.parse_args(argv)
    try:
        report = arguments.report
        if report is not None and (report.is_dir() or not report.parent.is_dir()):
            raise GeneratorFailure(f"cannot write the report to {report}: give a file path in an existing folder")
        user_config = load_user_config(arguments.config) if arguments.config is not None else None
        with output_folder(arguments.output, overwrite=arguments.overwrite) as destination:
            result = generate_document(
                arguments.spec, destination, arguments.try_each, user_config, strict=arguments.strict
            )
    except GeneratorFailure as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 2
    for warning in result.rendering.unions.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for warning in result.rendering.merge_warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if result.rendering.upstream_skips:
        # Upstream's own heading for the same situation, so a reader (or a script) who knows it finds it.
        print(
            "Warning(s) encountered while generating. Client was generated, but some pieces may be missing",
            file=sys.stderr,
        )
    for skip in result.rendering.upstream_skips:
        print(f"warning: {skip}", file=sys.stderr)
    if arguments.report is not None:
        try:
            arguments.report.write_text(json.dumps(_report(result), indent=2), encoding="utf-8")
        except OSError as error:
            print(f"error: cannot write the report to {arguments.report}: {error.strerror}", file=sys.stderr)
            return 2
    print(
        f"{arguments.spec.name}: {result.operations} operations, "
        f"{len(result.rendering.union_modules)} dispatch tables, {result.seconds:.1f}s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
