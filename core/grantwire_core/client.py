"""The client objects every generated operation takes: base URL, headers, timeouts, retry policy
and the underlying ``httpx.Client``/``AsyncClient``.

Each generated package subclasses ``Client`` and ``AuthenticatedClient`` only to name itself
(``package``), which sets its User-Agent and logger. The constructor arguments are
openapi-python-client's, so code written against a stock generated client keeps working.
"""

from __future__ import annotations

import ssl
import threading
from collections.abc import Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, ClassVar

from ._internal.deadline import bound_by_deadline
from ._internal.http import adopt_auth, httpx, is_auth
from ._internal.redact import url_without_userinfo
from ._internal.tls_context import preload, shared_ssl_context
from .retry import RetryPolicy
from .runtime.package import ClientPackage
from .timeouts import Timeouts, TimeoutsLike, as_timeouts

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self from Python 3.11; annotations only

_URL_CACHE_SIZE = 64


def split_userinfo(url: str) -> tuple[str, httpx.BasicAuth | None]:
    """``url`` without ``user:password@``, and those credentials as ``httpx.BasicAuth``."""
    parsed = httpx.URL(url)
    if not parsed.userinfo:
        return url, None
    return str(parsed.copy_with(username=None, password=None)), httpx.BasicAuth(parsed.username, parsed.password)


class Client:
    """Everything a call needs besides its arguments.

    ``base_url``: the API's root; operations add their path to it. User info in it
    (``https://id:secret@host``) is sent as HTTP Basic auth and kept out of the URL.
    ``headers``, ``cookies``: sent with every request.
    ``timeout``: a ``Timeouts`` (or seconds for the whole call): connect per attempt and a total
    deadline per call, retries included (default 5 and 30 s).
    ``retry``: a ``RetryPolicy`` (default: 2 retries, capped jittered backoff).
    ``verify_ssl``, ``follow_redirects``, ``httpx_args``: passed to the ``httpx`` clients, built
    once on first use (whatever the number of threads making that first call).
    ``raise_on_unexpected_status``: raise ``UnexpectedStatus`` for a status the spec does not list.
    """

    package: ClassVar[ClientPackage]
    """The client distribution this class belongs to (its name, version and logger)."""

    def __init__(
        self,
        base_url: str,
        *,
        cookies: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: TimeoutsLike | None = None,
        retry: RetryPolicy | None = None,
        verify_ssl: str | bool | ssl.SSLContext = True,
        follow_redirects: bool = False,
        httpx_args: Mapping[str, Any] | None = None,
        raise_on_unexpected_status: bool = False,
    ) -> None:
        if not isinstance(base_url, str):
            raise TypeError(f"base_url must be a string, got {type(base_url).__name__}")
        if not base_url.lower().startswith(("https://", "http://")) or not base_url.split("/")[2]:
            # Refused here rather than as a transport error at the first call; the value is not shown
            # (its user info may hold a password).
            raise ValueError("base_url must be an http:// or https:// URL with a host")
        if retry is not None and not isinstance(retry, RetryPolicy):
            raise TypeError(f"retry must be a grantwire RetryPolicy, got {type(retry).__name__}")
        # User info in the base URL becomes HTTP Basic auth, so that the URL httpx logs and
        # keeps on requests carries no password.
        base_url, userinfo_auth = split_userinfo(base_url)
        if userinfo_auth is not None and "auth" not in (httpx_args or {}):
            httpx_args = {**(httpx_args or {}), "auth": userinfo_auth}
        self._base_url = base_url
        self._cookies = dict(cookies or {})
        self._headers = dict(headers or {})
        self.timeout = Timeouts() if timeout is None else as_timeouts(timeout)
        self.retry = RetryPolicy() if retry is None else retry
        self._verify_ssl = verify_ssl
        self._follow_redirects = follow_redirects
        self._httpx_args = dict(httpx_args or {})
        if self._shares_ssl_context():
            preload()  # built in the background, before the first request needs it
        self.raise_on_unexpected_status = raise_on_unexpected_status
        self._client: httpx.Client | None = None
        self._async_client: httpx.AsyncClient | None = None
        # Operation path → (the httpx base URL it was joined to, the absolute URL): httpx would
        # merge the base URL into every request; an absolute URL skips that.
        self._urls: dict[str, tuple[httpx.URL, httpx.URL]] = {}
        # Guards the lazy construction of the httpx clients: without it, threads making their
        # first call together would each build a client, and all but one would leak its pool.
        self._build_lock = threading.Lock()

    @property
    def base_url(self) -> str:
        """The API's root URL, as given."""
        return self._base_url

    def _settings(self) -> dict[str, Any]:
        return {
            "cookies": self._cookies,
            "headers": self._headers,
            "timeout": self.timeout,
            "retry": self.retry,
            "verify_ssl": self._verify_ssl,
            "follow_redirects": self._follow_redirects,
            "httpx_args": self._httpx_args,
            "raise_on_unexpected_status": self.raise_on_unexpected_status,
        }

    def _evolve(self, **changes: Any) -> Self:
        return type(self)(self._base_url, **{**self._settings(), **changes})

    def with_headers(self, headers: Mapping[str, str]) -> Self:
        """A new client like this one, with additional headers (also set on a client already built)."""
        if self._client is not None:
            self._client.headers.update(headers)
        if self._async_client is not None:
            self._async_client.headers.update(headers)
        return self._evolve(headers={**self._headers, **headers})

    def with_cookies(self, cookies: Mapping[str, str]) -> Self:
        """A new client like this one, with additional cookies (also set on a client already built)."""
        if self._client is not None:
            self._client.cookies.update(dict(cookies))
        if self._async_client is not None:
            self._async_client.cookies.update(dict(cookies))
        return self._evolve(cookies={**self._cookies, **cookies})

    def with_timeout(self, timeout: TimeoutsLike) -> Self:
        """A new client like this one, with other timeouts."""
        return self._evolve(timeout=as_timeouts(timeout))

    def with_retry(self, retry: RetryPolicy) -> Self:
        """A new client like this one, with another retry policy."""
        return self._evolve(retry=retry)

    def __repr__(self) -> str:
        # Headers and tokens carry credentials, and so may the base URL's user info.
        return (
            f"{type(self).__name__}(base_url={url_without_userinfo(self._base_url)!r}, "
            f"timeout={self.timeout!r}, retry={self.retry!r})"
        )

    def absolute_url(self, http: httpx.Client | httpx.AsyncClient, path: str) -> httpx.URL:
        """``path`` joined to ``http``'s base URL as httpx joins them, worked out once per path."""
        base = http.base_url
        cached = self._urls.get(path)
        if cached is not None and cached[0] is base:
            return cached[1]
        relative = httpx.URL(path)
        if not relative.is_relative_url:
            return relative
        # httpx keeps a trailing slash on base URLs and appends the path without its leading one.
        url = base.copy_with(raw_path=base.raw_path + relative.raw_path.lstrip(b"/"))
        if len(self._urls) < _URL_CACHE_SIZE:  # paths with ids in them are not worth keeping forever
            self._urls[path] = (base, url)
        return url

    # -- the httpx clients --------------------------------------------------------------------
    def _httpx_settings(self) -> dict[str, Any]:
        return {
            "base_url": self._base_url,
            "cookies": self._cookies,
            "headers": self.package.with_default_user_agent(self._headers),
            "timeout": self.timeout.for_attempt(self.timeout.total),
            "verify": self._ssl_context(),
            "follow_redirects": self._follow_redirects,
            **self._httpx_args,
            **({"auth": adopt_auth(self._httpx_args["auth"])} if "auth" in self._httpx_args else {}),
        }

    def _shares_ssl_context(self) -> bool:
        """Whether this client's TLS context is the one the process shares (``tls_context``): with
        the default ``verify_ssl=True``, and not where it asks for HTTP/2 or its own
        ``trust_env`` (the shared context is built for HTTP/1.1, with the environment's CAs)."""
        return self._verify_ssl is True and not self._httpx_args.keys() & {"http2", "trust_env", "verify"}

    def _ssl_context(self) -> str | bool | ssl.SSLContext:
        return shared_ssl_context() if self._shares_ssl_context() else self._verify_ssl

    def set_httpx_client(self, client: httpx.Client) -> Self:
        """Use ``client`` for sync calls; its own settings (headers, timeouts) then apply, and the
        call's total deadline bounds its connections too."""
        bound_by_deadline(client, asynchronous=False)
        self._client = client
        return self

    def get_httpx_client(self) -> httpx.Client:
        """The ``httpx.Client`` sync calls go through, built on first use."""
        client = self._client
        if client is None:
            with self._build_lock:
                client = self._client
                if client is None:
                    client = httpx.Client(**self._httpx_settings())
                    bound_by_deadline(client, asynchronous=False)
                    self._client = client
        return client

    def set_async_httpx_client(self, async_client: httpx.AsyncClient) -> Self:
        """Use ``async_client`` for async calls; its own settings (headers, timeouts) then apply,
        and the call's total deadline bounds its connections too."""
        bound_by_deadline(async_client, asynchronous=True)
        self._async_client = async_client
        return self

    def get_async_httpx_client(self) -> httpx.AsyncClient:
        """The ``httpx.AsyncClient`` async calls go through, built on first use."""
        client = self._async_client
        if client is None:
            with self._build_lock:
                client = self._async_client
                if client is None:
                    client = httpx.AsyncClient(**self._httpx_settings())
                    bound_by_deadline(client, asynchronous=True)
                    self._async_client = client
        return client

    def close(self) -> None:
        """Close the sync ``httpx.Client`` if one was built (``aclose()`` for the async one)."""
        if self._client is not None:
            self._client.close()

    async def aclose(self) -> None:
        """Close the ``httpx.AsyncClient`` if one was built."""
        if self._async_client is not None:
            await self._async_client.aclose()

    def __enter__(self) -> Self:
        self.get_httpx_client().__enter__()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.get_httpx_client().__exit__(exc_type, exc, traceback)

    async def __aenter__(self) -> Self:
        await self.get_async_httpx_client().__aenter__()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        await self.get_async_httpx_client().__aexit__(exc_type, exc, traceback)


class AuthenticatedClient(Client):
    """A ``Client`` for operations that need a bearer token.

    ``token`` is a string sent as ``Authorization: Bearer <token>`` (``prefix`` and
    ``auth_header_name`` change how), or an ``Auth`` of httpx2 or httpx such as a grantwire token
    source, which then supplies a fresh token to every request.
    """

    def __init__(
        self,
        base_url: str,
        token: str | httpx.Auth,
        prefix: str = "Bearer",
        auth_header_name: str = "Authorization",
        **settings: Any,
    ) -> None:
        if not isinstance(token, str) and not is_auth(token):
            raise TypeError(
                "token must be a string or an httpx2/httpx Auth (such as a grantwire token source), "
                f"got {type(token).__name__}"
            )
        super().__init__(base_url, **settings)
        self.token = token
        self.prefix = prefix
        self.auth_header_name = auth_header_name

    def _evolve(self, **changes: Any) -> Self:
        settings = {**self._settings(), **changes}
        return type(self)(self._base_url, self.token, self.prefix, self.auth_header_name, **settings)

    def _httpx_settings(self) -> dict[str, Any]:
        settings = super()._httpx_settings()
        if not isinstance(self.token, str):
            settings["auth"] = adopt_auth(self.token)
        else:
            credential = f"{self.prefix} {self.token}" if self.prefix else self.token
            settings["headers"] = {**settings["headers"], self.auth_header_name: credential}
        return settings


__all__ = ["AuthenticatedClient", "Client", "split_userinfo"]
