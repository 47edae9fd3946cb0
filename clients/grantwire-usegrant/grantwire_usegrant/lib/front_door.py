"""useGrant in one line: ``UseGrant.from_env()``, then tokens for your client.

    with UseGrant.from_env() as ug:                 # USEGRANT_API_KEY, USEGRANT_PROVIDER_ID,
        token = ug.token()                          # USEGRANT_CLIENT_ID
        api = ug.http("https://api.example.com")    # your resource server, with a fresh token

useGrant issues no refresh tokens: a token is renewed by creating a new one shortly before it
expires.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any, ClassVar
from uuid import UUID

from grantwire_core.errors import ConfigurationError, RequestValidationError
from grantwire_core.tokens.store import TokenStore
from grantwire_core.vendor_kit.front_door import FrontDoor, required_text
from grantwire_core.vendor_kit.settings import checked_environment, choice_or_url, optional, required

from ..client import AuthenticatedClient
from ..types import UNSET, Unset
from .tokens import UseGrantTokenSource

#: The spec's one server.
ENVIRONMENTS = {"production": "https://sdk.usegrant.dev"}


class UseGrant(FrontDoor):
    """Tokens for one useGrant client of one provider. ``expires_in`` (seconds, at most 48 hours)
    sets their lifetime, else useGrant's default applies."""

    VARIABLES: ClassVar[Mapping[str, str]] = {
        "USEGRANT_API_KEY": "a useGrant API key (required)",
        "USEGRANT_PROVIDER_ID": "the provider's id, a UUID (required)",
        "USEGRANT_CLIENT_ID": "the client's id, a UUID (required)",
        "USEGRANT_EXPIRES_IN": "the token's lifetime in seconds (optional, at most 172800)",
        "USEGRANT_SERVER_URL": "production (default) or a URL",
    }

    def __init__(
        self,
        api_key: str,
        provider_id: UUID | str,
        client_id: UUID | str,
        *,
        expires_in: float | None = None,
        server: str = "production",
        store: TokenStore | None = None,
        **client_settings: Any,
    ) -> None:
        from ..models import CreateTokenRequest

        # Checked as from_env() checks its variables, before anything is built.
        required_text(api_key, "api_key")
        base_url = checked_environment(server, "server", ENVIRONMENTS)
        provider, client = _uuid(provider_id, "provider_id"), _uuid(client_id, "client_id")
        options: CreateTokenRequest | Unset = UNSET
        if expires_in is not None:
            options = CreateTokenRequest(expires_in=expires_in)
            try:
                options.to_dict()  # the spec's rules for the lifetime (a number, 0 to 48 hours)
            except RequestValidationError as error:
                raise ConfigurationError("expires_in", error.rule) from None
        api = AuthenticatedClient(base_url, api_key, **client_settings)
        source = UseGrantTokenSource(api, provider, client, options, store=store)
        super().__init__(api, source)

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *, store: TokenStore | None = None, **client_settings: Any
    ) -> UseGrant:
        """From ``USEGRANT_API_KEY``, ``USEGRANT_PROVIDER_ID``, ``USEGRANT_CLIENT_ID`` (UUIDs) and,
        optionally, ``USEGRANT_SERVER_URL``. A missing or malformed one raises
        ``ConfigurationError`` naming it."""
        env = os.environ if environ is None else environ
        provider = required(env, "USEGRANT_PROVIDER_ID", "the provider's id (a UUID)")
        client = required(env, "USEGRANT_CLIENT_ID", "the client's id (a UUID)")
        expires_in = optional(env, "USEGRANT_EXPIRES_IN")
        try:
            return cls(
                required(env, "USEGRANT_API_KEY", "a useGrant API key"),
                _uuid(provider, "USEGRANT_PROVIDER_ID"),
                _uuid(client, "USEGRANT_CLIENT_ID"),
                expires_in=None if expires_in is None else _seconds(expires_in, "USEGRANT_EXPIRES_IN"),
                server=choice_or_url(env, "USEGRANT_SERVER_URL", ENVIRONMENTS, "production"),
                store=store,
                **client_settings,
            )
        except ConfigurationError as error:
            if error.variable != "expires_in":
                raise
            raise ConfigurationError("USEGRANT_EXPIRES_IN", error.rule) from None

    def api_base_url(self) -> str:
        # useGrant tokens are for the application's own API: http() needs its base URL.
        raise ConfigurationError("base_url", "is needed: useGrant tokens are for your own API, give its URL")


def _uuid(value: UUID | str, name: str) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(value)
    except (ValueError, AttributeError, TypeError):
        raise ConfigurationError(name, "must be a UUID") from None


def _seconds(value: str, name: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = math.nan
    if not math.isfinite(seconds):
        raise ConfigurationError(name, "must be a number of seconds")
    return seconds


__all__ = ["ENVIRONMENTS", "UseGrant"]
