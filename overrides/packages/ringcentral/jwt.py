"""RFC 7523 client assertions for RingCentral's ``client_assertion`` fields, signed with PyJWT
(``pip install 'grantwire-ringcentral[jwt]'``).

    assertion = ClientAssertion(client_id, private_key_pem)            # private_key_jwt, RS256
    assertion = ClientAssertion(client_id, client_secret, "HS256")     # client_secret_jwt
    grant = PasswordGrant(username=..., password=..., client_assertion_type=JWT_BEARER,
                          client_assertion=assertion())

Claims (RFC 7523 §3): ``iss`` = ``sub`` = client id, ``aud`` = the token endpoint URL, a unique
``jti``, ``iat`` and a short ``exp``.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"
DEFAULT_LIFETIME = 300
ALGORITHMS = ("RS256", "HS256")


def _pyjwt() -> Any:
    try:
        import jwt  # an optional dependency: imported when first needed
    except ImportError:
        raise ImportError(
            "grantwire_ringcentral.jwt signs with PyJWT and cryptography: pip install 'grantwire-ringcentral[jwt]'"
        ) from None
    return jwt


@dataclass(frozen=True)
class ClientAssertion:
    """Makes a freshly signed client assertion (new ``jti``) on every call."""

    client_id: str
    key: str | bytes = field(repr=False)
    algorithm: Literal["RS256", "HS256"] = "RS256"
    token_url: str = TOKEN_URL
    lifetime: int = DEFAULT_LIFETIME
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.algorithm not in ALGORITHMS:
            raise ValueError(f"algorithm must be one of {', '.join(ALGORITHMS)}, got {self.algorithm!r}")
        if not 0 < self.lifetime <= 3600:
            raise ValueError(f"lifetime must be 1 to 3600 seconds, got {self.lifetime!r}")
        _pyjwt()

    def claims(self) -> dict[str, Any]:
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
        token: str = _pyjwt().encode(self.claims(), self.key, algorithm=self.algorithm)
        return token


__all__ = ["ALGORITHMS", "DEFAULT_LIFETIME", "TOKEN_URL", "ClientAssertion"]
