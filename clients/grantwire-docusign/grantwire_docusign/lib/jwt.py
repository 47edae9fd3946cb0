"""Docusign JWT grant assertions, signed RS256 (``pip install 'grantwire-docusign[jwt]'``).

    assertion = JWTAssertion(integration_key, user_id, private_key_pem, environment="developer")
    source = DocusignTokenSource(client, lambda: JWTGrant(assertion=assertion()))

Claims, as Docusign documents them: ``iss`` integration key, ``sub`` user id, ``aud`` the OAuth
host of the environment without scheme, ``iat``, ``exp`` (at most one hour later) and ``scope``.
Signing is ``grantwire_core.vendor_kit.jwt``'s.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from grantwire_core.vendor_kit.jwt import MAX_LIFETIME, check_key, check_lifetime, pyjwt, sign

from .tokens import DEFAULT_SCOPES, DEVELOPER_HOST, PRODUCTION_HOST

OAUTH_HOSTS = {"developer": DEVELOPER_HOST, "production": PRODUCTION_HOST}
_EXTRA = "grantwire-docusign[jwt]"


@dataclass(frozen=True)
class JWTAssertion:
    """Makes a freshly signed assertion on every call."""

    integration_key: str
    """The integration key: the assertion's ``iss``."""
    user_id: str
    """The user to act for: the assertion's ``sub``."""
    private_key: str | bytes = field(repr=False)
    """The integration's RSA private key, PEM (never in a repr)."""
    environment: Literal["developer", "production"] = "developer"
    """Which account server the assertion is for (its ``aud``)."""
    scopes: tuple[str, ...] = DEFAULT_SCOPES
    """The scopes asked for."""
    lifetime: int = MAX_LIFETIME
    """Seconds from ``iat`` to ``exp`` (at most 3600)."""
    clock: Callable[[], float] = field(default=time.time, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.environment not in OAUTH_HOSTS:
            raise ValueError(f"environment must be one of {', '.join(OAUTH_HOSTS)}, got {self.environment!r}")
        check_lifetime(self.lifetime)
        pyjwt(_EXTRA)
        check_key(self.private_key, "RS256", "private_key")

    @property
    def audience(self) -> str:
        """The account server's host: ``account-d.docusign.com`` or ``account.docusign.com``."""
        return OAUTH_HOSTS[self.environment]

    def claims(self) -> dict[str, Any]:
        """The claims of a new assertion: ``iss``, ``sub``, ``aud``, ``iat``, ``exp`` and ``scope``."""
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
        return sign(self.claims(), self.private_key, "RS256", extra=_EXTRA)


__all__ = ["MAX_LIFETIME", "OAUTH_HOSTS", "JWTAssertion"]
