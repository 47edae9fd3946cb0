"""The same generated code builds into the same wheel and sdist bytes, every time."""

from __future__ import annotations

import hashlib
import tarfile
import zipfile
from pathlib import Path

import pytest

from release.artifacts import artifacts_of, build
from release.clients import select


def digests(paths: list[Path]) -> dict[str, str]:
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in paths}


@pytest.mark.parametrize("client", ["core", "docusign", "ringcentral", "usegrant"])
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
    assert "grantwire_ringcentral/tokens.py" in names
    # The runtime is grantwire-core, a dependency: no copy of it ships in a client.
    assert not any(name.startswith("grantwire_ringcentral/_transport") for name in names)
    assert "Requires-Dist: grantwire-core" in metadata
    assert f"Version: {distribution.version}" in metadata
    assert "spec version 1.0.60" in metadata  # the API version travels in the summary


def test_core_wheel_carries_its_package_version_and_jwt_extra(tmp_path: Path) -> None:
    (core,) = select(["core"])
    wheel = next(path for path in build(core, tmp_path) if path.suffix == ".whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = archive.read(f"grantwire_core-{core.version}.dist-info/METADATA").decode()
    assert {
        "grantwire_core/py.typed",
        "grantwire_core/runtime/transport.py",
        "grantwire_core/tokens/sources.py",
    } <= set(names)
    assert f"Version: {core.version}" in metadata  # read from __version__, its only home
    assert "Provides-Extra: jwt" in metadata


LICENSE = Path(__file__).resolve().parents[2] / "LICENSE"


@pytest.mark.parametrize("name", ["core", "docusign", "ringcentral", "usegrant"])
def test_every_distribution_ships_the_licence_and_depends_on_httpx2(tmp_path: Path, name: str) -> None:
    (distribution,) = select([name])
    artifacts = build(distribution, tmp_path)
    wheel = next(path for path in artifacts if path.suffix == ".whl")
    sdist = next(path for path in artifacts if path.suffix == ".gz")
    with zipfile.ZipFile(wheel) as archive:
        info = f"{distribution.package}-{distribution.version}.dist-info"
        metadata = archive.read(f"{info}/METADATA").decode()
        licence = archive.read(f"{info}/licenses/LICENSE").decode()
    assert licence == LICENSE.read_text(encoding="utf-8")
    assert "License-Expression: MIT" in metadata
    with tarfile.open(sdist) as archive:
        assert any(member.name.endswith("/LICENSE") for member in archive.getmembers())
    # A new install gets httpx2 (through grantwire-core); httpx only on Python 3.10, which httpx2 does
    # not support, or with the [httpx] extra.
    requirements = [line for line in metadata.splitlines() if line.startswith("Requires-Dist:")]
    plain_httpx = [line for line in requirements if line.startswith("Requires-Dist: httpx") and "httpx2" not in line]
    markers = [line.replace("'", '"') for line in plain_httpx]  # hatchling quotes markers with '
    assert all('extra == "httpx"' in line or 'python_version < "3.11"' in line for line in markers), plain_httpx
    assert plain_httpx == [] or distribution.is_core
    if distribution.is_core:
        assert any(line.startswith("Requires-Dist: httpx2") for line in requirements)
        assert "Provides-Extra: httpx" in metadata
