"""``TokenEndpoint``: what a token source needs to know of one vendor's token endpoint.

Each client implements it once, in its hand-written ``lib/tokens.py`` (``RingCentralTokenEndpoint``
and so on), over its generated token operation: how to send a request (sync and async), how to
read the answer as an ``AccessToken``, how to build the request that redeems a refresh token, and
how to explain an error in the vendor's terms. ``GrantTokenSource`` does the rest. An endpoint
holds no token and no state: it can be tested with a fake transport, without a token source.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from .._internal.records import FrozenRecord

if TYPE_CHECKING:
    from ..errors import APIStatusError
    from .access_token import AccessToken

GrantT = TypeVar("GrantT")
AnswerT = TypeVar("AnswerT")


class TokenEndpoint(Protocol[GrantT, AnswerT]):
    """One vendor's token endpoint: ``GrantT`` is the request body it takes (a grant), ``AnswerT``
    the success model its generated operation returns.

    A class that names ``TokenEndpoint`` as its base inherits ``refreshes`` (True) and ``explain``
    (no rewording); any other class with these members is one too.
    """

    @property
    def refreshes(self) -> bool:
        """Whether the API issues refresh tokens (``refresh_request`` is only called if it does):
        yes, unless an endpoint says otherwise."""
        return True

    def send(self, request: GrantT) -> AnswerT:
        """Send ``request`` and return the parsed answer; an error answer raises its ``APIStatusError``."""
        ...

    async def asend(self, request: GrantT) -> AnswerT:
        """``send`` on the event loop."""
        ...

    def parse(self, answer: AnswerT, now: float) -> AccessToken:
        """The token ``answer`` carries; ``now`` is the source's clock when the answer arrived."""
        ...

    def refresh_request(self, refresh_token: str, grant: GrantT) -> GrantT:
        """The request that redeems ``refresh_token``. ``grant`` is a freshly made original grant:
        whatever client authentication it carries (a ``client_id``, a newly signed
        ``client_assertion``) the refresh must carry too."""
        ...

    def explain(self, error: APIStatusError, request: GrantT) -> Exception | None:
        """A more helpful error for ``error``, the answer to the original grant ``request`` (Docusign's
        ``consent_required`` as ``ConsentRequired``), or ``None`` to raise ``error`` itself: by
        default, ``error`` itself."""
        return None


# A frozen dataclass whose methods are written out, so that importing it compiles nothing (see
# FrozenRecord): every token source imports this module.
@dataclass(init=False, repr=False, eq=False)
class CallbackEndpoint(FrozenRecord, TokenEndpoint[GrantT, AnswerT]):
    """A ``TokenEndpoint`` made of functions: ``GrantTokenSource``'s older keywords (``call``,
    ``acall``, ``to_token``, ``refresh_grant``, ``explain``) still build one."""

    call: Callable[[GrantT], AnswerT]
    """Sends a request and returns the parsed answer."""
    acall: Callable[[GrantT], Awaitable[AnswerT]]
    """``call`` as a coroutine function."""
    to_token: Callable[[AnswerT, float], AccessToken]
    """Reads an answer as an ``AccessToken`` (given the clock's time when it arrived)."""
    refresh_grant: Callable[[str, GrantT], GrantT] | None = None
    """Builds the refresh request; ``None`` when the API has no refresh tokens."""
    explainer: Callable[[APIStatusError, GrantT], Exception | None] | None = None
    """Rewords an error of the original grant, or returns ``None`` to keep it."""

    def __init__(
        self,
        call: Callable[[GrantT], AnswerT],
        acall: Callable[[GrantT], Awaitable[AnswerT]],
        to_token: Callable[[AnswerT, float], AccessToken],
        refresh_grant: Callable[[str, GrantT], GrantT] | None = None,
        explainer: Callable[[APIStatusError, GrantT], Exception | None] | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "call", call)
        set_field(self, "acall", acall)
        set_field(self, "to_token", to_token)
        set_field(self, "refresh_grant", refresh_grant)
        set_field(self, "explainer", explainer)

    @property
    def refreshes(self) -> bool:
        """Whether a ``refresh_grant`` was given."""
        return self.refresh_grant is not None

    def send(self, request: GrantT) -> AnswerT:
        """``call(request)``."""
        return self.call(request)

    async def asend(self, request: GrantT) -> AnswerT:
        """``acall(request)``, awaited."""
        return await self.acall(request)

    def parse(self, answer: AnswerT, now: float) -> AccessToken:
        """``to_token(answer, now)``."""
        return self.to_token(answer, now)

    def refresh_request(self, refresh_token: str, grant: GrantT) -> GrantT:
        """``refresh_grant(refresh_token, grant)``."""
        assert self.refresh_grant is not None  # only called when ``refreshes``
        return self.refresh_grant(refresh_token, grant)

    def explain(self, error: APIStatusError, request: GrantT) -> Exception | None:
        """``explain(error, request)``, or ``None`` without one."""
        return self.explainer(error, request) if self.explainer is not None else None


__all__ = ["CallbackEndpoint", "TokenEndpoint"]
