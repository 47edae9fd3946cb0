"""A real git repository holding a copy of grantwire's distributions, each tagged as released.

The release plan reads the last release from git tags and compares it with the working tree; a
test changes a spec or the code in the copy and plans against those tags, as a release would.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from release.clients import select
from release.last_release import tag_name

ROOT = Path(__file__).resolve().parents[2]
# What the plan reads: the manifest, the specs, the core's source and the generated clients.
_COPIED = ("generator/clients.toml", "specs", "core", "clients")


def git(repo: Path, *arguments: str) -> str:
    identity = ["-c", "user.name=grantwire tests", "-c", "user.email=tests@grantwire.invalid"]
    return subprocess.run(["git", *identity, *arguments], cwd=repo, capture_output=True, text=True, check=True).stdout


def released_repo(repo: Path) -> Path:
    """A copy of the distributions in ``repo``, committed and tagged ``<distribution>-v<version>``."""
    for name in _COPIED:
        source, target = ROOT / name, repo / name
        if source.is_dir():
            shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git(repo, "init", "--quiet", "--initial-branch=main")
    commit(repo, "the released state")
    release_all(repo)
    return repo


def commit(repo: Path, message: str) -> None:
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", message)


def release_all(repo: Path) -> None:
    """Tag every distribution at its version (replacing earlier tags), then move on by a commit:
    a tag on the commit being planned is that release itself, and the plan looks past it."""
    for distribution in select([], repo):
        git(repo, "tag", "--force", tag_name(distribution, distribution.version))
    commit(repo, "work after the release")


def edit_spec(repo: Path, client: str, change: Any) -> None:
    """Apply ``change`` to the parsed spec of ``client`` and write it back (as YAML)."""
    path = repo / "specs" / f"{client}.yaml"
    yaml = YAML()  # round-trip: comments and order stay, only the change differs
    document = yaml.load(path.read_text(encoding="utf-8"))
    change(document)
    with path.open("w", encoding="utf-8") as stream:
        yaml.dump(document, stream)
