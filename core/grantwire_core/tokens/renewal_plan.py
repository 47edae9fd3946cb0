"""What a token source does next to renew a token: the one place that decides, with no I/O.

A renewal starts from the token it found wanting (the store's, or none) and takes steps until it
has a token or must give up: ``Refresh`` that token's refresh token, ``RepeatGrant`` (send the
original grant again), ``Serve`` a token another process saved meanwhile, or ``Fail`` (no token
without the user). ``RenewalPlan.next_step`` chooses the step from a ``RenewalState``; the token
source's two loops, sync and async, only carry it out (send, store, wait) and tell the plan what
happened.

The rule that keeps a user's session alive lives here, once: a single-use grant (an authorization
code) is sent at most once, and not again after any attempt that may have reached the server
(anything but a connection that never opened), because the server may have redeemed it, and
sending it twice revokes the session it began (RFC 6749 §4.1.2). Nor does a single-use grant
stand in for a refused refresh token: another process sharing the store may have redeemed it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, TypeAlias

from .._internal.records import FrozenRecord
from ..errors import ConnectError

if TYPE_CHECKING:
    from ..errors import APIStatusError
    from .access_token import AccessToken

#: OAuth error codes that mean "this refresh token is no good" (RFC 6749 §5.2).
REJECTED_REFRESH_TOKEN = frozenset({"invalid_grant"})


# Declared over FrozenRecord with their __init__ written out: frozen dataclasses all the same, but
# nothing compiled when a token call's cold start imports them (see FrozenRecord).
@dataclass(init=False, repr=False, eq=False)
class Serve(FrozenRecord):
    """Hand out ``token``: another process renewed while this one was refused, nothing is sent."""

    token: AccessToken

    def __init__(self, token: AccessToken) -> None:
        object.__setattr__(self, "token", token)


@dataclass(init=False, repr=False, eq=False)
class Refresh(FrozenRecord):
    """Redeem the refresh token of ``previous``, the token the renewal started from."""

    previous: AccessToken

    def __init__(self, previous: AccessToken) -> None:
        object.__setattr__(self, "previous", previous)

    @property
    def refresh_token(self) -> str:
        """The refresh token to send (never in a repr: ``previous`` hides it)."""
        assert self.previous.refresh_token is not None  # next_step refreshes only such a token
        return self.previous.refresh_token

    def answered(self, fresh: AccessToken) -> AccessToken:
        """The token the refresh got, keeping ``previous``'s refresh token when the answer carried
        none (RFC 6749 §6: the server MAY issue a new one; if it does not, the old one stays valid)."""
        return keep_refresh_token(fresh, self.previous)


@dataclass(init=False, repr=False, eq=False)
class RepeatGrant(FrozenRecord):
    """Send the original grant (again); tell the plan how it went (``RenewalPlan.grant_sent``)."""


@dataclass(init=False, repr=False, eq=False)
class Fail(FrozenRecord):
    """No token without the user: raise ``TokenUnavailable``. ``refusal`` is the answer that
    refused the refresh token, where there was one."""

    refusal: APIStatusError | None = None

    def __init__(self, refusal: APIStatusError | None = None) -> None:
        object.__setattr__(self, "refusal", refusal)

    def reason(self) -> str:
        """What to tell the user (the status and OAuth error code only: never a secret)."""
        refusal = self.refusal
        why = ""
        if refusal is not None:
            why = f" (refresh answered HTTP {refusal.status_code}{' ' + refusal.error if refusal.error else ''})"
        return (
            f"no access token without the user{why}: the refresh token is expired or revoked and the "
            "original grant cannot be repeated; sign in again"
        )


Step: TypeAlias = "Serve | Refresh | RepeatGrant | Fail"


@dataclass(init=False, repr=False, eq=False)
class RenewalState(FrozenRecord):
    """Where one renewal stands: what it started from and what it has learnt since."""

    current: AccessToken | None
    """The token the renewal started from (the store's, fresh or not), or none."""
    now: float
    """The source's clock, when this state was taken."""
    skew: float
    """How many seconds before its expiry a token counts as wanting."""
    can_refresh: bool = True
    """Whether the source can redeem a refresh token (the API issues them)."""
    can_grant: bool = True
    """Whether the source has an original grant at all."""
    refusal: APIStatusError | None = None
    """The answer that refused ``current``'s refresh token (expired, revoked or already used)."""
    saved: AccessToken | None = None
    """What the store held when the refusal came: another process may have just renewed."""

    def __init__(
        self,
        current: AccessToken | None,
        now: float,
        skew: float,
        can_refresh: bool = True,
        can_grant: bool = True,
        refusal: APIStatusError | None = None,
        saved: AccessToken | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "current", current)
        set_field(self, "now", now)
        set_field(self, "skew", skew)
        set_field(self, "can_refresh", can_refresh)
        set_field(self, "can_grant", can_grant)
        set_field(self, "refusal", refusal)
        set_field(self, "saved", saved)

    def refused(self, refusal: APIStatusError, saved: AccessToken | None, now: float) -> RenewalState:
        """This state after the server refused the refresh token, with what the store held then."""
        return replace(self, refusal=refusal, saved=saved, now=now)


class RenewalPlan:
    """A token source's renewal decisions, and the one fact they carry from renewal to renewal:
    whether its original grant may have reached the server.

    ``single_use_grant`` is known at once for a grant given as is, and only once made for a grant
    made by a factory: ``learn_single_use`` records it then.
    """

    __slots__ = ("grant_may_have_arrived", "single_use_grant")

    def __init__(self, *, single_use_grant: bool = False) -> None:
        self.single_use_grant = single_use_grant
        #: Whether the original grant was sent and may have reached the server.
        self.grant_may_have_arrived = False

    def __repr__(self) -> str:
        return (
            f"RenewalPlan(single_use_grant={self.single_use_grant!r}, "
            f"grant_may_have_arrived={self.grant_may_have_arrived!r})"
        )

    def next_step(self, state: RenewalState) -> Step:
        """The step to take from ``state``."""
        if state.refusal is not None:
            # The refresh token was refused, maybe as already used by another process that then
            # saved the token it got: use that one rather than asking again.
            if usable(state.saved, state.current, state.now, state.skew):
                assert state.saved is not None
                return Serve(state.saved)
            if not state.can_grant or self.single_use_grant:
                return Fail(state.refusal)
            return RepeatGrant()
        current = state.current
        if current is not None and state.can_refresh and current.refreshable_at(state.now):
            return Refresh(current)
        if not state.can_grant or (self.single_use_grant and self.grant_may_have_arrived):
            return Fail()
        return RepeatGrant()

    def learn_single_use(self) -> None:
        """The grant turned out to be single-use (a factory made an authorization code)."""
        self.single_use_grant = True

    def grant_sent(self, error: BaseException | None) -> None:
        """The original grant was sent, and answered (``error`` None) or failed with ``error``.

        Only a connection that failed (``ConnectError``: nothing left this process) proves that
        the grant never reached the server; after anything else, it may have been redeemed.
        """
        if not isinstance(error, ConnectError):
            self.grant_may_have_arrived = True


def refresh_token_refused(error: APIStatusError) -> bool:
    """Whether a refresh answer says the refresh token is no good (rather than "try later")."""
    return error.status_code in (400, 401) and error.error in REJECTED_REFRESH_TOKEN


def usable(token: AccessToken | None, rejected: AccessToken | None, now: float, skew: float) -> bool:
    """Whether ``token`` is fresh ``skew`` seconds after ``now`` and is not ``rejected``, the one
    the caller found wanting."""
    if token is None or (rejected is not None and token.access_token == rejected.access_token):
        return False
    return token.fresh_at(now, skew)


def keep_refresh_token(fresh: AccessToken, previous: AccessToken) -> AccessToken:
    """``fresh``, keeping ``previous``'s refresh token when the refresh answer carried none
    (RFC 6749 §6: the server MAY issue a new one; if it does not, the old one stays valid)."""
    if fresh.refresh_token is not None:
        return fresh
    return replace(fresh, refresh_token=previous.refresh_token, refresh_expires_at=previous.refresh_expires_at)


__all__ = [
    "REJECTED_REFRESH_TOKEN",
    "Fail",
    "Refresh",
    "RenewalPlan",
    "RenewalState",
    "RepeatGrant",
    "Serve",
    "Step",
    "keep_refresh_token",
    "refresh_token_refused",
    "usable",
]
