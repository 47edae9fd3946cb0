"""What every vendor's front door shares: from credentials to a token and to an HTTP client that is
authenticated against the vendor's API, and closing all of it.

Each client package subclasses ``FrontDoor`` (``grantwire_ringcentral.RingCentral``,
``grantwire_docusign.Docusign``, ``grantwire_usegrant.UseGrant``) with its environments, its
``from_env()`` and where its API lives; the token machinery is the package's token source.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from .._internal.http import httpx
from ..client import Client
from ..errors import ConfigurationError
from ..tokens.sources import TokenSource

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self from Python 3.11; annotations only


class FrontDoor:
    """A vendor's API in one object. ``token()`` is a fresh access token; ``http()`` an
    ``httpx2.Client`` (or httpx's, see ``grantwire_core.http``) for the vendor's API that carries
    one on every request and renews it on a 401. Close it, or use it as a context manager."""

    #: The environment variables ``from_env()`` reads, and what each holds (the token command's
    #: ``--help`` lists them).
    VARIABLES: ClassVar[Mapping[str, str]] = {}

    def __init__(self, oauth: Client, tokens: TokenSource) -> None:
        #: The generated client the token calls go through.
        self.oauth = oauth
        #: The token source: ``auth=`` for any HTTP client of yours.
        self.tokens = tokens
        self._http: list[httpx.Client] = []
        self._async_http: list[httpx.AsyncClient] = []

    def token(self) -> str:
        """A fresh access token (cached, and renewed before it expires)."""
        return self.tokens.token().access_token

    async def atoken(self) -> str:
        """``token()``, as a coroutine."""
        return (await self.tokens.atoken()).access_token

    def api_base_url(self) -> str:
        """Where the vendor's API lives for these credentials."""
        raise NotImplementedError

    async def aapi_base_url(self) -> str:
        """``api_base_url()``, as a coroutine (a vendor may have to ask its server)."""
        return self.api_base_url()

    def http(self, base_url: str | None = None, **options: Any) -> httpx.Client:
        """An HTTP client for the API (``base_url`` overrides where), authenticated by the token
        source; ``options`` go to the client. Closed with this front door."""
        client = httpx.Client(base_url=base_url or self.api_base_url(), auth=self.tokens, **options)
        self._http.append(client)
        return client

    async def ahttp(self, base_url: str | None = None, **options: Any) -> httpx.AsyncClient:
        """``http()``, as an ``AsyncClient``; closed by ``aclose()``."""
        client = httpx.AsyncClient(base_url=base_url or await self.aapi_base_url(), auth=self.tokens, **options)
        self._async_http.append(client)
        return client

    def close(self) -> None:
        """Close the HTTP clients ``http()`` made and the token endpoint's client."""
        for client in self._http:
            client.close()
        self._http.clear()
        self.oauth.close()

    async def aclose(self) -> None:
        """Close the clients ``ahttp()`` made, then everything ``close()`` closes."""
        for client in self._async_http:
            await client.aclose()
        self._async_http.clear()
        self.close()
        await self.oauth.aclose()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.aclose()

    def __repr__(self) -> str:
        return f"{type(self).__name__}(oauth={self.oauth!r})"


def required_text(value: object, name: str) -> str:
    """A front door's argument that must be a non-blank string: ``TypeError`` for another type,
    ``ConfigurationError`` naming ``name`` for a blank one (never showing the value)."""
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, got {type(value).__name__}")
    if not value.strip():
        raise ConfigurationError(name, "is empty")
    return value


def optional_text(value: object, name: str) -> str | None:
    """Like ``required_text``, for an argument that may be ``None``."""
    return None if value is None else required_text(value, name)


def redirect_uri_argument(value: object, name: str = "redirect_uri") -> str:
    """A redirect URI argument: a non-blank absolute URI (``https://app.example/callback``, or a
    native app's ``com.example.app:/callback``), else ``ConfigurationError`` naming ``name``."""
    uri = required_text(value, name)
    scheme, colon, _ = uri.partition(":")
    if not colon or not scheme.isascii() or not scheme[:1].isalpha():
        raise ConfigurationError(name, "must be an absolute URI, e.g. https://app.example/callback")
    return uri


def with_basic_auth(client_settings: Mapping[str, Any], client_id: str, client_secret: str) -> dict[str, Any]:
    """``client_settings`` with HTTP Basic client authentication (``client_secret_basic``) added to
    the ``httpx_args`` they may already have."""
    httpx_args = {**client_settings.get("httpx_args", {}), "auth": httpx.BasicAuth(client_id, client_secret)}
    return {**client_settings, "httpx_args": httpx_args}


__all__ = ["FrontDoor", "optional_text", "redirect_uri_argument", "required_text", "with_basic_auth"]
