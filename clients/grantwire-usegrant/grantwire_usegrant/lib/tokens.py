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
from grantwire_core.tokens.sources import GrantTokenSource
from grantwire_core.tokens.store import AccessToken, MemoryTokenStore, TokenStore

from ..api.tokens import create_token
from ..client import AuthenticatedClient
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models import CreateTokenRequest, Token


def _access_token(token: Token, now: float) -> AccessToken:
    return AccessToken(token.access_token, token.expires_at.timestamp(), None, None, token.type_)


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
        async def acall(body: CreateTokenRequest | Unset) -> Token:
            return await create_token.asyncio(provider_id, client_id, client=client, body=body)

        super().__init__(
            options,
            call=lambda body: create_token.sync(provider_id, client_id, client=client, body=body),
            acall=acall,
            to_token=_access_token,
            skew=skew,
            clock=clock,
            store=store,
        )


__all__ = ["AccessToken", "MemoryTokenStore", "TokenStore", "TokenUnavailable", "UseGrantTokenSource"]
