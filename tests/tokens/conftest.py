"""Fixtures for the token tests: a real authorization server (Authlib's) on loopback, and keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from tests.authserver.server import RegisteredClient, TestAuthorizationServer

CLIENT_ID = "grantwire-app"
CLIENT_SECRET = "s3cret-of-the-app"


@dataclass(frozen=True)
class KeyPair:
    private_pem: bytes
    public_pem: str


@pytest.fixture(scope="session")
def rsa_keys() -> KeyPair:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return KeyPair(private, public.decode())


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
