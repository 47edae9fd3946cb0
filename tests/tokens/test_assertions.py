"""Assertion builders sign with the caller's key and carry exactly the documented claims."""

from __future__ import annotations

import builtins
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from grantwire_core._internal.http import httpx
from grantwire_docusign import Client as DocusignClient
from grantwire_docusign.jwt import JWTAssertion
from grantwire_docusign.models import JWTGrant
from grantwire_docusign.tokens import ConsentRequired, DocusignTokenSource
from grantwire_ringcentral.jwt import TOKEN_URL, ClientAssertion

NOW = 1_700_000_000


@pytest.fixture(scope="module")
def rsa_key() -> tuple[bytes, bytes]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public


@pytest.mark.parametrize(
    ("environment", "host"), [("developer", "account-d.docusign.com"), ("production", "account.docusign.com")]
)
def test_docusign_assertion_verifies_and_carries_exactly_the_documented_claims(
    rsa_key: tuple[bytes, bytes], environment: Any, host: str
) -> None:
    private, public = rsa_key
    assertion = JWTAssertion("integration-key", "user-guid", private, environment=environment, clock=lambda: NOW)

    token = assertion()

    assert jwt.get_unverified_header(token)["alg"] == "RS256"
    claims = jwt.decode(token, public, algorithms=["RS256"], audience=host, options={"verify_exp": False})
    assert claims == {
        "iss": "integration-key",
        "sub": "user-guid",
        "aud": host,
        "iat": NOW,
        "exp": NOW + 3600,
        "scope": "signature impersonation",
    }


def test_docusign_assertion_lifetime_is_at_most_an_hour(rsa_key: tuple[bytes, bytes]) -> None:
    with pytest.raises(ValueError, match="lifetime must be 1 to 3600 seconds, got 3601"):
        JWTAssertion("k", "u", rsa_key[0], lifetime=3601)
    with pytest.raises(ValueError, match="environment must be one of developer, production"):
        JWTAssertion("k", "u", rsa_key[0], environment="staging")  # type: ignore[arg-type]


def test_docusign_assertion_does_not_show_the_key(rsa_key: tuple[bytes, bytes]) -> None:
    assert "PRIVATE KEY" not in repr(JWTAssertion("k", "u", rsa_key[0]))


def test_ringcentral_private_key_jwt(rsa_key: tuple[bytes, bytes]) -> None:
    private, public = rsa_key
    assertion = ClientAssertion("client-id", private, clock=lambda: NOW)

    first, second = assertion(), assertion()

    claims = jwt.decode(first, public, algorithms=["RS256"], audience=TOKEN_URL, options={"verify_exp": False})
    assert set(claims) == {"iss", "sub", "aud", "jti", "iat", "exp"}
    assert claims["iss"] == claims["sub"] == "client-id"
    assert claims["aud"] == "https://platform.ringcentral.com/restapi/oauth/token"
    assert (claims["iat"], claims["exp"]) == (NOW, NOW + 300)
    other = jwt.decode(second, public, algorithms=["RS256"], audience=TOKEN_URL, options={"verify_exp": False})
    assert claims["jti"] != other["jti"]


def test_ringcentral_client_secret_jwt() -> None:
    secret = "client-secret-of-at-least-32-bytes-long"
    token = ClientAssertion("client-id", secret, algorithm="HS256", clock=lambda: NOW)()
    claims = jwt.decode(token, secret, algorithms=["HS256"], audience=TOKEN_URL, options={"verify_exp": False})
    assert claims["iss"] == "client-id"
    with pytest.raises(jwt.InvalidSignatureError):
        jwt.decode(token, "another-secret-of-at-least-32-bytes", algorithms=["HS256"], audience=TOKEN_URL)


def test_a_missing_jwt_extra_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def without_pyjwt(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "jwt":
            raise ImportError("No module named 'jwt'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_pyjwt)
    with pytest.raises(ImportError, match=r"pip install 'grantwire-docusign\[jwt\]'"):
        JWTAssertion("k", "u", b"key")
    with pytest.raises(ImportError, match=r"pip install 'grantwire-ringcentral\[jwt\]'"):
        ClientAssertion("c", b"key")


def test_consent_required_carries_the_consent_url(rsa_key: tuple[bytes, bytes]) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(400, json={"error": "consent_required"}))
    client = DocusignClient(base_url="https://account-d.docusign.com", httpx_args={"transport": transport})
    assertion = JWTAssertion("integration-key", "user-guid", rsa_key[0])
    tokens = DocusignTokenSource(
        client,
        lambda: JWTGrant(assertion=assertion()),
        integration_key="integration-key",
        redirect_uri="https://app.example/callback",
    )
    with pytest.raises(ConsentRequired) as raised:
        tokens.token()
    assert raised.value.consent_url == (
        "https://account-d.docusign.com/oauth/auth?response_type=code&scope=signature+impersonation"
        "&client_id=integration-key&redirect_uri=https%3A%2F%2Fapp.example%2Fcallback"
    )


def test_each_docusign_renewal_signs_a_fresh_assertion(rsa_key: tuple[bytes, bytes]) -> None:
    sent: list[str] = []
    clock = [float(NOW)]

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(dict(httpx.QueryParams(request.read().decode()))["assertion"])
        return httpx.Response(200, json={"access_token": f"at-{len(sent)}", "token_type": "Bearer", "expires_in": 3600})

    client = DocusignClient(
        base_url="https://account-d.docusign.com", httpx_args={"transport": httpx.MockTransport(answer)}
    )
    assertion = JWTAssertion("k", "u", rsa_key[0], clock=lambda: clock[0])
    tokens = DocusignTokenSource(client, lambda: JWTGrant(assertion=assertion()), clock=lambda: clock[0])
    tokens.token()
    clock[0] += 3600
    assert tokens.token().access_token == "at-2"
    assert len(set(sent)) == 2
