"""Cached, refreshed, single-flight access tokens, usable as ``auth=`` of httpx2 and httpx clients.

``TokenSource`` knows nothing of any API: it is given the two ways to get a token (repeat the
original grant, or redeem a refresh token) and does the rest: caching with expiry, refreshing
``skew`` seconds early, one request however many threads or tasks ask at once, persistence through a
``TokenStore``, and a refresh-and-retry-once on a 401 from the API it guards. ``GrantTokenSource``
builds those two ways from one generated token operation; each client's ``tokens`` module only says
how its grant, refresh grant and response look.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from dataclasses import replace
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from .._internal.http import AUTH_BASE, httpx
from .._internal.telemetry import renewal_async, renewal_sync, renewing
from ..errors import APIStatusError, ConnectError, TokenUnavailable
from .access_token import AccessToken
from .single_flight import SingleFlight
from .store import MemoryTokenStore, SharedTokenStore, TokenStore

if TYPE_CHECKING:
    from .shared_renewal import SharedRenewal

Fetch = Callable[[], AccessToken]
Refresh = Callable[[str], AccessToken]
AsyncFetch = Callable[[], Awaitable[AccessToken]]
AsyncRefresh = Callable[[str], Awaitable[AccessToken]]

#: OAuth error codes that mean "this refresh token is no good" (RFC 6749 §5.2).
REJECTED_REFRESH_TOKEN = frozenset({"invalid_grant"})


class TokenSource(AUTH_BASE):
    """A valid access token whenever one is asked for; also an ``Auth`` of httpx2 and of httpx
    (whichever are installed), so ``httpx2.Client(auth=source)`` and ``httpx.Client(auth=source)``
    both renew and retry on a 401.

    Guarantees, per process: one renewal per expiry however many threads and tasks (on any number
    of event loops) ask at once; a failed renewal is shared with everyone who waited on it, and the
    next caller tries again; a 401 from the API renews only if the rejected token is still the
    current one; a refresh answer without a ``refresh_token`` keeps the previous one (RFC 6749 §6).
    """

    #: A streamed request body is read up front, so the request can be sent again after a 401.
    requires_request_body = True

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
        store_wait: float = 30.0,
    ) -> None:
        """``fetch`` repeats the original grant; ``refresh`` redeems a refresh token. A
        ``single_use_grant`` (an authorization code) is sent once; after that only refresh works.
        ``store_wait`` bounds how long a renewal waits for a shared store's lock (or for the store
        to come back) before raising ``StoreUnavailable``."""
        if skew < 0:
            raise ValueError(f"skew must be 0 or more seconds, got {skew!r}")
        self._fetch, self._async_fetch = fetch, async_fetch
        self._refresh, self._async_refresh = refresh, async_refresh
        self.skew = skew
        self.clock = clock
        #: Where the tokens live: the ``store`` given, else a ``MemoryTokenStore`` of its own.
        self.store: TokenStore = store if store is not None else MemoryTokenStore()
        self._single_use_grant = single_use_grant
        self._grant_used = False
        self._flights: SingleFlight[AccessToken] = SingleFlight()
        # The hot path: a fresh token is served from memory; a store is read only to renew.
        self._cached: AccessToken | None = None
        self._shared: SharedRenewal | None = None
        if isinstance(self.store, SharedTokenStore):
            # Imported with the first shared store, not with the module: a token call without one
            # (most cold starts) does not pay for the fleet's renewal and its failure records.
            from .shared_renewal import SharedRenewal

            self._shared = SharedRenewal(self.store, wait=store_wait)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(skew={self.skew!r}, store={type(self.store).__name__})"

    def current(self) -> AccessToken | None:
        """The token in use (this process's, else the store's), fresh or not, without renewing."""
        return self._cached or self.store.load()

    def forget(self) -> None:
        """Drop the token in use (after revoking it): the next call gets a new one, and a store
        shared with other processes keeps it only as expired, with no refresh token, so none of
        them sends it again."""
        current = self.current()
        self._cached = None
        if current is not None:
            self.store.save(AccessToken(current.access_token, 0.0, None, None, current.token_type, current.scope))

    # -- sync ---------------------------------------------------------------------------------
    def token(self, *, force_refresh: bool = False, rejected: AccessToken | None = None) -> AccessToken:
        """A fresh token. ``rejected`` is one the API refused: a new one is got unless another
        caller already replaced it. ``force_refresh`` rejects whatever token is current."""
        current = self._cached
        if force_refresh:
            rejected = current if current is not None else self.store.load()
        if self._usable(current, rejected):
            assert current is not None
            return current
        flight, leader = self._flights.join()
        if not leader:
            token = flight.wait()
            return token if self._usable(token, rejected) else self.token(rejected=rejected)
        try:
            token = renewal_sync(self._obtain_sync, rejected, self.store)  # spans, metrics, a log line
        except BaseException as error:
            flight.fail(error)
            raise
        else:
            self._cached = token
            flight.succeed(token)
            return token
        finally:
            self._flights.land(flight)

    def _obtain_sync(self, rejected: AccessToken | None) -> AccessToken:
        if self._shared is not None:
            return self._shared.renew(lambda token: self._usable(token, rejected), self._renew_sync)
        # Whoever renewed while we looked has left a token we can use.
        current = self.store.load()
        if self._usable(current, rejected):
            assert current is not None
            return current
        token = self._renew_sync(current)
        self.store.save(token)
        return token

    def _renew_sync(self, current: AccessToken | None) -> AccessToken:
        if current is not None and current.refreshable_at(self.clock()) and self._refresh is not None:
            assert current.refresh_token is not None
            renewing("refresh_token")
            try:
                return keep_refresh_token(self._refresh(current.refresh_token), current)
            except APIStatusError as error:
                if not _refresh_token_rejected(error):
                    raise
                # Rejected as already used: another process may have redeemed it and saved the token.
                saved = self.store.load()
                if self._usable(saved, current):
                    assert saved is not None
                    return saved
                if not self._can_replay(self._fetch):
                    raise self._unavailable(error) from error
        if not self._can_fetch(self._fetch):
            raise self._unavailable(None)
        assert self._fetch is not None
        renewing("original")
        try:
            token = self._fetch()
        except ConnectError:
            raise  # the grant never reached the server: a single-use one may still be sent
        except BaseException:
            self._grant_used = True  # it may have reached the server, which may have consumed it
            raise
        self._grant_used = True
        return token

    # -- async --------------------------------------------------------------------------------
    async def atoken(self, *, force_refresh: bool = False, rejected: AccessToken | None = None) -> AccessToken:
        """``token()`` for asyncio: the same single flight, shared with threads and other loops."""
        current = self._cached
        if force_refresh:
            rejected = current if current is not None else self.store.load()
        if self._usable(current, rejected):
            assert current is not None
            return current
        flight, leader = self._flights.join()
        if not leader:
            token = await flight.wait_async()
            return token if self._usable(token, rejected) else await self.atoken(rejected=rejected)
        try:
            token = await renewal_async(self._obtain_async, rejected, self.store)
        except BaseException as error:
            flight.fail(error)
            raise
        else:
            self._cached = token
            flight.succeed(token)
            return token
        finally:
            self._flights.land(flight)

    async def _obtain_async(self, rejected: AccessToken | None) -> AccessToken:
        if self._shared is not None:
            return await self._shared.arenew(lambda token: self._usable(token, rejected), self._renew_async)
        current = self.store.load()
        if self._usable(current, rejected):
            assert current is not None
            return current
        token = await self._renew_async(current)
        self.store.save(token)
        return token

    async def _renew_async(self, current: AccessToken | None) -> AccessToken:
        if current is not None and current.refreshable_at(self.clock()) and self._async_refresh is not None:
            assert current.refresh_token is not None
            renewing("refresh_token")
            try:
                return keep_refresh_token(await self._async_refresh(current.refresh_token), current)
            except APIStatusError as error:
                if not _refresh_token_rejected(error):
                    raise
                saved = await self._aload()
                if self._usable(saved, current):
                    assert saved is not None
                    return saved
                if not self._can_replay(self._async_fetch):
                    raise self._unavailable(error) from error
        if not self._can_fetch(self._async_fetch):
            raise self._unavailable(None)
        assert self._async_fetch is not None
        renewing("original")
        try:
            token = await self._async_fetch()
        except ConnectError:
            raise
        except BaseException:
            self._grant_used = True
            raise
        self._grant_used = True
        return token

    # -- shared -------------------------------------------------------------------------------
    def _can_fetch(self, fetch: object) -> bool:
        return fetch is not None and not (self._single_use_grant and self._grant_used)

    def _can_replay(self, fetch: object) -> bool:
        """Whether the original grant may stand in for a rejected refresh token: never a single-use
        one (an authorization code), which this source or another process sharing its store may
        have redeemed already; replaying it would revoke the session (RFC 6749 §4.1.2)."""
        return fetch is not None and not self._single_use_grant

    async def _aload(self) -> AccessToken | None:
        from .shared_renewal import AsyncSharedTokenStore  # with the first async renewal (see __init__)

        store = self.store
        if isinstance(store, AsyncSharedTokenStore):
            return await store.aload()
        return store.load()

    def _usable(self, token: AccessToken | None, rejected: AccessToken | None) -> bool:
        """A token that is fresh and is not the one the caller found wanting."""
        if token is None or (rejected is not None and token.access_token == rejected.access_token):
            return False
        return token.fresh_at(self.clock(), self.skew)

    def _unavailable(self, error: APIStatusError | None) -> TokenUnavailable:
        why = f" (refresh answered HTTP {error.status_code}{' ' + error.error if error.error else ''})" if error else ""
        return TokenUnavailable(
            f"no access token without the user{why}: the refresh token is expired or revoked and the "
            "original grant cannot be repeated; sign in again"
        )

    # -- httpx.Auth ---------------------------------------------------------------------------
    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # httpx.Auth reads the body for requires_request_body in the flows this class replaces: a
        # streamed body is read here, so that it can be sent again after a 401.
        request.read()
        sent = self.token()
        request.headers["Authorization"] = f"Bearer {sent.access_token}"
        response = yield request
        if response.status_code == 401:
            # Revoked or expired early: one fresh token (unless someone already got one), one retry.
            response.read()
            request.headers["Authorization"] = f"Bearer {self.token(rejected=sent).access_token}"
            yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        await request.aread()
        sent = await self.atoken()
        request.headers["Authorization"] = f"Bearer {sent.access_token}"
        response = yield request
        if response.status_code == 401:
            await response.aread()
            request.headers["Authorization"] = f"Bearer {(await self.atoken(rejected=sent)).access_token}"
            yield request


def keep_refresh_token(fresh: AccessToken, previous: AccessToken) -> AccessToken:
    """``fresh``, keeping ``previous``'s refresh token when the refresh answer carried none
    (RFC 6749 §6: the server MAY issue a new one; if it does not, the old one stays valid)."""
    if fresh.refresh_token is not None:
        return fresh
    return replace(fresh, refresh_token=previous.refresh_token, refresh_expires_at=previous.refresh_expires_at)


def _refresh_token_rejected(error: APIStatusError) -> bool:
    return error.status_code in (400, 401) and error.error in REJECTED_REFRESH_TOKEN


GrantT = TypeVar("GrantT")
ResultT = TypeVar("ResultT")


class GrantTokenSource(TokenSource, Generic[GrantT, ResultT]):
    """A ``TokenSource`` over one generated token operation.

    ``grant`` is the request body of the original grant, or a factory that makes a fresh one for
    every request (for assertions that expire). ``call``/``acall`` send a body and return the parsed
    success model; ``to_token`` turns that model into an ``AccessToken`` (given the clock's time
    when the answer arrived); ``refresh_grant(refresh_token, grant)`` makes the body that redeems a
    refresh token (``None`` when the API has no refresh tokens); ``grant`` is a freshly made original
    grant, whose client authentication (``client_id``, a newly signed ``client_assertion``) the
    refresh must carry too. ``explain`` may turn an error of the original grant (given
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
        refresh_grant: Callable[[str, GrantT], GrantT] | None = None,
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

        def refresh_body(refresh_token: str) -> GrantT:
            assert refresh_grant is not None
            # A factory makes a fresh grant (and so a fresh client assertion); it is not sent.
            template: GrantT = grant() if callable(grant) else grant
            if getattr(template, "SINGLE_USE_CREDENTIAL", False):
                self._single_use_grant = True  # so a rejected refresh never falls back to it
            return refresh_grant(refresh_token, template)

        def refresh(refresh_token: str) -> AccessToken:
            return to_token(call(refresh_body(refresh_token)), self.clock())

        async def async_refresh(refresh_token: str) -> AccessToken:
            return to_token(await acall(refresh_body(refresh_token)), self.clock())

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


__all__ = [
    "AccessToken",
    "GrantTokenSource",
    "MemoryTokenStore",
    "SharedTokenStore",
    "TokenSource",
    "TokenStore",
    "TokenUnavailable",
]
