"""Assertion builders swept: a key that cannot sign is refused when the builder is made, naming
the argument, never the key; PyJWT is never reached with it."""

from __future__ import annotations

import pytest
from grantwire_core.errors import ConfigurationError
from grantwire_docusign.jwt import JWTAssertion
from grantwire_ringcentral.jwt import ClientAssertion

from tests.bad_input.conftest import Keys

SECRET = "pa55-SECRET-key"


@pytest.mark.parametrize(
    ("key", "message"),
    [
        (b"", "key is empty"),
        (SECRET, "key is not an unencrypted RSA private key in PEM form"),
        ("public", "key is not an unencrypted RSA private key in PEM form"),
        ("encrypted", "key is not an unencrypted RSA private key in PEM form"),
        ("ec", "key is a private key, but not an RSA one (RS256 signs with RSA)"),
    ],
    ids=["empty", "not-pem", "public", "encrypted", "ec"],
)
def test_an_rs256_client_assertion_refuses_a_key_it_cannot_sign_with(
    key: str | bytes, message: str, keys: Keys
) -> None:
    given = {"public": keys.rsa_public, "encrypted": keys.encrypted, "ec": keys.ec_private}.get(str(key), key)
    with pytest.raises(ConfigurationError) as raised:
        ClientAssertion("app", given)
    assert str(raised.value).startswith(message)
    assert raised.value.variable == "key"
    assert SECRET not in str(raised.value)


def test_an_hs256_client_assertion_refuses_an_empty_secret_and_a_wrong_type() -> None:
    with pytest.raises(ConfigurationError, match=r"^key is empty$"):
        ClientAssertion("app", "  ", "HS256")
    with pytest.raises(TypeError, match=r"^key must be str or bytes, got NoneType$"):
        ClientAssertion("app", None, "HS256")  # type: ignore[arg-type]


def test_a_docusign_assertion_refuses_a_public_key(keys: Keys) -> None:
    with pytest.raises(ConfigurationError, match=r"^private_key is not an unencrypted RSA private key"):
        JWTAssertion("ik", "user", keys.rsa_public)


def test_good_keys_still_sign(keys: Keys) -> None:
    assert ClientAssertion("app", keys.rsa_private)().count(".") == 2
    assert ClientAssertion("app", "a-long-enough-shared-secret-of-32b", "HS256")().count(".") == 2
    assert JWTAssertion("ik", "user", keys.rsa_private)().count(".") == 2
