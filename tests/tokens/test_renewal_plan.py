"""The renewal plan on its own: every kind of state and the step it leads to, without a server.

The token sources' loops only carry these steps out; the suites around them (tests/tokens,
tests/fleet, tests/faults) prove that against real servers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from grantwire_core.errors import BadRequestError, ConnectError, RequestTimeout, ServerError, UnauthorizedError
from grantwire_core.tokens.access_token import AccessToken
from grantwire_core.tokens.renewal_plan import (
    Fail,
    Refresh,
    RenewalPlan,
    RenewalState,
    RepeatGrant,
    Serve,
    Step,
    keep_refresh_token,
    refresh_token_refused,
    usable,
)

NOW = 1000.0
SKEW = 60.0

WANTING = AccessToken("at-old", NOW + 10, "rt-old")
"""Inside the skew, with a refresh token that has not expired."""
WANTING_WITHOUT_REFRESH = AccessToken("at-old", NOW + 10)
REFRESH_EXPIRED = AccessToken("at-old", NOW - 5, "rt-old", NOW - 1)
SAVED_BY_ANOTHER = AccessToken("at-other", NOW + 3600, "rt-other")
SAVED_BUT_STALE = AccessToken("at-other", NOW + 30, "rt-other")


def refused(status: int = 400, error: str | None = "invalid_grant") -> BadRequestError:
    return BadRequestError(
        operation="token request", status_code=status, headers={}, body=None, error=error, error_description=None
    )


REFUSAL = refused()


@dataclass(frozen=True)
class Case:
    why: str
    state: RenewalState
    step: Step
    single_use: bool = False
    grant_arrived: bool = False


def state(current: AccessToken | None, **changes: Any) -> RenewalState:
    return RenewalState(current, NOW, SKEW, **changes)


CASES = [
    # -- a renewal's first step ------------------------------------------------------------------
    Case("no token yet: send the grant", state(None), RepeatGrant()),
    Case("a refresh token: redeem it", state(WANTING), Refresh(WANTING)),
    Case("a refresh token, a single-use grant already sent: redeem it", state(WANTING), Refresh(WANTING), True, True),
    Case("no refresh token: repeat the grant", state(WANTING_WITHOUT_REFRESH), RepeatGrant()),
    Case("the refresh token has expired: repeat the grant", state(REFRESH_EXPIRED), RepeatGrant()),
    Case("the API has no refresh tokens: repeat the grant", state(WANTING, can_refresh=False), RepeatGrant()),
    Case("no grant and nothing to refresh: fail", state(None, can_grant=False), Fail()),
    Case("no grant, a refresh token: redeem it", state(WANTING, can_grant=False), Refresh(WANTING)),
    Case("a single-use grant not yet sent: send it", state(None), RepeatGrant(), single_use=True),
    Case(
        "a single-use grant that may have arrived is never sent again",
        state(None),
        Fail(),
        single_use=True,
        grant_arrived=True,
    ),
    Case(
        "nor when its refresh token has expired",
        state(REFRESH_EXPIRED),
        Fail(),
        single_use=True,
        grant_arrived=True,
    ),
    Case("a grant that may be repeated is repeated", state(None), RepeatGrant(), grant_arrived=True),
    # -- after the server refused the refresh token ----------------------------------------------
    Case(
        "refused, another process saved a fresh token: serve it",
        state(WANTING, refusal=REFUSAL, saved=SAVED_BY_ANOTHER),
        Serve(SAVED_BY_ANOTHER),
        single_use=True,
        grant_arrived=True,
    ),
    Case(
        "refused, the store holds the refused token itself: repeat the grant",
        state(WANTING, refusal=REFUSAL, saved=WANTING),
        RepeatGrant(),
    ),
    Case(
        "refused, the store holds a token inside the skew: repeat the grant",
        state(WANTING, refusal=REFUSAL, saved=SAVED_BUT_STALE),
        RepeatGrant(),
    ),
    Case("refused, nothing stored: repeat the grant", state(WANTING, refusal=REFUSAL), RepeatGrant()),
    Case(
        "refused, a single-use grant is never replayed (another process may have redeemed it)",
        state(WANTING, refusal=REFUSAL),
        Fail(REFUSAL),
        single_use=True,
    ),
    Case("refused, and no grant to repeat: fail", state(WANTING, refusal=REFUSAL, can_grant=False), Fail(REFUSAL)),
]


@pytest.mark.parametrize("case", CASES, ids=[case.why for case in CASES])
def test_each_state_leads_to_its_step(case: Case) -> None:
    plan = RenewalPlan(single_use_grant=case.single_use)
    plan.grant_may_have_arrived = case.grant_arrived
    assert plan.next_step(case.state) == case.step


@pytest.mark.parametrize(
    ("outcome", "may_have_arrived"),
    [
        (None, True),
        (ConnectError("connection refused", attempts=1), False),
        (RequestTimeout("no answer", attempts=1), True),
        (refused(), True),
        (ServerError(operation="t", status_code=503, headers={}, body=None, error=None, error_description=None), True),
        (KeyboardInterrupt(), True),
    ],
    ids=["answered", "connection failed", "timed out", "refused", "server error", "interrupted"],
)
def test_only_a_connection_that_failed_proves_the_grant_never_arrived(
    outcome: BaseException | None, may_have_arrived: bool
) -> None:
    plan = RenewalPlan(single_use_grant=True)
    plan.grant_sent(outcome)
    assert plan.grant_may_have_arrived is may_have_arrived
    assert plan.next_step(state(None)) == (Fail() if may_have_arrived else RepeatGrant())


def test_once_it_may_have_arrived_it_stays_so() -> None:
    plan = RenewalPlan(single_use_grant=True)
    plan.grant_sent(None)
    plan.grant_sent(ConnectError("connection refused", attempts=1))
    assert plan.next_step(state(None)) == Fail()


def test_a_grant_learnt_to_be_single_use_is_never_replayed() -> None:
    plan = RenewalPlan()
    plan.grant_sent(None)
    assert plan.next_step(state(None)) == RepeatGrant()
    plan.learn_single_use()
    assert plan.next_step(state(None)) == Fail()
    assert plan.next_step(state(WANTING, refusal=REFUSAL)) == Fail(REFUSAL)


def test_a_refusal_moves_the_state_on_with_what_the_store_held() -> None:
    later = state(WANTING).refused(REFUSAL, SAVED_BY_ANOTHER, NOW + 1)
    assert (later.refusal, later.saved, later.now, later.current) == (REFUSAL, SAVED_BY_ANOTHER, NOW + 1, WANTING)


def test_the_failure_names_the_refusal_and_no_secret() -> None:
    reason = Fail(REFUSAL).reason()
    assert reason.startswith("no access token without the user (refresh answered HTTP 400 invalid_grant):")
    assert reason.endswith("sign in again")
    assert "rt-old" not in reason
    assert Fail().reason().startswith("no access token without the user: ")


def test_a_refresh_step_shows_no_secret_and_keeps_the_refresh_token_an_answer_lacks() -> None:
    step = Refresh(WANTING)
    assert step.refresh_token == "rt-old"
    assert "rt-old" not in repr(step)
    assert "at-old" not in repr(step)
    assert step.answered(AccessToken("at-new", NOW + 3600)).refresh_token == "rt-old"
    assert step.answered(AccessToken("at-new", NOW + 3600, "rt-new")).refresh_token == "rt-new"


def test_keep_refresh_token_keeps_its_expiry_too() -> None:
    previous = AccessToken("at-old", NOW, "rt-old", NOW + 86400)
    kept = keep_refresh_token(AccessToken("at-new", NOW + 3600), previous)
    assert (kept.access_token, kept.refresh_token, kept.refresh_expires_at) == ("at-new", "rt-old", NOW + 86400)


@pytest.mark.parametrize(
    ("error", "is_refusal"),
    [
        (refused(400, "invalid_grant"), True),
        (
            UnauthorizedError(
                operation="t", status_code=401, headers={}, body=None, error="invalid_grant", error_description=None
            ),
            True,
        ),
        (refused(400, "invalid_request"), False),
        (refused(400, None), False),
        (
            ServerError(
                operation="t", status_code=503, headers={}, body=None, error="invalid_grant", error_description=None
            ),
            False,
        ),
    ],
    ids=["400 invalid_grant", "401 invalid_grant", "400 invalid_request", "400 without a code", "503"],
)
def test_only_invalid_grant_refuses_a_refresh_token(error: BadRequestError, is_refusal: bool) -> None:
    assert refresh_token_refused(error) is is_refusal


def test_usable_is_fresh_and_not_the_rejected_one() -> None:
    assert usable(SAVED_BY_ANOTHER, WANTING, NOW, SKEW)
    assert not usable(SAVED_BY_ANOTHER, SAVED_BY_ANOTHER, NOW, SKEW)
    assert not usable(SAVED_BUT_STALE, None, NOW, SKEW)
    assert not usable(None, None, NOW, SKEW)
