"""RingCentral access tokens that look after themselves: ``RingCentralTokenSource``::

    source = RingCentralTokenSource(Client(base_url=..., httpx_args={"auth": BasicAuth(id, secret)}),
                                    JWTBearerGrant(assertion=jwt))
    http = httpx.Client(base_url="https://platform.ringcentral.com", auth=source)

RingCentral returns a refresh token with every grant but client credentials, so renewals use
it; when it has expired the original grant is repeated, unless that grant was single-use.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeAlias

from grantwire_core.errors import TokenUnavailable
from grantwire_core.tokens.endpoint import TokenEndpoint
from grantwire_core.tokens.sources import GrantTokenSource
from grantwire_core.tokens.store import AccessToken, MemoryTokenStore, TokenStore

from ..api.tokens import get_token
from ..client import AuthenticatedClient, Client
from ..types import UNSET, Unset

if TYPE_CHECKING:
    # Annotations only: a token call imports the models it sends and receives, not every variant.
    from ..models import GetTokenRequest, TokenInfo

Grant: TypeAlias = "GetTokenRequest | Callable[[], GetTokenRequest]"
"""A grant, or a function that makes one for each token request (to sign a fresh assertion)."""


class RingCentralTokenEndpoint(TokenEndpoint["GetTokenRequest", "TokenInfo"]):
    """``POST /restapi/oauth/token`` on ``client``, as a token source sees it. The client
    authenticates as the app (``httpx_args={"auth": BasicAuth(id, secret)}``) or in each grant."""

    def __init__(self, client: Client | AuthenticatedClient) -> None:
        self.client = client

    def __repr__(self) -> str:
        return f"RingCentralTokenEndpoint(base_url={self.client.base_url!r})"

    def send(self, request: GetTokenRequest) -> TokenInfo:
        """The token request ``request``, sent."""
        return get_token.sync(client=self.client, body=request)

    async def asend(self, request: GetTokenRequest) -> TokenInfo:
        """``send`` on the event loop."""
        return await get_token.asyncio(client=self.client, body=request)

    def parse(self, answer: TokenInfo, now: float) -> AccessToken:
        """The token of ``answer``; its lifetimes count from ``now``."""
        lifetime = answer.refresh_token_expires_in
        return AccessToken(
            access_token=answer.access_token,
            expires_at=now + answer.expires_in,
            refresh_token=None if isinstance(answer.refresh_token, Unset) else answer.refresh_token,
            refresh_expires_at=None if isinstance(lifetime, Unset) else now + lifetime,
            token_type="Bearer",
            scope=answer.scope,
        )

    def refresh_request(self, refresh_token: str, grant: GetTokenRequest) -> GetTokenRequest:
        """A ``refresh_token`` grant that authenticates as ``grant`` does: a public client by its
        ``client_id`` in the body, a private_key_jwt/client_secret_jwt client by a fresh assertion."""
        from ..models import RefreshTokenGrant  # imported with the first refresh, not with the source

        return RefreshTokenGrant(
            refresh_token=refresh_token,
            client_id=getattr(grant, "client_id", UNSET),
            client_assertion_type=getattr(grant, "client_assertion_type", UNSET),
            client_assertion=getattr(grant, "client_assertion", UNSET),
        )


class RingCentralTokenSource(GrantTokenSource["GetTokenRequest", "TokenInfo"]):
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
        super().__init__(grant, endpoint=RingCentralTokenEndpoint(client), skew=skew, clock=clock, store=store)


__all__ = [
    "AccessToken",
    "MemoryTokenStore",
    "RingCentralTokenEndpoint",
    "RingCentralTokenSource",
    "TokenStore",
    "TokenUnavailable",
]
