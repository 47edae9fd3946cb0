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


def _access_token(response: TokenResponse, now: float) -> AccessToken:
    refresh = None if isinstance(response.refresh_token, Unset) else response.refresh_token
    return AccessToken(response.access_token, now + response.expires_in, refresh, None, "Bearer")


def _refresh_grant(refresh_token: str, grant: TokenRequest) -> TokenRequest:
    from ..models import RefreshTokenGrant  # imported with the first refresh, not with the source

    return RefreshTokenGrant(refresh_token=refresh_token, client_id=getattr(grant, "client_id", UNSET))


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
        base = urlsplit(client.base_url)
        oauth_base = f"{base.scheme}://{base.netloc.rpartition('@')[2]}" if base.netloc else DEVELOPER_HOST

        def explain(error: APIStatusError, body: TokenRequest) -> Exception | None:
            if error.error == "consent_required" and integration_key and redirect_uri:
                scopes = requested_scopes(body) or DEFAULT_SCOPES
                return ConsentRequired(consent_url(integration_key, redirect_uri, oauth_host=oauth_base, scopes=scopes))
            return None

        async def acall(body: TokenRequest) -> TokenResponse:
            return await get_token.asyncio(client=client, body=body)

        super().__init__(
            grant,
            call=lambda body: get_token.sync(client=client, body=body),
            acall=acall,
            to_token=_access_token,
            refresh_grant=_refresh_grant,
            explain=explain,
            skew=skew,
            clock=clock,
            store=store,
        )


__all__ = [
    "AccessToken",
    "ConsentRequired",
    "DocusignTokenSource",
    "MemoryTokenStore",
    "TokenStore",
    "TokenUnavailable",
    "consent_url",
    "requested_scopes",
]
