"""grantwire_core.tokens.sources.GrantTokenSource on its own: grants made by a factory, single-use grants,
refresh grants and reworded errors, with a fake operation (no generated client)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import pytest
from grantwire_core.errors import APIStatusError, BadRequestError, GrantwireError, TokenUnavailable
from grantwire_core.tokens.sources import GrantTokenSource
from grantwire_core.tokens.store import AccessToken


@dataclass
class Grant:
    kind: str


@dataclass
class CodeGrant(Grant):
    SINGLE_USE_CREDENTIAL: ClassVar[bool] = True


@dataclass
class Answer:
    token: str
    refresh: str | None


class Server:
    def __init__(self, *, refresh_tokens: bool = True) -> None:
        self.sent: list[Grant] = []
        self.refresh_tokens = refresh_tokens

    def call(self, grant: Grant) -> Answer:
        self.sent.append(grant)
        n = len(self.sent)
        return Answer(f"at-{n}", f"rt-{n}" if self.refresh_tokens else None)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(
    server: Server, grant: Grant | Callable[[], Grant], clock: Clock, **kwargs: object
) -> GrantTokenSource[Grant, Answer]:
    async def acall(body: Grant) -> Answer:
        return server.call(body)

    return GrantTokenSource(
        grant,
        call=server.call,
        acall=acall,
        to_token=lambda answer, now: AccessToken(answer.token, now + 100, answer.refresh),
        clock=clock,
        skew=10,
        **kwargs,  # type: ignore[arg-type]
    )


def test_a_factory_makes_a_fresh_grant_for_every_request() -> None:
    server, clock = Server(refresh_tokens=False), Clock()
    made = iter(range(10))
    tokens = make(server, lambda: Grant(f"jwt-{next(made)}"), clock)
    tokens.token()
    clock.now += 95
    tokens.token()
    assert [grant.kind for grant in server.sent] == ["jwt-0", "jwt-1"]


def test_a_single_use_grant_from_a_factory_is_never_sent_twice() -> None:
    server, clock = Server(refresh_tokens=False), Clock()
    tokens = make(server, lambda: CodeGrant("code"), clock)
    assert tokens.token().access_token == "at-1"
    clock.now += 95
    with pytest.raises(TokenUnavailable, match="sign in again"):
        tokens.token()
    assert len(server.sent) == 1


def test_the_refresh_grant_redeems_the_refresh_token() -> None:
    server, clock = Server(), Clock()
    tokens = make(server, CodeGrant("code"), clock, refresh_grant=lambda refresh, grant: Grant(f"refresh:{refresh}"))
    tokens.token()
    clock.now += 95
    assert tokens.token().access_token == "at-2"
    assert [grant.kind for grant in server.sent] == ["code", "refresh:rt-1"]


class Reworded(GrantwireError):
    pass


def test_explain_rewords_an_error_of_the_original_grant_and_sees_the_grant() -> None:
    def refuse(grant: Grant) -> Answer:
        raise BadRequestError(
            operation="token", status_code=400, headers={}, body=None, error="consent_required", error_description=None
        )

    def explain(error: APIStatusError, grant: Grant) -> Exception | None:
        return Reworded(f"{error.error} for {grant.kind}") if error.error == "consent_required" else None

    async def acall(body: Grant) -> Answer:
        return refuse(body)

    tokens: GrantTokenSource[Grant, Answer] = GrantTokenSource(
        Grant("jwt"), call=refuse, acall=acall, to_token=lambda a, now: AccessToken(a.token, now), explain=explain
    )
    with pytest.raises(Reworded, match="consent_required for jwt") as caught:
        tokens.token()
    assert isinstance(caught.value.__cause__, BadRequestError)
