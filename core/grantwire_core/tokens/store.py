"""What a token is, and where tokens are kept: ``AccessToken``, the ``TokenStore`` protocols and
``MemoryTokenStore``. Token sources (``grantwire_core.tokens``) and the shared stores
(``file_store``, ``redis_store``) both build on these.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from .._internal.redact import secret_repr

if TYPE_CHECKING:
    from .renewal_outcome import RenewalFailure


@dataclass(frozen=True)
class AccessToken:
    """A token and when it (and its refresh token) stop working, as ``clock`` seconds."""

    access_token: str = field(repr=False)
    """The token to send (never in a repr)."""
    expires_at: float
    """When the access token stops working."""
    refresh_token: str | None = field(default=None, repr=False)
    """The refresh token the grant returned, if any (never in a repr)."""
    refresh_expires_at: float | None = None
    """When the refresh token stops working, where the server says."""
    token_type: str = "Bearer"
    """The token type the server returned."""
    scope: str | None = None
    """The scopes the server granted, space-separated, where it says."""

    def __repr__(self) -> str:
        return (
            f"AccessToken(access_token={secret_repr(self.access_token)}, expires_at={self.expires_at!r}, "
            f"refresh_token={secret_repr(self.refresh_token)}, refresh_expires_at={self.refresh_expires_at!r}, "
            f"token_type={self.token_type!r}, scope={self.scope!r})"
        )

    def fresh_at(self, now: float, skew: float) -> bool:
        """Whether the access token still works ``skew`` seconds after ``now``."""
        return now < self.expires_at - skew

    def refreshable_at(self, now: float) -> bool:
        """Whether there is a refresh token that has not expired at ``now``."""
        return self.refresh_token is not None and (self.refresh_expires_at is None or now < self.refresh_expires_at)

    def same_as(self, other: AccessToken | None) -> bool:
        """Whether ``other`` is this token (the same access token), for compare-and-set."""
        return other is not None and other.access_token == self.access_token

    def to_json(self) -> str:
        """The token as JSON, for stores that keep it outside the process."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> AccessToken:
        """The token ``to_json`` wrote; ``ValueError`` for anything else (a corrupt file, say)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a stored token must be a JSON object")
        try:
            token = cls(**data)
        except TypeError:
            raise ValueError("a stored token has unknown or missing fields") from None
        if not isinstance(token.access_token, str) or not isinstance(token.expires_at, int | float):
            raise ValueError("a stored token has fields of the wrong type")
        return token


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
