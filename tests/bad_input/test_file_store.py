"""FileTokenStore given a file that is not its own: one ``NotATokenFile`` naming the path, the file
left byte for byte and mode for mode as it was, one warning per cause."""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

import pytest
from grantwire_core.errors import NotATokenFile, StoreUnavailable
from grantwire_core.tokens.file_store import FORMAT, FileTokenStore
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken

from tests.bad_input.disk import snapshot

TOKEN = AccessToken("at-SECRET-1", 4_000_000_000.0, "rt-SECRET-1", None, scope="a b")
SETTINGS = b'{\n  "theme": "dark",\n  "api_url": "https://example.com"\n}\n'

FOREIGN = {
    "settings": SETTINGS,
    "text": b"not json at all\n",
    "array": b"[1, 2, 3]",
    "other-object": b'{"access_token": "at-1", "expires_at": 1.0, "colour": "red"}',
    "newer-format": b'{"format": "grantwire-token-file/9", "token": {}}',
    "binary": b"\xff\xfe\x00garbage",
}


def source(store: FileTokenStore, fetched: list[int]) -> TokenSource:
    def fetch() -> AccessToken:
        fetched.append(1)
        return TOKEN

    return TokenSource(fetch=fetch, async_fetch=None, refresh=None, async_refresh=None, store=store, store_wait=1)


@pytest.mark.parametrize("content", FOREIGN.values(), ids=FOREIGN.keys())
def test_a_file_that_is_not_the_stores_is_refused_at_construction_and_untouched(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(content)
    path.chmod(0o644)
    before = snapshot(tmp_path)
    with pytest.raises(NotATokenFile, match=rf"^{path} .*left untouched") as raised:
        FileTokenStore(path)
    assert raised.value.path == str(path)
    assert "\n" not in str(raised.value)
    assert snapshot(tmp_path) == before  # same bytes, same mode, no lock file, no temporary file


def test_a_file_replaced_by_someone_elses_after_construction_is_refused_with_one_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "token.json"
    store = FileTokenStore(path)
    path.write_bytes(SETTINGS)  # the path is reused by something else while the app runs
    before = snapshot(tmp_path)
    fetched: list[int] = []
    tokens = source(store, fetched)
    with caplog.at_level(logging.WARNING, logger="grantwire.tokens"):
        for _ in range(3):
            with pytest.raises(NotATokenFile, match="is not a grantwire token file"):
                tokens.token()
        with pytest.raises(NotATokenFile):
            store.save(TOKEN)
    assert fetched == []  # nothing was asked of the vendor with nowhere to keep the answer
    assert [record.getMessage() for record in caplog.records if "refused" in record.getMessage()] == [
        f"token file refused: {path} is not a grantwire token file (no '{FORMAT}' format marker); "
        "it was left untouched: give the store a path of its own"
    ]
    assert snapshot(tmp_path) == before


def test_a_directory_where_the_file_belongs_is_refused(tmp_path: Path) -> None:
    (tmp_path / "token.json").mkdir()
    before = snapshot(tmp_path)
    with pytest.raises(NotATokenFile, match="is a directory"):
        FileTokenStore(tmp_path / "token.json")
    assert snapshot(tmp_path) == before


def test_a_path_inside_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "config").write_bytes(SETTINGS)
    before = snapshot(tmp_path)
    with pytest.raises(NotATokenFile, match="is inside a file, not a folder"):
        FileTokenStore(tmp_path / "config" / "token.json")
    assert snapshot(tmp_path) == before


@pytest.mark.parametrize("path", ["", "   "])
def test_an_empty_path_is_refused(path: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(NotATokenFile, match="is empty"):
        FileTokenStore(path)
    assert snapshot(tmp_path) == {}


@pytest.mark.parametrize("path", [None, 42, b"/tmp/token.json", ["token.json"]])
def test_a_path_of_the_wrong_type_is_a_type_error(path: object) -> None:
    expected = rf"^FileTokenStore path must be a str or os.PathLike, got {type(path).__name__}$"
    with pytest.raises(TypeError, match=expected):
        FileTokenStore(path)  # type: ignore[arg-type]


def test_the_store_writes_its_format_marker(tmp_path: Path) -> None:
    store = FileTokenStore(tmp_path / "token.json")
    store.save(TOKEN)
    written = json.loads(store.path.read_bytes())
    assert written["format"] == FORMAT
    assert written["token"]["access_token"] == "at-SECRET-1"
    assert FileTokenStore(store.path).load() == TOKEN


def test_a_file_of_the_previous_version_is_read_and_rewritten_with_the_marker(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_text(TOKEN.to_json())  # exactly what 0.1.0 wrote: the bare token object
    store = FileTokenStore(path)
    assert store.load() == TOKEN
    newer = AccessToken("at-SECRET-2", 4_000_000_100.0)
    assert store.compare_and_save(TOKEN, newer)
    assert json.loads(path.read_bytes())["format"] == FORMAT
    assert store.load() == newer


def test_an_empty_file_is_an_empty_store(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.touch()
    store = FileTokenStore(path)
    assert store.load() is None
    store.save(TOKEN)
    assert store.load() == TOKEN


def test_an_unreadable_file_is_store_unavailable_naming_it_and_untouched(tmp_path: Path) -> None:
    # A symbolic link to itself cannot be read, even by root (who reads any mode 000 file).
    path = tmp_path / "token.json"
    path.symlink_to(path)
    before = snapshot(tmp_path)
    store = FileTokenStore(path)  # perhaps readable later: reported when the store is used
    expected = rf"^cannot read the token file {path}: Too many levels of symbolic links$"
    with pytest.raises(StoreUnavailable, match=expected):
        store.load()
    with pytest.raises(StoreUnavailable):
        store.save(TOKEN)
    assert snapshot(tmp_path) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a mode 000 file (the symbolic link case runs as root)")
def test_a_file_without_read_permission_is_store_unavailable_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "token.json"
    path.write_bytes(SETTINGS)
    path.chmod(0o000)
    before = snapshot(tmp_path)
    store = FileTokenStore(path)
    with pytest.raises(StoreUnavailable, match=r"Permission denied"):
        store.load()
    assert snapshot(tmp_path) == before
