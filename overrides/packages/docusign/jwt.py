"""Docusign JWT grant assertions, signed RS256 with PyJWT (``pip install 'grantwire-docusign[jwt]'``).

    assertion = JWTAssertion(integration_key, user_id, private_key_pem, environment="developer")
    source = DocusignTokenSource(client, lambda: JWTGrant(assertion=assertion()))

Claims, as Docusign documents them: ``iss`` integration key, ``sub`` user id, ``aud`` the OAuth
host of the environment without scheme, ``iat``, ``exp`` (at most one hour later) and ``scope``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from .tokens import DEFAULT_SCOPES, DEVELOPER_HOST, PRODUCTION_HOST

MAX_LIFETIME = 3600
OAUTH_HOSTS = {"developer": DEVELOPER_HOST, "production": PRODUCTION_HOST}


def _pyjwt() -> Any:
    try:
        import jwt  # an optional dependency: imported when first needed
    except ImportError:
        raise ImportError(
            "grantwire_docusign.jwt signs with PyJWT and cryptography: pip install 'grantwire-docusign[jwt]'"
        ) from None
    return jwt


@dataclass(frozen=True)
class JWTAssertion:
    """Makes a freshly signed assertion on every call."""

    integration_key: str
    user_id: str
    private_key: str | bytes = field(repr=False)
    environment: Literal["developer", "production"] = "developer"
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    lifetime: int = MAX_LIFETIME
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.environment not in OAUTH_HOSTS:
            raise ValueError(f"environment must be one of {', '.join(OAUTH_HOSTS)}, got {self.environment!r}")
        if not 0 < self.lifetime <= MAX_LIFETIME:
            raise ValueError(f"lifetime must be 1 to {MAX_LIFETIME} seconds, got {self.lifetime!r}")
        _pyjwt()

    @property
    def audience(self) -> str:
        return OAUTH_HOSTS[self.environment]

    def claims(self) -> dict[str, Any]:
        now = int(self.clock())
        return {
            "iss": self.integration_key,
            "sub": self.user_id,
            "aud": self.audience,
            "iat": now,
            "exp": now + self.lifetime,
            "scope": " ".join(self.scopes),
        }

    def __call__(self) -> str:
        token: str = _pyjwt().encode(self.claims(), self.private_key, algorithm="RS256")
        return token


__all__ = ["MAX_LIFETIME", "OAUTH_HOSTS", "JWTAssertion"]
