"""Docusign access tokens that look after themselves: ``DocusignTokenSource``.

JWT grant (service integrations): every renewal signs a fresh assertion and repeats the grant
(Docusign returns no refresh token for it). Authorization code: the code is used once, then the
refresh token renews. A ``consent_required`` answer becomes ``ConsentRequired`` with the URL to open.
"""

from __future__ import annotations

import base64
import binascii
import json
import time
from collections.abc import Callable
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

from grantwire_core.errors import APIStatusError, ConsentRequired, TokenUnavailable
from grantwire_core.tokens.endpoint import TokenEndpoint
from grantwire_core.tokens.sources import GrantTokenSource
from grantwire_core.tokens.store import AccessToken, MemoryTokenStore, TokenStore

from ..api.tokens import get_token
from ..client import AuthenticatedClient, Client
from ..types import UNSET, Unset

if TYPE_CHECKING:
    # Annotations only: a token call imports the models it sends and receives, not every variant.
    from ..models import TokenRequest, TokenResponse

DEVELOPER_HOST = "account-d.docusign.com"
PRODUCTION_HOST = "account.docusign.com"
DEFAULT_SCOPES = ("signature", "impersonation")


def consent_url(
    integration_key: str,
    redirect_uri: str,
    *,
    oauth_host: str = DEVELOPER_HOST,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
) -> str:
    """Where a user grants an integration consent (Docusign's individual consent flow).

    ``oauth_host`` is a host (``account-d.docusign.com``, meaning HTTPS) or a base URL with its own
    scheme and port (``http://127.0.0.1:8080``).
    """
    query = urlencode(
        {"response_type": "code", "scope": " ".join(scopes), "client_id": integration_key, "redirect_uri": redirect_uri}
    )
    base = oauth_host.rstrip("/") if "://" in oauth_host else f"https://{oauth_host}"
    return f"{base}/oauth/auth?{query}"


def requested_scopes(grant: TokenRequest) -> tuple[str, ...] | None:
    """The scopes a JWT grant's assertion asks for (its ``scope`` claim), read without verifying it."""
    from ..models import JWTGrant  # imported when consent is needed, not with the token source

    if not isinstance(grant, JWTGrant):
        return None
    try:
        payload = grant.assertion.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError, binascii.Error):
        return None
    scope = claims.get("scope") if isinstance(claims, dict) else None
    return tuple(scope.split()) if isinstance(scope, str) and scope.strip() else None


class DocusignTokenEndpoint(TokenEndpoint["TokenRequest", "TokenResponse"]):
    """``POST /oauth/token`` on ``client``, as a token source sees it. Given ``integration_key`` and
    ``redirect_uri``, a ``consent_required`` answer becomes ``ConsentRequired`` with the URL where
    the user grants consent, for the scopes the assertion asked for, at the client's own host."""

    def __init__(
        self,
        client: Client | AuthenticatedClient,
        *,
        integration_key: str | None = None,
        redirect_uri: str | None = None,
    ) -> None:
        self.client = client
        self.integration_key = integration_key
        self.redirect_uri = redirect_uri
        base = urlsplit(client.base_url)
        #: Where consent is granted: the client's scheme and host, without user info.
        self.oauth_base = f"{base.scheme}://{base.netloc.rpartition('@')[2]}" if base.netloc else DEVELOPER_HOST

    def __repr__(self) -> str:
        return f"DocusignTokenEndpoint(oauth_base={self.oauth_base!r})"

    def send(self, request: TokenRequest) -> TokenResponse:
        """The token request ``request``, sent."""
        return get_token.sync(client=self.client, body=request)

    async def asend(self, request: TokenRequest) -> TokenResponse:
        """``send`` on the event loop."""
        return await get_token.asyncio(client=self.client, body=request)

    def parse(self, answer: TokenResponse, now: float) -> AccessToken:
        """The token of ``answer``; its lifetime counts from ``now``."""
        refresh = None if isinstance(answer.refresh_token, Unset) else answer.refresh_token
        return AccessToken(answer.access_token, now + answer.expires_in, refresh, None, "Bearer")

    def refresh_request(self, refresh_token: str, grant: TokenRequest) -> TokenRequest:
        """A ``refresh_token`` grant, with ``grant``'s ``client_id`` where it has one."""
        from ..models import RefreshTokenGrant  # imported with the first refresh, not with the source

        return RefreshTokenGrant(refresh_token=refresh_token, client_id=getattr(grant, "client_id", UNSET))

    def explain(self, error: APIStatusError, request: TokenRequest) -> Exception | None:
        """``ConsentRequired`` for a ``consent_required`` answer, when the consent URL can be built."""
        if error.error == "consent_required" and self.integration_key and self.redirect_uri:
            scopes = requested_scopes(request) or DEFAULT_SCOPES
            url = consent_url(self.integration_key, self.redirect_uri, oauth_host=self.oauth_base, scopes=scopes)
            return ConsentRequired(url)
        return None


class DocusignTokenSource(GrantTokenSource["TokenRequest", "TokenResponse"]):
    """Tokens from ``POST /oauth/token``, cached and refreshed ``skew`` seconds early.

    ``grant`` is a grant, or a factory that makes a fresh one (``lambda: JWTGrant(assertion=
    assertion())``) for the JWT grant, whose assertions expire within the hour. Give
    ``integration_key`` and ``redirect_uri`` to get the consent URL on ``consent_required``; it asks
    for the scopes the assertion asks for, at the client's own base URL.
    """

    def __init__(
        self,
        client: Client | AuthenticatedClient,
        grant: TokenRequest | Callable[[], TokenRequest],
        *,
        integration_key: str | None = None,
        redirect_uri: str | None = None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
    ) -> None:
        endpoint = DocusignTokenEndpoint(client, integration_key=integration_key, redirect_uri=redirect_uri)
        super().__init__(grant, endpoint=endpoint, skew=skew, clock=clock, store=store)


__all__ = [
    "AccessToken",
    "ConsentRequired",
    "DocusignTokenEndpoint",
    "DocusignTokenSource",
    "MemoryTokenStore",
    "TokenStore",
    "TokenUnavailable",
    "consent_url",
    "requested_scopes",
]
