"""Where a distribution's last release is found, as a folder of its source to compare with.

Releases are git tags named ``<distribution>-v<version>`` (``grantwire-core-v0.1.0``,
``grantwire-ringcentral-v0.2.0``): the release workflow runs on them. By default the last release
is the highest tagged version, unless that tag is the commit being released (the workflow runs on
the tag itself), then the one before. With an index, it is the highest version that index has: its
sdist is downloaded, and a client's OpenAPI document is the one in git history whose SHA-256 the
sdist's generation.json records.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import tarfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from packaging.version import InvalidVersion, Version
from ruamel.yaml import YAML

from release.clients import Distribution
from release.errors import ReleaseRefused
from release.git import git
from release.index import existing_versions, file_urls

TAG_SEPARATOR = "-v"


@dataclass(frozen=True)
class LastRelease:
    version: str
    where: str  # "tag grantwire-core-v0.1.0" or "http://127.0.0.1:8080/simple/"
    directory: Path  # holds the import package (and a client's generation.json)
    spec: dict[str, Any] | None  # a client's OpenAPI document as released; None for the core


def tag_name(distribution: Distribution, version: str) -> str:
    return f"{distribution.distribution}{TAG_SEPARATOR}{version}"


def from_git_tags(distribution: Distribution, root: Path, scratch: Path) -> LastRelease | None:
    """The last tagged release of ``distribution``, extracted into ``scratch``; None if never tagged."""
    prefix = distribution.distribution + TAG_SEPARATOR
    tags = _versions({tag.removeprefix(prefix): tag for tag in git(root, "tag", "--list", prefix + "*").split()})
    head = git(root, "rev-parse", "HEAD").strip()
    for version in sorted(tags, reverse=True):
        tag = tags[version]
        if git(root, "rev-list", "-n", "1", tag).strip() == head and str(version) == distribution.version:
            continue  # the release being made: compare with the one before it
        folder = distribution.directory.relative_to(root).as_posix()
        directory = _archive(root, tag, folder, scratch / tag)
        spec = None
        if not distribution.is_core:
            spec_path = json.loads((directory / "generation.json").read_text(encoding="utf-8"))["spec"]["path"]
            spec = _parse(git(root, "show", f"{tag}:{spec_path}"))
        return LastRelease(str(version), f"tag {tag}", directory, spec)
    return None


def from_index(distribution: Distribution, simple_url: str, root: Path, scratch: Path) -> LastRelease | None:
    """The highest version of ``distribution`` on the index, from its sdist; None if it has none."""
    versions = _versions({version: version for version in existing_versions(simple_url, distribution.distribution)})
    if not versions:
        return None
    version = str(max(versions))
    prefix = distribution.distribution.replace("-", "_")
    urls = file_urls(simple_url, distribution.distribution)
    sdist = next((url for name, url in urls.items() if name in {f"{prefix}-{version}.tar.gz"}), None)
    if sdist is None:
        raise ReleaseRefused(f"{distribution.distribution} {version} on {simple_url} has no sdist to compare with")
    with urllib.request.urlopen(sdist, timeout=60) as response:
        payload = io.BytesIO(response.read())
    with tarfile.open(fileobj=payload) as tar:
        tar.extractall(scratch / f"{prefix}-{version}-index", filter="data")
    directory = scratch / f"{prefix}-{version}-index" / f"{prefix}-{version}"
    spec = None
    if not distribution.is_core:
        recorded = json.loads((directory / "generation.json").read_text(encoding="utf-8"))["spec"]
        spec = _parse(_spec_by_digest(root, recorded["path"], recorded["sha256"]))
    return LastRelease(version, simple_url, directory, spec)


def _spec_by_digest(root: Path, path: str, sha256: str) -> str:
    """The version of ``path`` with this SHA-256 (what a release's generation.json
    records): the working tree's first (a rehearsal publishes what is there), then newest first."""
    current = root / path
    if current.is_file() and hashlib.sha256(current.read_bytes()).hexdigest() == sha256:
        return current.read_text(encoding="utf-8")
    for commit in git(root, "log", "--format=%H", "--", path).split():
        text = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, check=False).stdout
        if hashlib.sha256(text).hexdigest() == sha256:
            return text.decode("utf-8")
    raise ReleaseRefused(f"no commit holds the {path} (sha256 {sha256[:12]}…) that the released sdist was made from")


def _versions(candidates: dict[str, str]) -> dict[Version, str]:
    found = {}
    for text, value in candidates.items():
        try:
            found[Version(text)] = value
        except InvalidVersion:
            continue
    return found


def _archive(root: Path, tag: str, folder: str, into: Path) -> Path:
    command = ["git", "archive", "--format=tar", tag, folder]
    archive = subprocess.run(command, cwd=root, capture_output=True, check=False)
    if archive.returncode != 0:
        raise ReleaseRefused(f"`git archive {tag} {folder}` failed: {archive.stderr.decode(errors='replace').strip()}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    return into / folder


def _parse(text: str) -> dict[str, Any]:
    document = YAML(typ="safe", pure=False).load(text)
    if not isinstance(document, dict):
        raise ReleaseRefused("a released OpenAPI document is not a mapping")
    return document
