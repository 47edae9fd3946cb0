"""Renewing a token through a store that several processes (and hosts) share.

Within a process, ``SingleFlight`` already makes one caller the leader. The leader then takes the
store's lock: whoever holds it renews, everyone else waits for it and finds the new token in the
store. A ``WakingTokenStore`` (the file and Redis stores) wakes those waiters the moment the holder
releases the lock, and when the holder's renewal failed, they raise its error (rebuilt from what
it left in the store) instead of each sending a token request of their own; a renewal that starts
after that failure tries again, as within one process. Under the lock the stored token is read
again (another process may have just renewed), and the renewed one is saved by compare-and-set
against the token the renewal started from.

A store that cannot be reached is retried for ``wait`` seconds, then ``StoreUnavailable`` is
raised: renewing behind the store's back would let two processes redeem the same rotating refresh
token. A token obtained from the vendor whose save fails is kept, served from memory, and saved
again on the next renewal: it is never silently lost.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from .._internal.telemetry import waited_for_another_process, waited_in_vain
from ..errors import GrantwireError, StoreRefused, StoreUnavailable
from .renewal_outcome import RenewalFailure, fingerprint
from .store import WakingTokenStore

if TYPE_CHECKING:
    from .access_token import AccessToken
    from .store import SharedTokenStore


@runtime_checkable
class AsyncSharedTokenStore(Protocol):
    """A shared store with coroutine versions of its methods, for renewals on an event loop."""

    async def aload(self) -> AccessToken | None:
        """``load``, as a coroutine."""
        ...

    async def asave(self, token: AccessToken) -> None:
        """``save``, as a coroutine."""
        ...

    async def aacquire(self, timeout: float) -> bool:
        """``acquire``, as a coroutine."""
        ...

    async def arelease(self) -> None:
        """``release``, as a coroutine."""
        ...

    async def acompare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        """``compare_and_save``, as a coroutine."""
        ...


logger = logging.getLogger("grantwire.tokens")
T = TypeVar("T")
#: How long to wait between tries while the store cannot be reached.
RETRY_EVERY = 0.1


@runtime_checkable
class AsyncWakingTokenStore(AsyncSharedTokenStore, Protocol):
    """``WakingTokenStore``'s methods as coroutines (``RedisTokenStore`` on ``redis.asyncio``)."""

    async def aclaim(self, timeout: float) -> bool:
        """``claim``, as a coroutine."""
        ...

    async def arelease_after(self, failure: RenewalFailure | None) -> None:
        """``release_after``, as a coroutine."""
        ...

    async def alast_failure(self) -> RenewalFailure | None:
        """``last_failure``, as a coroutine."""
        ...


class SharedRenewal:
    """The cross-process half of a token source's renewal, for one shared store."""

    def __init__(
        self, store: SharedTokenStore, *, wait: float, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.wait = wait
        self.monotonic = monotonic
        #: A token obtained from the vendor whose save failed: kept, and saved with the next renewal.
        self.unsaved: AccessToken | None = None
        self._outage = False

    # -- sync ---------------------------------------------------------------------------------
    def renew(
        self, usable: Callable[[AccessToken | None], bool], renew: Callable[[AccessToken | None], AccessToken]
    ) -> AccessToken:
        """A ``usable`` token: the one another process just stored, or one renewed here under the lock."""
        deadline = self.monotonic() + self.wait
        store = self.store
        stored = self._until(deadline, store.load)
        if usable(stored):
            assert stored is not None
            return stored
        if not isinstance(store, WakingTokenStore):
            if not self._until(deadline, lambda: store.acquire(self._left(deadline))):
                raise self._lock_not_free()
            try:
                return self._renew_holding(usable, renew, deadline)
            finally:
                self._release()
        while True:
            if self._until(deadline, lambda: store.claim(self._left(deadline))):
                failure: list[RenewalFailure] = []
                try:
                    return self._renew_holding(usable, renew, deadline, failure)
                finally:
                    with contextlib.suppress(StoreUnavailable):  # unreachable: the lock expires by itself
                        store.release_after(failure[0] if failure else None)
            # Woken: the holder released the lock (or died, or the fallback look came due).
            stored = self._until(deadline, store.load)
            if usable(stored):
                assert stored is not None
                waited_for_another_process()
                return stored
            self._raise_shared(self._until(deadline, store.last_failure), stored, deadline)

    def _renew_holding(
        self,
        usable: Callable[[AccessToken | None], bool],
        renew: Callable[[AccessToken | None], AccessToken],
        deadline: float,
        failure: list[RenewalFailure] | None = None,
    ) -> AccessToken:
        stored = self._until(deadline, self._load_locked)
        if usable(stored):
            assert stored is not None
            waited_for_another_process()  # it renewed while this one waited for the lock
            return stored
        try:
            token = renew(stored)
        except GrantwireError as error:
            if failure is not None:
                failure.append(RenewalFailure.of(error, stored))  # for the waiters, with the lock
            raise
        self._save(stored, token)
        return token

    def _until(self, deadline: float, operation: Callable[[], T]) -> T:
        while True:
            try:
                result = operation()
            except StoreRefused:
                raise  # a wrong password or ACL: waiting for it would not help
            except StoreUnavailable:
                self._note_outage()
                if self.monotonic() + RETRY_EVERY >= deadline:
                    raise
                time.sleep(RETRY_EVERY)
            else:
                self._note_recovery()
                return result

    # -- async --------------------------------------------------------------------------------
    async def arenew(
        self,
        usable: Callable[[AccessToken | None], bool],
        renew: Callable[[AccessToken | None], Awaitable[AccessToken]],
    ) -> AccessToken:
        """``renew()`` for asyncio: a store with async methods (``RedisTokenStore``) is awaited on
        the caller's loop; any other store's blocking calls run in a worker thread."""
        store = self.store
        deadline = self.monotonic() + self.wait
        native = store if isinstance(store, AsyncSharedTokenStore) else None
        stored = await self._ado(deadline, store.load, native.aload if native else None)
        if usable(stored):
            assert stored is not None
            return stored
        if not isinstance(store, WakingTokenStore):
            if not await self._aacquire(deadline):
                raise self._lock_not_free()
            try:
                return await self._arenew_holding(usable, renew, deadline)
            finally:
                await self._arelease()
        waking: AsyncWakingTokenStore | None = None
        if isinstance(self.store, AsyncWakingTokenStore):
            waking = self.store
        while True:
            claimed = await self._ado(
                deadline,
                lambda: store.claim(self._left(deadline)),
                (lambda: waking.aclaim(self._left(deadline))) if waking else None,
            )
            if claimed:
                failure: list[RenewalFailure] = []
                try:
                    return await self._arenew_holding(usable, renew, deadline, failure)
                finally:
                    outcome = failure[0] if failure else None
                    with contextlib.suppress(StoreUnavailable):  # unreachable: the lock expires by itself
                        if waking is not None:
                            await waking.arelease_after(outcome)
                        else:
                            await _to_thread(store.release_after, outcome)
            stored = await self._ado(deadline, store.load, native.aload if native else None)
            if usable(stored):
                assert stored is not None
                waited_for_another_process()
                return stored
            left = await self._ado(deadline, store.last_failure, waking.alast_failure if waking else None)
            self._raise_shared(left, stored, deadline)

    async def _arenew_holding(
        self,
        usable: Callable[[AccessToken | None], bool],
        renew: Callable[[AccessToken | None], Awaitable[AccessToken]],
        deadline: float,
        failure: list[RenewalFailure] | None = None,
    ) -> AccessToken:
        native = self.store if isinstance(self.store, AsyncSharedTokenStore) else None
        stored = await self._ado(deadline, self._load_locked, self._aload_locked if native else None)
        if usable(stored):
            assert stored is not None
            waited_for_another_process()
            return stored
        try:
            token = await renew(stored)
        except GrantwireError as error:
            if failure is not None:
                failure.append(RenewalFailure.of(error, stored))
            raise
        await self._asave(stored, token)
        return token

    async def _ado(self, deadline: float, sync: Callable[[], T], native: Callable[[], Awaitable[T]] | None) -> T:
        """One store operation, retried while the store is unreachable: awaited on the loop when
        the store has a coroutine for it, else in a worker thread."""
        if native is not None:
            return await self._auntil(deadline, native)
        return await _to_thread(self._until, deadline, sync)

    async def _auntil(self, deadline: float, operation: Callable[[], Awaitable[T]]) -> T:
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        while True:
            try:
                result = await operation()
            except StoreRefused:
                raise
            except StoreUnavailable:
                self._note_outage()
                if self.monotonic() + RETRY_EVERY >= deadline:
                    raise
                await asyncio.sleep(RETRY_EVERY)
            else:
                self._note_recovery()
                return result

    async def _aacquire(self, deadline: float) -> bool:
        store = self.store
        native = store if isinstance(store, AsyncSharedTokenStore) else None
        return await self._ado(
            deadline,
            lambda: store.acquire(self._left(deadline)),
            (lambda: native.aacquire(self._left(deadline))) if native else None,
        )

    async def _aload_locked(self) -> AccessToken | None:
        store = self.store
        assert isinstance(store, AsyncSharedTokenStore)
        if self.unsaved is not None:
            pending, self.unsaved = self.unsaved, None
            stored = await store.aload()
            if stored is None or stored.expires_at < pending.expires_at:
                await store.asave(pending)
                return pending
            return stored
        return await store.aload()

    async def _asave(self, expected: AccessToken | None, token: AccessToken) -> None:
        store = self.store
        if not isinstance(store, AsyncSharedTokenStore):
            await _to_thread(self._save, expected, token)
            return
        try:
            saved = await store.acompare_and_save(expected, token)
        except StoreUnavailable:
            self._keep_unsaved(token)
            return
        if not saved:
            _note_lost_race()

    async def _arelease(self) -> None:
        store = self.store
        with contextlib.suppress(StoreUnavailable):  # unreachable: the lock expires by itself
            if isinstance(store, AsyncSharedTokenStore):
                await store.arelease()
            else:
                await _to_thread(store.release)

    # -- shared -------------------------------------------------------------------------------
    def _load_locked(self) -> AccessToken | None:
        """The stored token, read under the lock (after storing one this process could not)."""
        if self.unsaved is not None:
            # A token this process got but could not store: store it now, unless the store moved on.
            pending, self.unsaved = self.unsaved, None
            stored = self.store.load()
            if stored is None or stored.expires_at < pending.expires_at:
                self.store.save(pending)
                return pending
            return stored
        return self.store.load()

    def _save(self, expected: AccessToken | None, token: AccessToken) -> None:
        try:
            saved = self.store.compare_and_save(expected, token)
        except StoreUnavailable:
            self._keep_unsaved(token)
            return
        if not saved:
            _note_lost_race()

    def _keep_unsaved(self, token: AccessToken) -> None:
        self.unsaved = token
        logger.warning("token store unreachable after a renewal: the new token is kept until it can be saved")

    def _left(self, deadline: float) -> float:
        return max(0.0, deadline - self.monotonic())

    def _lock_not_free(self) -> StoreUnavailable:
        message = f"the token store's renewal lock was not free within {self.wait:g}s"
        waited_in_vain(message)
        return StoreUnavailable(message)

    def _raise_shared(self, failure: RenewalFailure | None, stored: AccessToken | None, deadline: float) -> None:
        """After a wake-up without a usable token: the holder's error, if its renewal (from the
        token this process also found wanting) failed; ``StoreUnavailable`` once time is up."""
        if failure is not None and failure.started_from == fingerprint(stored):
            waited_in_vain(f"its renewal failed ({failure.error_class})")
            raise failure.rebuilt()
        if self.monotonic() >= deadline:
            raise self._lock_not_free()

    def _release(self) -> None:
        with contextlib.suppress(StoreUnavailable):  # unreachable: the lock expires by itself
            self.store.release()

    def _note_outage(self) -> None:
        if not self._outage:
            self._outage = True
            logger.warning("token store unreachable: renewals wait for it (fresh tokens are still served)")

    def _note_recovery(self) -> None:
        if self._outage:
            self._outage = False
            logger.warning("token store reachable again")


async def _to_thread(function: Callable[..., T], *arguments: object) -> T:
    import asyncio  # with the first async renewal, not with the module (see tokens.py)

    return await asyncio.to_thread(function, *arguments)


def _note_lost_race() -> None:
    # Only possible if this process's lock expired mid-renewal (a renewal slower than the lock's
    # lifetime): another process stored a token meanwhile; ours stays in this process's memory.
    logger.warning("the stored token changed during a renewal (the renewal outlived the store's lock)")


__all__ = ["AsyncSharedTokenStore", "AsyncWakingTokenStore", "SharedRenewal"]
