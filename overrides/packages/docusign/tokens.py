"""Docusign access tokens that look after themselves: ``DocusignTokenSource``.

JWT grant (service integrations): every renewal signs a fresh assertion and repeats the grant
(Docusign returns no refresh token for it). Authorization code: the code is used once, then the
refresh token renews. A ``consent_required`` answer becomes ``ConsentRequired`` with the URL to open.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from urllib.parse import urlencode

import httpx

from ._tokens import AccessToken, MemoryTokenStore, TokenSource, TokenStore, TokenUnavailable
from .api.auth import get_token
from .client import AuthenticatedClient, Client
from .errors import GrantwireError, OAuthError
from .models import RefreshTokenGrant, TokenRequest, TokenResponse
from .types import UNSET, Unset

DEVELOPER_HOST = "account-d.docusign.com"
PRODUCTION_HOST = "account.docusign.com"
DEFAULT_SCOPES = ("signature", "impersonation")


class ConsentRequired(GrantwireError):
    """The user has not granted the integration consent yet: open ``consent_url`` once, as that
    user, then try again."""

    def __init__(self, consent_url: str) -> None:
        self.consent_url = consent_url
        super().__init__(f"consent_required: grant consent once at {consent_url}")


def consent_url(
    integration_key: str,
    redirect_uri: str,
    *,
    oauth_host: str = DEVELOPER_HOST,
    scopes: tuple[str, ...] = DEFAULT_SCOPES,
) -> str:
    """Where a user grants an integration consent (Docusign's individual consent flow)."""
    query = urlencode(
        {"response_type": "code", "scope": " ".join(scopes), "client_id": integration_key, "redirect_uri": redirect_uri}
    )
    return f"https://{oauth_host}/oauth/auth?{query}"


class DocusignTokenSource(TokenSource):
    """Tokens from ``POST /oauth/token``, cached and refreshed ``skew`` seconds early.

    ``grant`` is a grant, or a factory that makes a fresh one (``lambda: JWTGrant(assertion=
    assertion())``) for the JWT grant, whose assertions expire within the hour. Give
    ``integration_key`` and ``redirect_uri`` to get the consent URL on ``consent_required``.
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
        first = grant if not callable(grant) else None
        client_id: str | Unset = getattr(first, "client_id", UNSET)
        oauth_host = httpx.URL(str(client.get_httpx_client().base_url)).host or DEVELOPER_HOST

        def next_grant() -> TokenRequest:
            return grant() if callable(grant) else grant

        def to_token(response: TokenResponse) -> AccessToken:
            refresh = None if isinstance(response.refresh_token, Unset) else response.refresh_token
            return AccessToken(response.access_token, clock() + response.expires_in, refresh, None, "Bearer")

        def explain(error: OAuthError) -> Exception:
            if error.error == "consent_required" and integration_key and redirect_uri:
                return ConsentRequired(consent_url(integration_key, redirect_uri, oauth_host=oauth_host))
            return error

        def fetch() -> AccessToken:
            try:
                return to_token(get_token.sync(client=client, body=next_grant()))
            except OAuthError as error:
                raise explain(error) from error

        async def async_fetch() -> AccessToken:
            try:
                return to_token(await get_token.asyncio(client=client, body=next_grant()))
            except OAuthError as error:
                raise explain(error) from error

        def refresh(refresh_token: str) -> AccessToken:
            body = RefreshTokenGrant(refresh_token=refresh_token, client_id=client_id)
            return to_token(get_token.sync(client=client, body=body))

        async def async_refresh(refresh_token: str) -> AccessToken:
            body = RefreshTokenGrant(refresh_token=refresh_token, client_id=client_id)
            return to_token(await get_token.asyncio(client=client, body=body))

        super().__init__(
            fetch=fetch,
            async_fetch=async_fetch,
            refresh=refresh,
            async_refresh=async_refresh,
            skew=skew,
            clock=clock,
            store=store,
            single_use_grant=bool(getattr(first, "SINGLE_USE_CREDENTIAL", False)),
        )


__all__ = [
    "AccessToken",
    "ConsentRequired",
    "DocusignTokenSource",
    "MemoryTokenStore",
    "TokenStore",
    "TokenUnavailable",
    "consent_url",
]
