"""The provenance record beside each package: what the generation came from.

Like Stainless's ``.stats.yml`` or Speakeasy's ``gen.lock``, it makes "what changed and why"
answerable from a diff, and records a hash of the generated code for release checks.
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path

from generator.hand_owned import CHANGELOG_SOURCE, README_SOURCE
from generator.manifest import ClientEntry
from generator.postprocess import header_text
from generator.spec import file_digest

PROVENANCE_FILE = "generation.json"
_GENERATOR_DIR = Path(__file__).resolve().parent
_OVERRIDES_DIR = _GENERATOR_DIR.parent / "overrides"
LICENSE_FILE = _GENERATOR_DIR.parent / "LICENSE"
_IDENTITY = ("_generated", "client", "distribution", "version", "core")


# What tools leave in a package folder when run inside it (ruff, mypy, pytest, bytecode): never
# the generator's, so a cache beside the code does not make the record look stale.
TOOL_CACHES = frozenset({"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"})


def tree_digest(root: Path, *, exclude: frozenset[str] = frozenset(), hand_owned: str | None = None) -> str:
    """SHA-256 over every file's relative path and bytes, in sorted order, without the files under
    the ``hand_owned`` prefix and the tools' caches."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root).as_posix()
        if not path.is_file() or relative in exclude or TOOL_CACHES.intersection(path.parts):
            continue
        if hand_owned is not None and relative.startswith(hand_owned):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _inputs(client: ClientEntry) -> dict[str, object]:
    """Everything a generation depends on, as recorded in ``generation.json``."""
    changelog = client.lib / CHANGELOG_SOURCE if client.lib is not None else None
    readme = client.lib / README_SOURCE if client.lib is not None else None
    return {
        "_generated": header_text(client),
        "client": client.name,
        "distribution": client.distribution,
        "version": client.version,
        "core": client.core,
        "spec": {"path": client.spec_label, "sha256": file_digest(client.spec)},
        "openapi_python_client": version("openapi-python-client"),
        "ruff": version("ruff"),
        "overrides_sha256": tree_digest(_OVERRIDES_DIR),
        "generator_sha256": tree_digest(_GENERATOR_DIR),
        "changelog_sha256": file_digest(changelog) if changelog is not None and changelog.is_file() else None,
        "license_sha256": file_digest(LICENSE_FILE),
        "readme_sha256": file_digest(readme) if readme is not None and readme.is_file() else None,
    }


def is_current(tree: Path, client: ClientEntry) -> bool:
    """Whether ``tree`` was generated from exactly today's inputs and was not touched since.

    Then a new generation would be byte-identical (generation is deterministic), so it can be
    skipped; ``--check`` and ``--force`` always render.
    """
    try:
        recorded = json.loads((tree / PROVENANCE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    inputs = _inputs(client)
    return all(recorded.get(key) == value for key, value in inputs.items()) and recorded.get(
        "code_sha256"
    ) == tree_digest(tree, exclude=frozenset({PROVENANCE_FILE}), hand_owned=client.hand_owned_prefix)


def write_provenance(tree: Path, client: ClientEntry, api_version: str) -> None:
    """Write ``generation.json`` into ``tree``; call it last, after formatting. ``code_sha256``
    covers the generated files only: the hand-owned ``lib/`` is not the generator's to record."""
    inputs = _inputs(client)
    # Identity first, then the API version, then the input hashes: the order a reader scans.
    head = {key: inputs[key] for key in _IDENTITY}
    hashes = {key: value for key, value in inputs.items() if key not in _IDENTITY}
    code = tree_digest(tree, exclude=frozenset({PROVENANCE_FILE}), hand_owned=client.hand_owned_prefix)
    record = {**head, "api_version": api_version, **hashes, "code_sha256": code}
    (tree / PROVENANCE_FILE).write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
