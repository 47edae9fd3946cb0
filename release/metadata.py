"""What every released distribution's metadata must carry besides what twine checks: the project
links a PyPI page shows (Homepage, Documentation, Source, Issues, Changelog), who makes it,
keywords, and the ``Typing :: Typed`` classifier."""

from __future__ import annotations

import zipfile
from pathlib import Path

from packaging.metadata import Metadata

from release.errors import ReleaseRefused

PROJECT_URLS = ("Homepage", "Documentation", "Source", "Issues", "Changelog")
TYPED = "Typing :: Typed"


def wheel_metadata(wheel: Path) -> Metadata:
    """The core metadata of ``wheel`` (its ``*.dist-info/METADATA``), parsed and validated."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        return Metadata.from_email(archive.read(name), validate=True)


def missing_metadata(metadata: Metadata) -> list[str]:
    """Each field ``metadata`` lacks, by name; empty when it is complete."""
    urls = metadata.project_urls or {}
    missing = [f"Project-URL {label}" for label in PROJECT_URLS if not urls.get(label)]
    if not (metadata.author or metadata.author_email or metadata.maintainer or metadata.maintainer_email):
        missing.append("Author or Maintainer")
    if not metadata.keywords:
        missing.append("Keywords")
    if TYPED not in (metadata.classifiers or []):
        missing.append(f"Classifier {TYPED}")
    return missing


def check_metadata(wheels: list[Path]) -> None:
    """Refuse the release when a wheel's metadata lacks a field of :func:`missing_metadata`."""
    for wheel in wheels:
        missing = missing_metadata(wheel_metadata(wheel))
        if missing:
            raise ReleaseRefused(f"{wheel.name}: its metadata has no {', '.join(missing)} (set them in pyproject.toml)")
