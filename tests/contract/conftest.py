"""One Prism mock server per spec, started on first use and stopped when the session ends."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.contract.prism import prism_mock
from tests.node_tools import ROOT, node_tool

PrismUrl = Callable[[str], str]


@pytest.fixture(scope="session")
def prism_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrismUrl]:
    """``prism_url("ringcentral")`` → the base URL of a Prism mocking specs/ringcentral.yaml."""
    prism = node_tool("prism")
    logs = tmp_path_factory.mktemp("prism")
    urls: dict[str, str] = {}
    with contextlib.ExitStack() as servers:

        def url_for(client: str) -> str:
            if client not in urls:
                spec = ROOT / "specs" / f"{client}.yaml"
                server = servers.enter_context(prism_mock(prism, spec, Path(logs / f"{client}.log")))
                urls[client] = server.url
            return urls[client]

        yield url_for
