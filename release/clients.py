"""The distributions a release command works on: from the generator's manifest and generated/."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from generator.errors import GeneratorFailure
from generator.manifest import load_manifest
from release.errors import ReleaseRefused

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Distribution:
    name: str  # the manifest's client name, e.g. "ringcentral"
    distribution: str
    package: str
    version: str
    directory: Path

    @property
    def code_sha256(self) -> str:
        """The hash of the generated code (generation.json), recorded with each release."""
        provenance = json.loads((self.directory / "generation.json").read_text(encoding="utf-8"))
        return str(provenance["code_sha256"])


def select(names: Sequence[str], root: Path = ROOT) -> list[Distribution]:
    try:
        clients = load_manifest(root / "generator" / "clients.toml", root).select(names)
    except GeneratorFailure as failure:
        raise ReleaseRefused(str(failure)) from None
    return [
        Distribution(c.name, c.distribution, c.package, c.version, root / "generated" / c.distribution) for c in clients
    ]
