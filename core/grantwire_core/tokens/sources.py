"""Cached, refreshed, single-flight access tokens, usable as ``auth=`` of httpx2 and httpx clients.

``TokenSource`` knows nothing of any API: it is given the two ways to get a token (repeat the
original grant, or redeem a refresh token) and does the rest: caching with expiry, refreshing
``skew`` seconds early, one request however many threads or tasks ask at once, persistence through a
``TokenStore``, and a refresh-and-retry-once on a 401 from the API it guards. What a renewal sends
next is decided by ``renewal_plan`` (without I/O); the two loops here, sync and async, only carry
the steps out. ``GrantTokenSource`` builds the two ways from a ``TokenEndpoint`` (``endpoint``),
which each client's ``tokens`` module implements once over its generated token operation.
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import TYPE_CHECKING, Generic, NoReturn, TypeVar

from .._internal.http import AUTH_BASE, httpx
from .._internal.telemetry import renewal_async, renewal_sync, renewing
from ..errors import APIStatusError, TokenUnavailable
from . import renewal_plan as plan
from .access_token import AccessToken
from .endpoint import CallbackEndpoint, TokenEndpoint
from .renewal_plan import RenewalPlan, RenewalState, refresh_token_refused, usable
from .single_flight import SingleFlight
from .store import MemoryTokenStore, SharedTokenStore, TokenStore

if TYPE_CHECKING:
    from .shared_renewal import SharedRenewal

Fetch = Callable[[], AccessToken]
Refresh = Callable[[str], AccessToken]
AsyncFetch = Callable[[], Awaitable[AccessToken]]
AsyncRefresh = Callable[[str], Awaitable[AccessToken]]


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
        #: What to send next, and whether the original grant may have reached the server already.
        self._plan = RenewalPlan(single_use_grant=single_use_grant)
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
        # Carries out the plan's steps; at most two: a refused refresh, then what replaces it.
        state = self._begin(current, can_refresh=self._refresh is not None, can_grant=self._fetch is not None)
        while True:
            step = self._plan.next_step(state)
            if isinstance(step, plan.Serve):
                return step.token
            if isinstance(step, plan.Fail):
                raise TokenUnavailable(step.reason()) from step.refusal
            if isinstance(step, plan.Refresh):
                assert self._refresh is not None
                renewing("refresh_token")
                try:
                    return step.answered(self._refresh(step.refresh_token))
                except APIStatusError as error:
                    if not refresh_token_refused(error):
                        raise
                    state = state.refused(error, self.store.load(), self.clock())
                continue
            assert self._fetch is not None
            renewing("original")
            try:
                token = self._fetch()
            except BaseException as error:
                self._plan.grant_sent(error)
                raise
            self._plan.grant_sent(None)
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
        state = self._begin(
            current, can_refresh=self._async_refresh is not None, can_grant=self._async_fetch is not None
        )
        while True:
            step = self._plan.next_step(state)
            if isinstance(step, plan.Serve):
                return step.token
            if isinstance(step, plan.Fail):
                raise TokenUnavailable(step.reason()) from step.refusal
            if isinstance(step, plan.Refresh):
                assert self._async_refresh is not None
                renewing("refresh_token")
                try:
                    return step.answered(await self._async_refresh(step.refresh_token))
                except APIStatusError as error:
                    if not refresh_token_refused(error):
                        raise
                    state = state.refused(error, await self._aload(), self.clock())
                continue
            assert self._async_fetch is not None
            renewing("original")
            try:
                token = await self._async_fetch()
            except BaseException as error:
                self._plan.grant_sent(error)
                raise
            self._plan.grant_sent(None)
            return token

    # -- shared -------------------------------------------------------------------------------
    def _begin(self, current: AccessToken | None, *, can_refresh: bool, can_grant: bool) -> RenewalState:
        return RenewalState(current, self.clock(), self.skew, can_refresh=can_refresh, can_grant=can_grant)

    async def _aload(self) -> AccessToken | None:
        from .shared_renewal import AsyncSharedTokenStore  # with the first async renewal (see __init__)

        store = self.store
        if isinstance(store, AsyncSharedTokenStore):
            return await store.aload()
        return store.load()

    def _usable(self, token: AccessToken | None, rejected: AccessToken | None) -> bool:
        """A token that is fresh and is not the one the caller found wanting."""
        return usable(token, rejected, self.clock(), self.skew)

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


GrantT = TypeVar("GrantT")
ResultT = TypeVar("ResultT")


class GrantTokenSource(TokenSource, Generic[GrantT, ResultT]):
    """A ``TokenSource`` over one vendor's token endpoint.

    ``grant`` is the request body of the original grant, or a factory that makes a fresh one for
    every request (for assertions that expire). ``endpoint`` (a ``TokenEndpoint``) sends a request
    and reads its answer, builds the request that redeems a refresh token (given a freshly made
    original grant, whose client authentication, a ``client_id`` or a newly signed
    ``client_assertion``, the refresh must carry too), and may explain an error of the original
    grant in the vendor's terms (Docusign's ``consent_required`` as ``ConsentRequired``).

    The older keywords still build one: ``call``/``acall`` send a body and return the parsed
    success model; ``to_token`` turns that model into an ``AccessToken`` (given the clock's time
    when the answer arrived); ``refresh_grant(refresh_token, grant)`` makes the refresh request
    (``None`` when the API has no refresh tokens); ``explain(error, grant)`` rewords an error, or
    returns ``None`` to keep it.

    A grant whose class says ``SINGLE_USE_CREDENTIAL`` (an authorization code, however it is
    given) is sent once; after that only its refresh token renews.
    """

    def __init__(
        self,
        grant: GrantT | Callable[[], GrantT],
        *,
        endpoint: TokenEndpoint[GrantT, ResultT] | None = None,
        call: Callable[[GrantT], ResultT] | None = None,
        acall: Callable[[GrantT], Awaitable[ResultT]] | None = None,
        to_token: Callable[[ResultT, float], AccessToken] | None = None,
        refresh_grant: Callable[[str, GrantT], GrantT] | None = None,
        explain: Callable[[APIStatusError, GrantT], Exception | None] | None = None,
        skew: float = 60.0,
        clock: Callable[[], float] = time.time,
        store: TokenStore | None = None,
    ) -> None:
        if endpoint is None:
            if call is None or acall is None or to_token is None:
                raise TypeError("GrantTokenSource needs endpoint=, or call=, acall= and to_token=")
            endpoint = CallbackEndpoint(call, acall, to_token, refresh_grant, explain)
        #: The vendor's token endpoint the tokens come from.
        self.endpoint: TokenEndpoint[GrantT, ResultT] = endpoint
        self._grant = grant
        refreshes = endpoint.refreshes
        super().__init__(
            fetch=self._send_grant,
            async_fetch=self._asend_grant,
            refresh=self._send_refresh if refreshes else None,
            async_refresh=self._asend_refresh if refreshes else None,
            skew=skew,
            clock=clock,
            store=store,
            single_use_grant=bool(getattr(grant, "SINGLE_USE_CREDENTIAL", False)),
        )

    def _send_grant(self) -> AccessToken:
        request = self._next_grant()
        try:
            answer = self.endpoint.send(request)
        except APIStatusError as error:
            self._raise_explained(error, request)
        return self.endpoint.parse(answer, self.clock())

    async def _asend_grant(self) -> AccessToken:
        request = self._next_grant()
        try:
            answer = await self.endpoint.asend(request)
        except APIStatusError as error:
            self._raise_explained(error, request)
        return self.endpoint.parse(answer, self.clock())

    def _send_refresh(self, refresh_token: str) -> AccessToken:
        answer = self.endpoint.send(self._refresh_request(refresh_token))
        return self.endpoint.parse(answer, self.clock())

    async def _asend_refresh(self, refresh_token: str) -> AccessToken:
        answer = await self.endpoint.asend(self._refresh_request(refresh_token))
        return self.endpoint.parse(answer, self.clock())

    def _next_grant(self) -> GrantT:
        made: GrantT = self._grant() if callable(self._grant) else self._grant
        if getattr(made, "SINGLE_USE_CREDENTIAL", False):
            # Known only once a factory has made one: from now on it is never made again, nor
            # replayed for a refused refresh token.
            self._plan.learn_single_use()
        return made

    def _refresh_request(self, refresh_token: str) -> GrantT:
        # A factory makes a fresh grant (and so a fresh client assertion); it is not sent.
        return self.endpoint.refresh_request(refresh_token, self._next_grant())

    def _raise_explained(self, error: APIStatusError, request: GrantT) -> NoReturn:
        better = self.endpoint.explain(error, request)
        if better is None:
            raise error
        raise better from error


__all__ = [
    "AccessToken",
    "GrantTokenSource",
    "MemoryTokenStore",
    "SharedTokenStore",
    "TokenEndpoint",
    "TokenSource",
    "TokenStore",
    "TokenUnavailable",
]
