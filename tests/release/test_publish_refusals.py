"""What makes a publish refuse, checked against a real (local) simple index."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import pytest

from release import lock
from release.clients import core_distribution, select
from release.errors import ReleaseRefused
from release.index import existing_versions, simple_url_for
from release.publish import refusals


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def simple_index(root: Path, files: dict[str, list[str]]) -> Iterator[str]:
    """A PEP 503 index on loopback listing ``files`` per project."""
    for project, names in files.items():
        page = root / "simple" / project
        page.mkdir(parents=True)
        links = "".join(f'<a href="../../packages/{name}">{name}</a>\n' for name in names)
        (page / "index.html").write_text(f"<html><body>\n{links}</body></html>")
    handler = partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_existing_versions_reads_wheels_and_sdists(tmp_path: Path) -> None:
    files = {
        "grantwire-docusign": [
            "grantwire_docusign-0.1.0-py3-none-any.whl",
            "grantwire_docusign-0.1.0.tar.gz",
            "grantwire-docusign-0.0.9.tar.gz",
            "grantwire_docusign_extra-9.9.9.tar.gz",
        ]
    }
    with simple_index(tmp_path, files) as url:
        assert existing_versions(url + "/simple/", "grantwire-docusign") == {"0.1.0", "0.0.9"}
        assert existing_versions(url + "/simple/", "grantwire-usegrant") == set()


def test_simple_url_for_pypi_and_other_indexes() -> None:
    assert simple_url_for("https://upload.pypi.org/legacy/") == "https://pypi.org/simple/"
    assert simple_url_for("http://127.0.0.1:8080") == "http://127.0.0.1:8080/simple/"


def core_on_the_index(version: str | None = None) -> dict[str, list[str]]:
    """An index page listing grantwire-core (today's version unless another is named)."""
    return {"grantwire-core": [f"grantwire_core-{version or core_distribution().version}-py3-none-any.whl"]}


def test_a_version_on_the_index_is_refused(tmp_path: Path) -> None:
    (docusign,) = select(["docusign"])
    files = {"grantwire-docusign": [f"grantwire_docusign-{docusign.version}-py3-none-any.whl"], **core_on_the_index()}
    with simple_index(tmp_path / "index", files) as url:
        problems = refusals([docusign], url + "/simple/", tmp_path / "releases.toml")
    assert problems == [
        f"grantwire-docusign {docusign.version} already exists on {url}/simple/; "
        "bump its version in generator/clients.toml"
    ]


def test_changed_code_without_a_version_bump_is_refused(tmp_path: Path) -> None:
    (ringcentral,) = select(["ringcentral"])
    lock_path = tmp_path / "releases.toml"
    lock.append(lock.Release(ringcentral.distribution, ringcentral.version, "0" * 64), lock_path)
    with simple_index(tmp_path / "index", core_on_the_index()) as url:
        problems = refusals([ringcentral], url + "/simple/", lock_path)
    assert len(problems) == 1
    assert "the generated code changed since" in problems[0]
    assert "bump it in generator/clients.toml" in problems[0]


def test_a_recorded_release_with_the_same_code_or_a_new_version_goes_ahead(tmp_path: Path) -> None:
    (usegrant,) = select(["usegrant"])
    lock_path = tmp_path / "releases.toml"
    lock.append(lock.Release(usegrant.distribution, "0.0.1", "0" * 64), lock_path)
    lock.append(lock.Release(usegrant.distribution, usegrant.version, usegrant.code_sha256), lock_path)
    bumped = replace(usegrant, version="9.9.9")
    with simple_index(tmp_path / "index", core_on_the_index()) as url:
        assert refusals([usegrant, bumped], url + "/simple/", lock_path) == []


def test_the_lock_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "releases.toml"
    first = lock.Release("grantwire-docusign", "0.1.0", "a" * 64)
    second = lock.Release("grantwire-docusign", "0.2.0", "b" * 64)
    lock.append(first, path)
    lock.append(second, path)
    assert lock.read(path) == [first, second]
    assert lock.latest(lock.read(path), "grantwire-docusign") == second
    assert path.read_text().startswith("# Released versions")


def test_an_unknown_client_is_refused_with_the_choices() -> None:
    with pytest.raises(ReleaseRefused, match="unknown client 'nope'; choose from: docusign, ringcentral, usegrant"):
        select(["nope"])


def test_core_comes_first_and_can_be_named_alone() -> None:
    assert [d.name for d in select([])] == ["core", "docusign", "ringcentral", "usegrant"]
    assert [d.name for d in select(["usegrant", "core"])] == ["core", "usegrant"]
    (core,) = select(["core"])
    assert (core.distribution, core.directory.name, core.core_range) == ("grantwire-core", "core", None)


def test_a_client_whose_core_range_the_index_cannot_meet_is_refused(tmp_path: Path) -> None:
    (usegrant,) = select(["usegrant"])
    # Only a core outside the client's range (and none published with it): users could not install it.
    with simple_index(tmp_path / "index", core_on_the_index("0.0.1")) as url:
        problems = refusals([usegrant], url + "/simple/", tmp_path / "releases.toml")
    assert problems == [
        f"grantwire-usegrant requires grantwire-core{usegrant.core_range}, which no version on {url}/simple/ "
        "meets (it has: 0.0.1); publish core first (`nox -s publish -- core`)"
    ]


def test_a_core_published_in_the_same_run_meets_the_range(tmp_path: Path) -> None:
    core, usegrant = select(["core", "usegrant"])
    with simple_index(tmp_path / "index", {}) as url:
        assert refusals([core, usegrant], url + "/simple/", tmp_path / "releases.toml") == []


def test_a_core_change_without_a_version_bump_is_refused(tmp_path: Path) -> None:
    (core,) = select(["core"])
    lock_path = tmp_path / "releases.toml"
    lock.append(lock.Release(core.distribution, core.version, "0" * 64), lock_path)
    with simple_index(tmp_path / "index", {}) as url:
        problems = refusals([core], url + "/simple/", lock_path)
    assert len(problems) == 1
    assert "grantwire-core: the code changed since" in problems[0]
    assert "bump it in core/grantwire_core/__init__.py" in problems[0]
