"""The distributions a release command works on: grantwire-core (core/) and the clients (from the
generator's manifest and clients/), core always first, since every client depends on it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorFailure
from generator.manifest import CORE_DISTRIBUTION, HAND_OWNED_FOLDER, load_manifest
from generator.provenance import tree_digest
from release.errors import ReleaseRefused

ROOT = Path(__file__).resolve().parent.parent
CORE = "core"
_CORE_VERSION = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


@dataclass(frozen=True)
class Distribution:
    name: str  # "core", or the manifest's client name, e.g. "ringcentral"
    distribution: str
    package: str
    version: str
    directory: Path
    core_range: str | None = None  # a client's grantwire-core requirement (">=0.1.0,<0.2")

    @property
    def is_core(self) -> bool:
        return self.core_range is None

    @property
    def code_sha256(self) -> str:
        """The hash of the code, recorded with each release: the core's over its source folder, a
        client's over its generated code (generation.json's) and its hand-owned ``lib/`` together."""
        if self.is_core:
            return tree_digest(self.directory)
        provenance = json.loads((self.directory / "generation.json").read_text(encoding="utf-8"))
        lib = self.directory / self.package / HAND_OWNED_FOLDER
        if not lib.is_dir():
            return str(provenance["code_sha256"])
        both = f"{provenance['code_sha256']}\0{tree_digest(lib)}"
        return hashlib.sha256(both.encode()).hexdigest()


def core_version(root: Path = ROOT) -> str:
    """grantwire-core's version, from the one place it is written (``__version__``)."""
    source = (root / "core" / "grantwire_core" / "__init__.py").read_text(encoding="utf-8")
    found = _CORE_VERSION.search(source)
    if found is None:
        raise ReleaseRefused('core/grantwire_core/__init__.py has no `__version__ = "…"` line')
    return found.group(1)


def core_distribution(root: Path = ROOT) -> Distribution:
    return Distribution(CORE, CORE_DISTRIBUTION, "grantwire_core", core_version(root), root / "core")


def select(names: Sequence[str], root: Path = ROOT) -> list[Distribution]:
    """The distributions named (all four when ``names`` is empty), core first."""
    wants_core = not names or CORE in names
    client_names = [name for name in names if name != CORE]
    selected = [core_distribution(root)] if wants_core else []
    if names and not client_names:
        return selected
    try:
        clients = load_manifest(root / "generator" / "clients.toml", root).select(client_names)
    except GeneratorFailure as failure:
        raise ReleaseRefused(f"{failure}, {CORE}") from None
    return selected + [
        Distribution(c.name, c.distribution, c.package, c.version, root / "clients" / c.distribution, c.core)
        for c in clients
    ]
