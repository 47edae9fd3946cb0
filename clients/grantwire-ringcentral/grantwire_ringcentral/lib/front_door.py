"""RingCentral in one line: ``RingCentral.from_env()``, a token, an authenticated HTTP client.

    with RingCentral.from_env() as rc:              # RC_APP_CLIENT_ID, RC_APP_CLIENT_SECRET,
        api = rc.http()                             # RC_SERVER_URL, RC_USER_JWT
        api.get("/restapi/v1.0/account/~/extension/~")

The variables are the official SDK samples' own. The JWT credential is the user's (made in the
developer console; RingCentral signs it, the app does not), sent as the JWT bearer grant; renewals
use the refresh token, and repeat the JWT grant when that has expired.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

from grantwire_core.tokens.store import TokenStore
from grantwire_core.vendor_kit.authorization import AuthorizationRequest, authorization_request
from grantwire_core.vendor_kit.front_door import (
    FrontDoor,
    optional_text,
    redirect_uri_argument,
    required_text,
    with_basic_auth,
)
from grantwire_core.vendor_kit.settings import checked_environment, choice_or_url, optional, required

from ..client import Client
from ..types import Unset
from .tokens import RingCentralTokenSource

if TYPE_CHECKING:
    from ..models import GetTokenRequest

#: The named environments of the spec's ``servers``.
ENVIRONMENTS = {
    "production": "https://platform.ringcentral.com",
    "sandbox": "https://platform.devtest.ringcentral.com",
}


class RingCentral(FrontDoor):
    """RingCentral's API for one app and one user.

    ``server`` is ``"production"``, ``"sandbox"`` or a URL. Give ``jwt`` (the user's JWT credential)
    or any ``grant`` of ``grantwire_ringcentral.models`` (or a factory of fresh ones). A confidential
    app authenticates with ``client_secret`` (HTTP Basic, as the official SDK does); a public app
    leaves it out and sends ``client_id`` in the body.
    """

    VARIABLES: ClassVar[Mapping[str, str]] = {
        "RC_APP_CLIENT_ID": "the app's client id (required)",
        "RC_APP_CLIENT_SECRET": "the app's client secret (absent for a public app)",
        "RC_SERVER_URL": "production (default), sandbox, or a URL",
        "RC_USER_JWT": "the user's JWT credential (required)",
    }

    def __init__(
        self,
        client_id: str,
        client_secret: str | None = None,
        *,
        jwt: str | None = None,
        grant: GetTokenRequest | None = None,
        server: str = "production",
        store: TokenStore | None = None,
        **client_settings: Any,
    ) -> None:
        if (jwt is None) == (grant is None):
            raise ValueError("give exactly one of jwt= (the user's JWT credential) and grant=")
        # Checked as from_env() checks its variables, before anything is built.
        required_text(client_id, "client_id")
        client_secret = optional_text(client_secret, "client_secret")
        if jwt is not None:
            required_text(jwt, "jwt")
        self.server = checked_environment(server, "server", ENVIRONMENTS)
        # A confidential app authenticates with HTTP Basic; a public one names itself in the body.
        self._public_id = None if client_secret else client_id
        settings = with_basic_auth(client_settings, client_id, client_secret) if client_secret else client_settings
        oauth = self._client = Client(self.server, **settings)
        if grant is None:
            from ..models import JWTBearerGrant

            grant = JWTBearerGrant(grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer", assertion=jwt or "")
        if self._public_id is not None and isinstance(getattr(grant, "client_id", None), Unset):
            grant.client_id = self._public_id
        super().__init__(oauth, RingCentralTokenSource(oauth, grant, store=store))

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, store: TokenStore | None = None, **client_settings: Any
    ) -> RingCentral:
        """From ``RC_APP_CLIENT_ID``, ``RC_APP_CLIENT_SECRET`` (absent for a public app),
        ``RC_SERVER_URL`` (a URL, ``production`` or ``sandbox``; default production) and
        ``RC_USER_JWT``. A missing or malformed one raises ``ConfigurationError`` naming it."""
        env = os.environ if environ is None else environ
        return cls(
            required(env, "RC_APP_CLIENT_ID", "the app's client id"),
            optional(env, "RC_APP_CLIENT_SECRET"),
            jwt=required(env, "RC_USER_JWT", "the user's JWT credential"),
            server=choice_or_url(env, "RC_SERVER_URL", ENVIRONMENTS, "production"),
            store=store,
            **client_settings,
        )

    @staticmethod
    def authorization_request(
        client_id: str, redirect_uri: str, *, server: str = "production", scope: str | None = None, **extra: str
    ) -> AuthorizationRequest:
        """The authorization-code flow's first half: the ``/restapi/oauth/authorize`` URL to send the
        user to, with ``state`` and a PKCE S256 challenge. Keep the request (server side) for
        ``from_redirect``."""
        base = checked_environment(server, "server", ENVIRONMENTS)
        required_text(client_id, "client_id")
        redirect_uri_argument(redirect_uri)
        return authorization_request(
            f"{base}/restapi/oauth/authorize", client_id=client_id, redirect_uri=redirect_uri, scope=scope, **extra
        )

    @classmethod
    def from_redirect(
        cls,
        client_id: str,
        client_secret: str | None,
        request: AuthorizationRequest,
        redirect: str,
        *,
        server: str = "production",
        store: TokenStore | None = None,
        **client_settings: Any,
    ) -> RingCentral:
        """The second half: the code from ``redirect`` (checked against ``request``'s state) is
        exchanged, with the verifier, on the first ``token()``; renewals use the refresh token."""
        from ..models import AuthorizationCodeGrant

        grant = AuthorizationCodeGrant(
            code=request.code_from(required_text(redirect, "redirect")),
            redirect_uri=request.redirect_uri,
            code_verifier=request.code_verifier,
        )
        return cls(client_id, client_secret, grant=grant, server=server, store=store, **client_settings)

    def revoke(self) -> None:
        """End the session (``POST /restapi/oauth/revoke``, RFC 7009): its access and refresh tokens
        stop working, and the token source forgets them (in its store too). Nothing to revoke: no-op."""
        from ..api.tokens import revoke_token
        from ..models import RevokeTokenRequest

        current = self.tokens.current()
        if current is None:
            return
        body = RevokeTokenRequest(token=current.access_token)
        if self._public_id is not None:
            body.client_id = self._public_id
        revoke_token.sync(client=self._client, body=body)
        self.tokens.forget()

    def api_base_url(self) -> str:
        return self.server


__all__ = ["ENVIRONMENTS", "RingCentral"]
