"""Where tokens are kept: the ``TokenStore`` protocols and ``MemoryTokenStore``. Token sources
(``tokens.sources``) and the shared stores (``file_store``, ``redis_store``) both build on these;
``AccessToken`` (``tokens.access_token``) is what they keep.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .access_token import AccessToken

if TYPE_CHECKING:
    from .renewal_outcome import RenewalFailure


class TokenStore(Protocol):
    """Where tokens live between calls (and, for your own stores, between processes)."""

    def load(self) -> AccessToken | None:
        """The stored token, or None when there is none."""
        ...

    def save(self, token: AccessToken) -> None:
        """Store ``token`` in place of the previous one."""
        ...


@runtime_checkable
class SharedTokenStore(TokenStore, Protocol):
    """A store shared by several processes, which also coordinates their renewals.

    The process that ``acquire``s the store's lock renews; the others wait for it and then find the
    new token in the store. ``compare_and_save`` saves only if the stored token is still
    ``expected`` (the one the renewal started from), so a rotated refresh token is never redeemed
    twice and an older token never overwrites a newer one. Any of them raises ``StoreUnavailable``
    when the store cannot be reached.
    """

    def acquire(self, timeout: float) -> bool:
        """Take the renewal lock, waiting up to ``timeout`` seconds; False if it was not free."""
        ...

    def release(self) -> None:
        """Release the renewal lock taken with ``acquire``."""
        ...

    def compare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        """Save ``token`` only if the stored token is still ``expected``; True if it was saved."""
        ...


@runtime_checkable
class WakingTokenStore(SharedTokenStore, Protocol):
    """A shared store whose waiters are woken when a renewal ends, instead of looking again and again.

    ``claim`` takes the renewal lock if it is free; if another process holds it, ``claim`` waits
    until that holder releases it (or dies), at most ``timeout`` seconds, and returns False: the
    caller then reads the store, where the holder left its token, or ``last_failure`` when its
    renewal failed. ``release_after`` releases the lock, leaves the outcome and wakes every waiter.
    ``FileTokenStore`` and ``RedisTokenStore`` are such stores.
    """

    def claim(self, timeout: float) -> bool:
        """Take the renewal lock if it is free (True); else wait up to ``timeout`` seconds for its
        holder to release it and return False."""
        ...

    def release_after(self, failure: RenewalFailure | None) -> None:
        """Release the renewal lock, leave ``failure`` (None: the renewal succeeded) for the
        waiters to read, and wake them."""
        ...

    def last_failure(self) -> RenewalFailure | None:
        """How the last renewal failed, as its holder left it; None if it did not fail."""
        ...


class MemoryTokenStore:
    """The default store: this process's memory."""

    def __init__(self) -> None:
        self._token: AccessToken | None = None

    def load(self) -> AccessToken | None:
        return self._token

    def save(self, token: AccessToken) -> None:
        self._token = token


__all__ = ["AccessToken", "MemoryTokenStore", "SharedTokenStore", "TokenStore", "WakingTokenStore"]
