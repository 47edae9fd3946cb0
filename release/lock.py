"""The release record: which code each released version shipped (like Speakeasy's gen.lock).

``releases.toml`` holds one ``[[release]]`` table per upload: distribution, version and the
``code_sha256`` of generated code (from generation.json). ``nox -s publish`` appends to it; the
file is committed with the release, so the next publish can tell a code change without a bump.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import tomllib

LOCK_PATH = Path(__file__).with_name("releases.toml")
_HEADER = """\
# Released versions and the generated code each one shipped (code_sha256 from generation.json).
# Written by `nox -s publish` after each upload: commit it with the release. Never edit by hand.
"""


@dataclass(frozen=True)
class Release:
    distribution: str
    version: str
    code_sha256: str


def read(path: Path = LOCK_PATH) -> list[Release]:
    if not path.exists():
        return []
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Release(r["distribution"], r["version"], r["code_sha256"]) for r in data.get("release", [])]


def append(release: Release, path: Path = LOCK_PATH) -> None:
    releases = [*read(path), release]
    tables = "".join(
        f'\n[[release]]\ndistribution = "{r.distribution}"\nversion = "{r.version}"\ncode_sha256 = "{r.code_sha256}"\n'
        for r in releases
    )
    path.write_text(_HEADER + tables, encoding="utf-8")


def latest(releases: list[Release], distribution: str) -> Release | None:
    mine = [r for r in releases if r.distribution == distribution]
    return mine[-1] if mine else None
