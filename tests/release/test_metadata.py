"""Every distribution's wheel carries the links, authors, keywords and classifiers a PyPI page
shows, and a wheel without them is refused before anything is uploaded."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from release.artifacts import build
from release.clients import select
from release.errors import ReleaseRefused
from release.metadata import PROJECT_URLS, check_metadata, wheel_metadata


@pytest.mark.parametrize("name", ["core", "docusign", "ringcentral", "usegrant"])
def test_each_wheel_carries_links_authors_keywords_and_classifiers(tmp_path: Path, name: str) -> None:
    (distribution,) = select([name])
    wheel = next(path for path in build(distribution, tmp_path) if path.suffix == ".whl")
    metadata = wheel_metadata(wheel)

    urls = metadata.project_urls or {}
    assert set(PROJECT_URLS) <= set(urls)
    assert all(url.startswith("https://") for url in urls.values())
    assert urls["Homepage"] == "https://github.com/grantwire/grantwire"
    assert metadata.author == "The grantwire authors"
    assert "oauth" in (metadata.keywords or [])
    assert {"Typing :: Typed", "Intended Audience :: Developers"} <= set(metadata.classifiers or [])
    if not distribution.is_core:
        assert name in (metadata.keywords or [])  # the vendor, for a search on PyPI
        assert urls["Changelog"].endswith(f"{distribution.distribution}/{distribution.package}/lib/CHANGELOG.md")
    check_metadata([wheel])


def test_a_wheel_without_project_links_is_refused(tmp_path: Path) -> None:
    wheel = tmp_path / "bare-1.0-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr("bare-1.0.dist-info/METADATA", "Metadata-Version: 2.4\nName: bare\nVersion: 1.0\n")

    with pytest.raises(ReleaseRefused) as refusal:
        check_metadata([wheel])

    message = str(refusal.value)
    assert message.startswith("bare-1.0-py3-none-any.whl: its metadata has no Project-URL Homepage")
    assert message.endswith("Author or Maintainer, Keywords, Classifier Typing :: Typed (set them in pyproject.toml)")
