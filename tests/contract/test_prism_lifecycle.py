"""The Prism harness itself: servers are stopped whatever happens in the block that uses them."""

from __future__ import annotations

from pathlib import Path

import pytest
from grantwire_core._internal.http import httpx

from tests.contract.prism import group_alive, prism_mock
from tests.node_tools import ROOT, node_tool


class Boom(Exception):
    pass


def serve_then_raise(tmp_path: Path, error: BaseException, started: list[int]) -> None:
    with prism_mock(node_tool("prism"), ROOT / "specs" / "usegrant.yaml", tmp_path / "prism.log") as server:
        started.append(server.pid)
        assert httpx.get(server.url + "/nowhere").status_code == 404
        raise error


@pytest.mark.parametrize("error", [Boom(), KeyboardInterrupt()], ids=["failure", "keyboard-interrupt"])
def test_server_is_stopped_however_the_block_ends(tmp_path: Path, error: BaseException) -> None:
    started: list[int] = []
    with pytest.raises(type(error)):
        serve_then_raise(tmp_path, error, started)
    assert len(started) == 1
    assert not group_alive(started[0])
