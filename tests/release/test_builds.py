"""The same generated code builds into the same wheel and sdist bytes, every time."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from release.artifacts import artifacts_of, build
from release.clients import select


def digests(paths: list[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


@pytest.mark.parametrize("client", ["docusign", "ringcentral", "usegrant"])
def test_building_twice_gives_identical_bytes(tmp_path: Path, client: str) -> None:
    (distribution,) = select([client])
    first = build(distribution, tmp_path / "first")
    second = build(distribution, tmp_path / "second")

    assert sorted(path.suffix for path in first) == [".gz", ".whl"]
    assert digests(first) == digests(second)
    assert artifacts_of(distribution, tmp_path / "first") == sorted(first)


def test_wheel_carries_the_package_and_its_metadata(tmp_path: Path) -> None:
    (distribution,) = select(["ringcentral"])
    wheel = next(path for path in build(distribution, tmp_path) if path.suffix == ".whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"grantwire_ringcentral-{distribution.version}.dist-info/METADATA").decode()
    assert "grantwire_ringcentral/py.typed" in names
    assert "grantwire_ringcentral/_transport.py" in names
    assert f"Version: {distribution.version}" in metadata
    assert "spec version 1.0.60" in metadata  # the API version travels in the summary
