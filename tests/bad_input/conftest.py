"""Keys for the bad-input sweep: a real RSA key, and the wrong kinds of key a person may give."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tests.keys import new_rsa_key


@dataclass(frozen=True)
class Keys:
    rsa_private: bytes
    rsa_public: bytes
    ec_private: bytes
    encrypted: bytes


@pytest.fixture(scope="session")
def keys() -> Keys:
    private, public = new_rsa_key()
    loaded = serialization.load_pem_private_key(private, password=None)
    ec_key = ec.generate_private_key(ec.SECP256R1())
    pkcs8 = serialization.PrivateFormat.PKCS8
    return Keys(
        rsa_private=private,
        rsa_public=public.encode(),
        ec_private=ec_key.private_bytes(serialization.Encoding.PEM, pkcs8, serialization.NoEncryption()),
        encrypted=loaded.private_bytes(
            serialization.Encoding.PEM, pkcs8, serialization.BestAvailableEncryption(b"passphrase")
        ),
    )
