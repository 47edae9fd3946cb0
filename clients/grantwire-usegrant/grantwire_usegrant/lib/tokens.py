"""useGrant access tokens that look after themselves: ``UseGrantTokenSource``.

useGrant issues no refresh tokens: a token is renewed by creating a new one, ``skew`` seconds
before ``expiresAt``.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from uuid import UUID

from grantwire_core.errors import TokenUnavailable
from grantwire_core.tokens.endpoint import TokenEndpoint
from grantwire_core.tokens.sources import GrantTokenSource
from grantwire_core.tokens.store import AccessToken, MemoryTokenStore, TokenStore

from ..api.tokens import create_token
from ..client import AuthenticatedClient
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models import CreateTokenRequest, Token


class UseGrantTokenEndpoint(TokenEndpoint["CreateTokenRequest | Unset", "Token"]):
    """``POST /v1/providers/{providerId}/clients/{clientId}/tokens`` on ``client``, as a token
    source sees it. useGrant issues no refresh tokens: a token is renewed by creating a new one."""

    refreshes = False
    """useGrant issues no refresh tokens."""

    def __init__(self, client: AuthenticatedClient, provider_id: UUID, client_id: UUID) -> None:
        self.client = client
        self.provider_id = provider_id
        self.client_id = client_id

    def __repr__(self) -> str:
        return f"UseGrantTokenEndpoint(provider_id={self.provider_id!r}, client_id={self.client_id!r})"

    def send(self, request: CreateTokenRequest | Unset) -> Token:
        """A new token, created with the options ``request``."""
        return create_token.sync(self.provider_id, self.client_id, client=self.client, body=request)

    async def asend(self, request: CreateTokenRequest | Unset) -> Token:
        """``send`` on the event loop."""
        return await create_token.asyncio(self.provider_id, self.client_id, client=self.client, body=request)

    def parse(self, answer: Token, now: float) -> AccessToken:
        """The token of ``answer``, until its ``expiresAt`` (``now`` is not needed: the time is absolute)."""
        return AccessToken(answer.access_token, answer.expires_at.timestamp(), None, None, answer.type_)

    def refresh_request(self, refresh_token: str, grant: CreateTokenRequest | Unset) -> CreateTokenRequest | Unset:
        """Never called (``refreshes`` is False): useGrant has no refresh grant."""
        raise NotImplementedError("useGrant issues no refresh tokens")


class UseGrantTokenSource(GrantTokenSource["CreateTokenRequest | Unset", "Token"]):
    """Tokens from ``POST /v1/providers/{providerId}/clients/{clientId}/tokens``, cached until
    ``skew`` seconds before their ``expiresAt``. ``clock`` must tell Unix time, like the default."""

    def __init__(
        self,
        client: AuthenticatedClient,
        provider_id: UUID,
        client_id: UUID,
        options: CreateTokenRequest | Unset = UNSET,
        *,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
    ) -> None:
        endpoint = UseGrantTokenEndpoint(client, provider_id, client_id)
        super().__init__(options, endpoint=endpoint, skew=skew, clock=clock, store=store)


__all__ = [
    "AccessToken",
    "MemoryTokenStore",
    "TokenStore",
    "TokenUnavailable",
    "UseGrantTokenEndpoint",
    "UseGrantTokenSource",
]
