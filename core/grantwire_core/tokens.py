"""Cached, refreshed, single-flight access tokens, usable as ``httpx.Auth``.

``TokenSource`` knows nothing of any API: it is given the two ways to get a token (repeat the
original grant, or redeem a refresh token) and does the rest: caching with expiry, refreshing
``skew`` seconds early, one request however many threads or tasks ask at once, persistence through a
``TokenStore``, and a refresh-and-retry-once on a 401 from the API it guards. ``GrantTokenSource``
builds those two ways from one generated token operation; each client's ``tokens`` module only says
how its grant, refresh grant and response look.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Generic, NoReturn, Protocol, TypeVar

import httpx

from .errors import APIStatusError, GrantwireError
from .redact import secret_repr

if TYPE_CHECKING:
    import asyncio


@dataclass(frozen=True)
class AccessToken:
    """A token and when it (and its refresh token) stop working, as ``clock`` seconds."""

    access_token: str = field(repr=False)
    expires_at: float
    refresh_token: str | None = field(default=None, repr=False)
    refresh_expires_at: float | None = None
    token_type: str = "Bearer"
    scope: str | None = None

    def __repr__(self) -> str:
        return (
            f"AccessToken(access_token={secret_repr(self.access_token)}, expires_at={self.expires_at!r}, "
            f"refresh_token={secret_repr(self.refresh_token)}, refresh_expires_at={self.refresh_expires_at!r}, "
            f"token_type={self.token_type!r}, scope={self.scope!r})"
        )

    def fresh_at(self, now: float, skew: float) -> bool:
        return now < self.expires_at - skew

    def refreshable_at(self, now: float) -> bool:
        return self.refresh_token is not None and (self.refresh_expires_at is None or now < self.refresh_expires_at)


class TokenStore(Protocol):
    """Where tokens live between calls (and, for your own stores, between processes)."""

    def load(self) -> AccessToken | None: ...

    def save(self, token: AccessToken) -> None: ...


class MemoryTokenStore:
    """The default store: this process's memory."""

    def __init__(self) -> None:
        self._token: AccessToken | None = None

    def load(self) -> AccessToken | None:
        return self._token

    def save(self, token: AccessToken) -> None:
        self._token = token


class TokenUnavailable(GrantwireError):
    """No token can be had without the user: the refresh token is gone and the original grant
    cannot be repeated (an authorization code is single-use). Start the sign-in again."""


Fetch = Callable[[], AccessToken]
Refresh = Callable[[str], AccessToken]
AsyncFetch = Callable[[], Awaitable[AccessToken]]
AsyncRefresh = Callable[[str], Awaitable[AccessToken]]


class TokenSource(httpx.Auth):
    """A valid access token whenever one is asked for; also an ``httpx.Auth``."""

    def __init__(
        self,
        *,
        fetch: Fetch | None,
        async_fetch: AsyncFetch | None,
        refresh: Refresh | None,
        async_refresh: AsyncRefresh | None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
        single_use_grant: bool = False,
    ) -> None:
        """``fetch`` repeats the original grant; ``refresh`` redeems a refresh token. A
        ``single_use_grant`` (an authorization code) is fetched once; after that only refresh works."""
        if skew < 0:
            raise ValueError(f"skew must be 0 or more seconds, got {skew!r}")
        self._fetch, self._async_fetch = fetch, async_fetch
        self._refresh, self._async_refresh = refresh, async_refresh
        self.skew = skew
        self.clock = clock
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self._single_use_grant = single_use_grant
        self._grant_used = False
        self._lock = threading.Lock()
        self._async_locks: dict[asyncio.AbstractEventLoop, asyncio.Lock] = {}

    def __repr__(self) -> str:
        return f"{type(self).__name__}(skew={self.skew!r}, store={type(self.store).__name__})"

    # -- sync ---------------------------------------------------------------------------------
    def token(self, *, force_refresh: bool = False) -> AccessToken:
        stale = self.store.load() if force_refresh else None
        cached = self._usable(stale)
        if cached is not None:
            return cached
        with self._lock:
            # Whoever waited on the lock finds the token the first caller got.
            cached = self._usable(stale)
            if cached is not None:
                return cached
            current = self.store.load()
            token = self._renew_sync(current)
            self.store.save(token)
            return token

    def _renew_sync(self, current: AccessToken | None) -> AccessToken:
        if current is not None and current.refreshable_at(self.clock()) and self._refresh is not None:
            assert current.refresh_token is not None
            try:
                return self._refresh(current.refresh_token)
            except APIStatusError as error:
                if not self._can_fetch(self._fetch) or not 400 <= error.status_code < 500:
                    raise self._unavailable(error) from error
        if self._fetch is None or (self._single_use_grant and self._grant_used):
            raise self._unavailable(None)
        self._grant_used = True
        return self._fetch()

    # -- async --------------------------------------------------------------------------------
    async def atoken(self, *, force_refresh: bool = False) -> AccessToken:
        stale = self.store.load() if force_refresh else None
        cached = self._usable(stale)
        if cached is not None:
            return cached
        async with self._async_lock():
            cached = self._usable(stale)
            if cached is not None:
                return cached
            current = self.store.load()
            token = await self._renew_async(current)
            self.store.save(token)
            return token

    async def _renew_async(self, current: AccessToken | None) -> AccessToken:
        if current is not None and current.refreshable_at(self.clock()) and self._async_refresh is not None:
            assert current.refresh_token is not None
            try:
                return await self._async_refresh(current.refresh_token)
            except APIStatusError as error:
                if not self._can_fetch(self._async_fetch) or not 400 <= error.status_code < 500:
                    raise self._unavailable(error) from error
        if self._async_fetch is None or (self._single_use_grant and self._grant_used):
            raise self._unavailable(None)
        self._grant_used = True
        return await self._async_fetch()

    def _async_lock(self) -> asyncio.Lock:
        # asyncio is imported by the first async call, not with the module: sync users and
        # serverless cold starts do not pay ~10 ms for it.
        import asyncio

        loop = asyncio.get_running_loop()
        lock = self._async_locks.get(loop)
        if lock is None:
            self._async_locks = {key: lk for key, lk in self._async_locks.items() if not key.is_closed()}
            lock = self._async_locks[loop] = asyncio.Lock()
        return lock

    # -- shared -------------------------------------------------------------------------------
    def _can_fetch(self, fetch: object) -> bool:
        return fetch is not None and not (self._single_use_grant and self._grant_used)

    def _usable(self, stale: AccessToken | None) -> AccessToken | None:
        """The stored token if it is fresh and is not the one the caller found wanting."""
        token = self.store.load()
        if token is None or token is stale or (stale is not None and token.access_token == stale.access_token):
            return None
        return token if token.fresh_at(self.clock(), self.skew) else None

    def _unavailable(self, error: APIStatusError | None) -> TokenUnavailable:
        why = f" (refresh answered HTTP {error.status_code}{' ' + error.error if error.error else ''})" if error else ""
        return TokenUnavailable(
            f"no access token without the user{why}: the refresh token is expired or revoked and the "
            "original grant cannot be repeated; sign in again"
        )

    # -- httpx.Auth ---------------------------------------------------------------------------
    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        token = self.token()
        request.headers["Authorization"] = f"Bearer {token.access_token}"
        response = yield request
        if response.status_code == 401:
            # Revoked or expired early: one fresh token, one retry.
            response.read()
            request.headers["Authorization"] = f"Bearer {self.token(force_refresh=True).access_token}"
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        token = await self.atoken()
        request.headers["Authorization"] = f"Bearer {token.access_token}"
        response = yield request
        if response.status_code == 401:
            await response.aread()
            request.headers["Authorization"] = f"Bearer {(await self.atoken(force_refresh=True)).access_token}"
            yield request


GrantT = TypeVar("GrantT")
ResultT = TypeVar("ResultT")


class GrantTokenSource(TokenSource, Generic[GrantT, ResultT]):
    """A ``TokenSource`` over one generated token operation.

    ``grant`` is the request body of the original grant, or a factory that makes a fresh one for
    every request (for assertions that expire). ``call``/``acall`` send a body and return the parsed
    success model; ``to_token`` turns that model into an ``AccessToken`` (given the clock's time
    when the answer arrived); ``refresh_grant`` makes the body that redeems a refresh token (``None``
    when the API has no refresh tokens). ``explain`` may turn an error of the original grant (given
    with the grant that caused it) into a more helpful one (Docusign's ``consent_required`` into
    ``ConsentRequired``), or return ``None`` to keep it.

    A grant whose class says ``SINGLE_USE_CREDENTIAL`` (an authorization code, however it is
    given) is sent once; after that only its refresh token renews.
    """

    def __init__(
        self,
        grant: GrantT | Callable[[], GrantT],
        *,
        call: Callable[[GrantT], ResultT],
        acall: Callable[[GrantT], Awaitable[ResultT]],
        to_token: Callable[[ResultT, float], AccessToken],
        refresh_grant: Callable[[str], GrantT] | None = None,
        explain: Callable[[APIStatusError, GrantT], Exception | None] | None = None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
    ) -> None:
        def next_grant() -> GrantT:
            made: GrantT = grant() if callable(grant) else grant
            if getattr(made, "SINGLE_USE_CREDENTIAL", False):
                # Known only once a factory has made one: from now on it is never made again.
                self._single_use_grant = True
            return made

        def raise_explained(error: APIStatusError, body: GrantT) -> NoReturn:
            better = explain(error, body) if explain is not None else None
            if better is None:
                raise error
            raise better from error

        def fetch() -> AccessToken:
            body = next_grant()
            try:
                result = call(body)
            except APIStatusError as error:
                raise_explained(error, body)
            return to_token(result, self.clock())

        async def async_fetch() -> AccessToken:
            body = next_grant()
            try:
                result = await acall(body)
            except APIStatusError as error:
                raise_explained(error, body)
            return to_token(result, self.clock())

        def refresh(refresh_token: str) -> AccessToken:
            assert refresh_grant is not None
            return to_token(call(refresh_grant(refresh_token)), self.clock())

        async def async_refresh(refresh_token: str) -> AccessToken:
            assert refresh_grant is not None
            return to_token(await acall(refresh_grant(refresh_token)), self.clock())

        super().__init__(
            fetch=fetch,
            async_fetch=async_fetch,
            refresh=refresh if refresh_grant is not None else None,
            async_refresh=async_refresh if refresh_grant is not None else None,
            skew=skew,
            clock=clock,
            store=store,
            single_use_grant=bool(getattr(grant, "SINGLE_USE_CREDENTIAL", False)),
        )


__all__ = ["AccessToken", "GrantTokenSource", "MemoryTokenStore", "TokenSource", "TokenStore", "TokenUnavailable"]
