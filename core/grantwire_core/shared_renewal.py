"""Renewing a token through a store that several processes (and hosts) share.

Within a process, ``SingleFlight`` already makes one caller the leader. The leader then takes the
store's lock: whoever holds it renews, everyone else waits for it and finds the new token in the
store. Under the lock the stored token is read again (another process may have just renewed), and
the renewed one is saved by compare-and-set against the token the renewal started from.

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

from .errors import StoreUnavailable

if TYPE_CHECKING:
    from .store import AccessToken, SharedTokenStore


@runtime_checkable
class AsyncSharedTokenStore(Protocol):
    """A shared store with coroutine versions of its methods, for renewals on an event loop."""

    async def aload(self) -> AccessToken | None: ...

    async def asave(self, token: AccessToken) -> None: ...

    async def aacquire(self, timeout: float) -> bool: ...

    async def arelease(self) -> None: ...

    async def acompare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool: ...


logger = logging.getLogger("grantwire_core.tokens")
T = TypeVar("T")
#: How long to wait between tries while the store cannot be reached.
RETRY_EVERY = 0.1


class SharedRenewal:
    """The cross-process half of a token source's renewal, for one shared store."""

    def __init__(
        self, store: SharedTokenStore, *, wait: float, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        self.store = store
        self.wait = wait
        self.monotonic = monotonic
        self.unsaved: AccessToken | None = None  # obtained from the vendor, not yet in the store
        self._outage = False

    # -- sync ---------------------------------------------------------------------------------
    def renew(
        self, usable: Callable[[AccessToken | None], bool], renew: Callable[[AccessToken | None], AccessToken]
    ) -> AccessToken:
        """A ``usable`` token: the one another process just stored, or one renewed here under the lock."""
        deadline = self.monotonic() + self.wait
        stored = self._until(deadline, self.store.load)
        if usable(stored):
            assert stored is not None
            return stored
        if not self._until(deadline, lambda: self.store.acquire(max(0.0, deadline - self.monotonic()))):
            raise StoreUnavailable(f"the token store's renewal lock was not free within {self.wait:g}s")
        try:
            stored = self._until(deadline, self._load_locked)
            if usable(stored):
                assert stored is not None
                return stored
            token = renew(stored)
            self._save(stored, token)
            return token
        finally:
            self._release()

    def _until(self, deadline: float, operation: Callable[[], T]) -> T:
        while True:
            try:
                result = operation()
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
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        store = self.store
        deadline = self.monotonic() + self.wait
        if isinstance(store, AsyncSharedTokenStore):
            stored = await self._auntil(deadline, store.aload)
        else:
            stored = await asyncio.to_thread(self._until, deadline, store.load)
        if usable(stored):
            assert stored is not None
            return stored
        if not await self._aacquire(deadline):
            raise StoreUnavailable(f"the token store's renewal lock was not free within {self.wait:g}s")
        try:
            if isinstance(store, AsyncSharedTokenStore):
                stored = await self._auntil(deadline, self._aload_locked)
            else:
                stored = await asyncio.to_thread(self._until, deadline, self._load_locked)
            if usable(stored):
                assert stored is not None
                return stored
            token = await renew(stored)
            await self._asave(stored, token)
            return token
        finally:
            await self._arelease()

    async def _auntil(self, deadline: float, operation: Callable[[], Awaitable[T]]) -> T:
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        while True:
            try:
                result = await operation()
            except StoreUnavailable:
                self._note_outage()
                if self.monotonic() + RETRY_EVERY >= deadline:
                    raise
                await asyncio.sleep(RETRY_EVERY)
            else:
                self._note_recovery()
                return result

    async def _aacquire(self, deadline: float) -> bool:
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        store = self.store
        if isinstance(store, AsyncSharedTokenStore):
            return await self._auntil(deadline, lambda: store.aacquire(max(0.0, deadline - self.monotonic())))
        return await asyncio.to_thread(
            self._until, deadline, lambda: store.acquire(max(0.0, deadline - self.monotonic()))
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
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        store = self.store
        if not isinstance(store, AsyncSharedTokenStore):
            await asyncio.to_thread(self._save, expected, token)
            return
        try:
            saved = await store.acompare_and_save(expected, token)
        except StoreUnavailable:
            self._keep_unsaved(token)
            return
        if not saved:
            _note_lost_race()

    async def _arelease(self) -> None:
        import asyncio  # with the first async renewal, not with the module (see tokens.py)

        store = self.store
        with contextlib.suppress(StoreUnavailable):  # unreachable: the lock expires by itself
            if isinstance(store, AsyncSharedTokenStore):
                await store.arelease()
            else:
                await asyncio.to_thread(store.release)

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


def _note_lost_race() -> None:
    # Only possible if this process's lock expired mid-renewal (a renewal slower than the lock's
    # lifetime): another process stored a token meanwhile; ours stays in this process's memory.
    logger.warning("the stored token changed during a renewal (the renewal outlived the store's lock)")


__all__ = ["AsyncSharedTokenStore", "SharedRenewal"]
