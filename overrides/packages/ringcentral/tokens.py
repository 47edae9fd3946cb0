"""RingCentral access tokens that look after themselves: ``RingCentralTokenSource``.

    source = RingCentralTokenSource(Client(base_url=..., httpx_args={"auth": BasicAuth(id, secret)}),
                                    JWTBearerGrant(grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer",
                                                   assertion=jwt))
    http = httpx.Client(base_url="https://platform.ringcentral.com", auth=source)

RingCentral returns a refresh token with every grant but client credentials, so renewals use
it; when it has expired the original grant is repeated, unless that grant was single-use.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ._tokens import AccessToken, MemoryTokenStore, TokenSource, TokenStore, TokenUnavailable
from .api.oauth import get_token
from .client import AuthenticatedClient, Client
from .models import GetTokenRequest, RefreshTokenGrant, TokenInfo
from .types import UNSET, Unset

Grant = GetTokenRequest | Callable[[], GetTokenRequest]


class RingCentralTokenSource(TokenSource):
    """Tokens from ``POST /restapi/oauth/token`` with ``grant`` (or a factory of fresh grants, for
    assertions that expire), cached and refreshed ``skew`` seconds before they expire."""

    def __init__(
        self,
        client: Client | AuthenticatedClient,
        grant: Grant,
        *,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
    ) -> None:
        def next_grant() -> GetTokenRequest:
            return grant() if callable(grant) else grant

        first = grant if not callable(grant) else None
        client_id: str | Unset = getattr(first, "client_id", UNSET)

        def to_token(info: TokenInfo) -> AccessToken:
            now = clock()
            lifetime = info.refresh_token_expires_in
            return AccessToken(
                access_token=info.access_token,
                expires_at=now + info.expires_in,
                refresh_token=None if isinstance(info.refresh_token, Unset) else info.refresh_token,
                refresh_expires_at=None if isinstance(lifetime, Unset) else now + lifetime,
                token_type="Bearer",
                scope=info.scope,
            )

        def refresh_grant(refresh_token: str) -> RefreshTokenGrant:
            # Public clients identify themselves in the body on refresh too.
            return RefreshTokenGrant(refresh_token=refresh_token, client_id=client_id)

        async def async_fetch() -> AccessToken:
            return to_token(await get_token.asyncio(client=client, body=next_grant()))

        async def async_refresh(refresh_token: str) -> AccessToken:
            return to_token(await get_token.asyncio(client=client, body=refresh_grant(refresh_token)))

        super().__init__(
            fetch=lambda: to_token(get_token.sync(client=client, body=next_grant())),
            async_fetch=async_fetch,
            refresh=lambda refresh_token: to_token(get_token.sync(client=client, body=refresh_grant(refresh_token))),
            async_refresh=async_refresh,
            skew=skew,
            clock=clock,
            store=store,
            single_use_grant=bool(getattr(first, "SINGLE_USE_CREDENTIAL", False)),
        )


__all__ = ["AccessToken", "MemoryTokenStore", "RingCentralTokenSource", "TokenStore", "TokenUnavailable"]
