"""Signed JWTs for OAuth, with PyJWT (``pip install 'grantwire-core[jwt]'``, or a client's ``[jwt]`` extra).

``ClientAssertion`` makes RFC 7523 client assertions (``private_key_jwt`` with RS256,
``client_secret_jwt`` with HS256): ``iss`` = ``sub`` = client id, ``aud`` = the token endpoint URL,
a unique ``jti``, ``iat`` and a short ``exp``. ``sign`` is what the vendors' own assertion builders
(Docusign's JWT grant) use, so PyJWT is imported, and its absence explained, in one place.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ..errors import ConfigurationError, MissingExtra

ALGORITHMS = ("RS256", "HS256")
DEFAULT_LIFETIME = 300
MAX_LIFETIME = 3600


def pyjwt(extra: str = "grantwire-core[jwt]") -> Any:
    """PyJWT, imported when first needed; ``MissingExtra`` (an ``ImportError``) names ``extra``,
    what to install, when it or cryptography (which RS256 needs) is missing."""
    try:
        import jwt
        from jwt.algorithms import has_crypto
    except ImportError:
        has_crypto = False
    if not has_crypto:
        raise MissingExtra("signing assertions", f"pip install '{extra}' (PyJWT and cryptography)")
    return jwt


def check_key(key: object, algorithm: str, name: str) -> None:
    """Refuse a key that ``algorithm`` cannot sign with, here rather than inside PyJWT at the first
    token call: ``ConfigurationError`` naming ``name`` (never the key), ``TypeError`` for a key that
    is not text or bytes."""
    if not isinstance(key, str | bytes):
        raise TypeError(f"{name} must be str or bytes, got {type(key).__name__}")
    if not key.strip():
        raise ConfigurationError(name, "is empty")
    if algorithm != "RS256":
        return
    from cryptography.exceptions import UnsupportedAlgorithm
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    try:
        loaded = load_pem_private_key(key.encode() if isinstance(key, str) else key, password=None)
    except (ValueError, TypeError, UnsupportedAlgorithm):  # TypeError: a key encrypted with a password
        raise ConfigurationError(
            name, "is not an unencrypted RSA private key in PEM form (-----BEGIN PRIVATE KEY----- ...)"
        ) from None
    if not isinstance(loaded, RSAPrivateKey):
        raise ConfigurationError(name, "is a private key, but not an RSA one (RS256 signs with RSA)")


def sign(claims: Mapping[str, Any], key: str | bytes, algorithm: str, *, extra: str = "grantwire-core[jwt]") -> str:
    """``claims`` signed with ``key`` as a compact JWS (header ``{"alg": …, "typ": "JWT"}``)."""
    token: str = pyjwt(extra).encode(dict(claims), key, algorithm=algorithm)
    return token


def check_lifetime(lifetime: int, maximum: int = MAX_LIFETIME) -> None:
    """Refuse an assertion lifetime outside 1 to ``maximum`` seconds."""
    if isinstance(lifetime, bool) or not isinstance(lifetime, int) or not 0 < lifetime <= maximum:
        raise ValueError(f"lifetime must be 1 to {maximum} seconds, got {lifetime!r}")


@dataclass(frozen=True)
class ClientAssertion:
    """Makes a freshly signed client assertion (new ``jti``) on every call.

    assertion = ClientAssertion(client_id, private_key_pem, token_url=token_url)          # RS256
    assertion = ClientAssertion(client_id, client_secret, "HS256", token_url=token_url)   # HS256
    body = PasswordGrant(..., client_assertion=assertion())
    """

    client_id: str
    """The client's id: the assertion's ``iss`` and ``sub``."""
    key: str | bytes = field(repr=False)
    """A PEM private key (RS256) or the client secret (HS256); never in a repr."""
    algorithm: Literal["RS256", "HS256"] = "RS256"
    """``RS256`` for ``private_key_jwt``, ``HS256`` for ``client_secret_jwt``."""
    token_url: str = ""
    """The token endpoint's URL: the assertion's audience (``aud``)."""
    lifetime: int = DEFAULT_LIFETIME
    """Seconds from ``iat`` to ``exp``."""
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)
    #: What to install when PyJWT is missing (a client names its own extra).
    extra: str = field(default="grantwire-core[jwt]", repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"algorithm must be one of {', '.join(ALGORITHMS)}, got {self.algorithm!r}")
        if not self.token_url:
            raise ValueError("token_url is required: it is the assertion's audience (the token endpoint's URL)")
        check_lifetime(self.lifetime)
        pyjwt(self.extra)
        check_key(self.key, self.algorithm, "key")

    def claims(self) -> dict[str, Any]:
        """The claims of a new assertion: ``iss``, ``sub``, ``aud``, a unique ``jti``, ``iat``, ``exp``."""
        now = int(self.clock())
        return {
            "iss": self.client_id,
            "sub": self.client_id,
            "aud": self.token_url,
            "jti": str(uuid.uuid4()),
            "iat": now,
            "exp": now + self.lifetime,
        }

    def __call__(self) -> str:
        return sign(self.claims(), self.key, self.algorithm, extra=self.extra)


__all__ = [
    "ALGORITHMS",
    "DEFAULT_LIFETIME",
    "MAX_LIFETIME",
    "ClientAssertion",
    "check_key",
    "check_lifetime",
    "pyjwt",
    "sign",
]
