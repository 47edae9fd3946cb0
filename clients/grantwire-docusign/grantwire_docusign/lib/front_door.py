"""Docusign in one line: ``Docusign.from_env()``, a token, the user's account, an HTTP client for it.

    with Docusign.from_env() as ds:                 # DOCUSIGN_INTEGRATION_KEY, DOCUSIGN_USER_ID,
        esign = ds.http()                           # DOCUSIGN_PRIVATE_KEY_FILE, DOCUSIGN_ENVIRONMENT
        esign.get(f"/v2.1/accounts/{ds.default_account().account_id}/envelopes", params=...)

JWT grant (service integrations, ``pip install 'grantwire-docusign[jwt]'``): every renewal signs a
fresh assertion. ``http()`` points at the default account's ``base_uri`` + ``/restapi``, read once
from the user-info endpoint, the base URL every eSignature call needs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import TokenStore
from grantwire_core.vendor_kit.authorization import AuthorizationRequest, authorization_request
from grantwire_core.vendor_kit.front_door import (
    FrontDoor,
    optional_text,
    redirect_uri_argument,
    required_text,
    with_basic_auth,
)
from grantwire_core.vendor_kit.settings import (
    ConfigurationError,
    checked_environment,
    choice_or_url,
    file_or_value,
    optional,
    required,
)

from ..api.userinfo import get_user_info
from ..client import AuthenticatedClient, Client
from .tokens import DEFAULT_SCOPES, DEVELOPER_HOST, PRODUCTION_HOST, DocusignTokenSource

if TYPE_CHECKING:
    from ..models import UserAccount, UserInfo

#: The named environments of the spec's ``servers``.
ENVIRONMENTS = {"developer": f"https://{DEVELOPER_HOST}", "production": f"https://{PRODUCTION_HOST}"}


class NoDefaultAccount(ConfigurationError):
    """The user belongs to no account to call the eSignature API for."""

    def __init__(self) -> None:
        super().__init__("DOCUSIGN_USER_ID", "names a user with no Docusign account")


class Docusign(FrontDoor):
    """Docusign's APIs for one integration acting as one user (JWT grant).

    ``environment`` is ``"developer"``, ``"production"`` or the OAuth server's base URL. Give
    ``redirect_uri`` (one registered for the integration) to get the consent URL in
    ``ConsentRequired`` when the user has not granted consent yet.
    """

    VARIABLES: ClassVar[Mapping[str, str]] = {
        "DOCUSIGN_INTEGRATION_KEY": "the integration key (required)",
        "DOCUSIGN_USER_ID": "the id of the user to act as (required)",
        "DOCUSIGN_PRIVATE_KEY_FILE": "the RSA private key's PEM file (or DOCUSIGN_PRIVATE_KEY: the PEM)",
        "DOCUSIGN_ENVIRONMENT": "developer (default), production, or the OAuth server's URL",
        "DOCUSIGN_REDIRECT_URI": "a registered redirect URI, for the consent URL (optional)",
    }

    def __init__(
        self,
        integration_key: str,
        user_id: str,
        private_key: str | bytes,
        *,
        environment: Literal["developer", "production"] | str = "developer",
        scopes: tuple[str, ...] = DEFAULT_SCOPES,
        redirect_uri: str | None = None,
        store: TokenStore | None = None,
        **client_settings: Any,
    ) -> None:
        from ..models import JWTGrant
        from .jwt import JWTAssertion

        # Checked as from_env() checks its variables, before anything is built; the private key is
        # checked by JWTAssertion, so a malformed one fails here, not inside PyJWT at the first call.
        required_text(integration_key, "integration_key")
        required_text(user_id, "user_id")
        redirect_uri = None if redirect_uri is None else redirect_uri_argument(redirect_uri)
        oauth_base = checked_environment(environment, "environment", ENVIRONMENTS)
        # The assertion's audience is the environment's OAuth host; a URL of your own (a test
        # server) is signed for the developer environment.
        audience: Literal["developer", "production"] = (
            "production" if oauth_base == ENVIRONMENTS["production"] else "developer"
        )
        assertion = JWTAssertion(integration_key, user_id, private_key, environment=audience, scopes=scopes)
        oauth = Client(oauth_base, **client_settings)
        source = DocusignTokenSource(
            oauth,
            lambda: JWTGrant(assertion=assertion()),
            integration_key=integration_key,
            redirect_uri=redirect_uri,
            store=store,
        )
        self._open(oauth, source, client_settings)

    def _open(self, oauth: Client, tokens: TokenSource, client_settings: dict[str, Any]) -> None:
        """What every way of making a ``Docusign`` ends with (the JWT constructor, ``from_redirect``)."""
        super().__init__(oauth, tokens)
        self._client_settings = client_settings
        self._user_info: UserInfo | None = None

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, store: TokenStore | None = None, **client_settings: Any
    ) -> Docusign:
        """From ``DOCUSIGN_INTEGRATION_KEY``, ``DOCUSIGN_USER_ID``, ``DOCUSIGN_PRIVATE_KEY_FILE`` (a
        PEM file; or the PEM itself in ``DOCUSIGN_PRIVATE_KEY``), ``DOCUSIGN_ENVIRONMENT``
        (``developer``, the default, ``production`` or a URL) and, optionally,
        ``DOCUSIGN_REDIRECT_URI``. A missing or malformed one raises ``ConfigurationError`` naming it."""
        env = os.environ if environ is None else environ
        key_variable = (
            "DOCUSIGN_PRIVATE_KEY_FILE" if optional(env, "DOCUSIGN_PRIVATE_KEY_FILE") else "DOCUSIGN_PRIVATE_KEY"
        )
        try:
            return cls(
                required(env, "DOCUSIGN_INTEGRATION_KEY", "the integration key"),
                required(env, "DOCUSIGN_USER_ID", "the id of the user to act as"),
                file_or_value(env, "DOCUSIGN_PRIVATE_KEY_FILE", "DOCUSIGN_PRIVATE_KEY", "the RSA private key (PEM)"),
                environment=choice_or_url(env, "DOCUSIGN_ENVIRONMENT", ENVIRONMENTS, "developer"),
                redirect_uri=optional(env, "DOCUSIGN_REDIRECT_URI"),
                store=store,
                **client_settings,
            )
        except ConfigurationError as error:
            # An argument's rule, under the variable it came from (never the value itself).
            variable = {"private_key": key_variable, "redirect_uri": "DOCUSIGN_REDIRECT_URI"}.get(error.variable)
            if variable is None:
                raise
            raise ConfigurationError(variable, error.rule) from None

    @staticmethod
    def authorization_request(
        integration_key: str,
        redirect_uri: str,
        *,
        environment: Literal["developer", "production"] | str = "developer",
        scopes: tuple[str, ...] = ("signature",),
        **extra: str,
    ) -> AuthorizationRequest:
        """The authorization-code flow's first half: the ``/oauth/auth`` URL to send the user to,
        with ``state`` and a PKCE S256 challenge. Keep the request (server side) for
        ``from_redirect``."""
        base = checked_environment(environment, "environment", ENVIRONMENTS)
        required_text(integration_key, "integration_key")
        redirect_uri_argument(redirect_uri)
        return authorization_request(
            f"{base}/oauth/auth", client_id=integration_key, redirect_uri=redirect_uri, scope=" ".join(scopes), **extra
        )

    @classmethod
    def from_redirect(
        cls,
        integration_key: str,
        secret_key: str | None,
        request: AuthorizationRequest,
        redirect: str,
        *,
        environment: Literal["developer", "production"] | str = "developer",
        store: TokenStore | None = None,
        **client_settings: Any,
    ) -> Docusign:
        """The second half: the code from ``redirect`` (checked against ``request``'s state) is
        exchanged with the verifier on the first ``token()``: with HTTP Basic for a confidential
        integration (``secret_key``), as a public client (``client_id`` and PKCE) without one.
        Renewals use the refresh token."""
        from ..models import AuthorizationCodeGrant

        required_text(integration_key, "integration_key")
        secret_key = optional_text(secret_key, "secret_key")
        code = request.code_from(required_text(redirect, "redirect"))
        if secret_key:
            settings = with_basic_auth(client_settings, integration_key, secret_key)
            grant = AuthorizationCodeGrant(code=code, code_verifier=request.code_verifier)
        else:
            settings = client_settings
            grant = AuthorizationCodeGrant(code=code, client_id=integration_key, code_verifier=request.code_verifier)
        oauth = Client(checked_environment(environment, "environment", ENVIRONMENTS), **settings)
        door = cls.__new__(cls)  # not the JWT constructor: the same ending, another grant
        door._open(oauth, DocusignTokenSource(oauth, grant, store=store), client_settings)
        return door

    def user_info(self) -> UserInfo:
        """The user and their accounts (``GET /oauth/userinfo``), read once."""
        if self._user_info is None:
            with AuthenticatedClient(self.oauth.base_url, self.tokens, **self._client_settings) as client:
                self._user_info = get_user_info.sync(client=client)
        return self._user_info

    async def auser_info(self) -> UserInfo:
        """``user_info()``, as a coroutine."""
        if self._user_info is None:
            async with AuthenticatedClient(self.oauth.base_url, self.tokens, **self._client_settings) as client:
                self._user_info = await get_user_info.asyncio(client=client)
        return self._user_info

    def default_account(self) -> UserAccount:
        """The user's default account (the first one if none is marked default)."""
        return _default(self.user_info())

    def api_base_url(self) -> str:
        """The default account's eSignature REST base: ``{base_uri}/restapi``."""
        return self.default_account().base_uri.rstrip("/") + "/restapi"

    async def aapi_base_url(self) -> str:
        return _default(await self.auser_info()).base_uri.rstrip("/") + "/restapi"


def _default(info: UserInfo) -> UserAccount:
    accounts = list(info.accounts)
    if not accounts:
        raise NoDefaultAccount
    return next((account for account in accounts if account.is_default), accounts[0])


__all__ = ["ENVIRONMENTS", "Docusign", "NoDefaultAccount"]
