"""Fixtures for the fleet tests: a real Redis server, and the Authlib authorization server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fleet.redis_server import RedisServer, running_redis


@pytest.fixture
def redis_server(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[RedisServer]:
    """A Redis server for the test; ``each_server`` runs the test against Valkey's too."""
    with running_redis(tmp_path, getattr(request, "param", "redis")) as server:
        yield server
