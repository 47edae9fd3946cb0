"""Fixtures for the token tests: a real authorization server (Authlib's) on loopback, and keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest

from tests.authserver.server import RegisteredClient, TestAuthorizationServer
from tests.keys import new_rsa_key

CLIENT_ID = "grantwire-app"
CLIENT_SECRET = "s3cret-of-the-app"


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_pem: str


@pytest.fixture(scope="session")
def rsa_keys() -> KeyPair:
    return KeyPair(*new_rsa_key())


@pytest.fixture
def auth_server() -> Iterator[TestAuthorizationServer]:
    """A rotating server (new refresh token on every refresh, reuse detection) with one confidential
    client (``client_secret_basic``), serving until the test ends."""
    server = TestAuthorizationServer()
    server.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET))
    with server.running():
        yield server


@pytest.fixture
def non_rotating_server() -> Iterator[TestAuthorizationServer]:
    """A server whose refresh answers carry no refresh token (RFC 6749 §6 allows it)."""
    server = TestAuthorizationServer(rotate_refresh_tokens=False)
    server.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET))
    with server.running():
        yield server
