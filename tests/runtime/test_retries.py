"""Retries: which failures are retried, how long each wait is, and when a call gives up.

The clock and the sleeps are injected (FakeTime): nothing here waits for real.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any

import grantwire_ringcentral as ringcentral
import pytest
from grantwire_core._internal.http import httpx
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import AuthorizationCodeGrant, OTPGrant, PasswordGrant, TokenInfo

from tests.runtime.scripted import FakeTime, Outcome, ScriptedTransport
from tests.runtime.test_values import TOKEN_INFO

PASSWORD = PasswordGrant(username="+16501234567", password="pw")
CODE = AuthorizationCodeGrant(code="single-use-code", redirect_uri="https://app.example/cb")


def call(
    outcomes: list[Outcome],
    *,
    body: Any = PASSWORD,
    mode: str = "sync",
    time: FakeTime | None = None,
    **policy: Any,
) -> tuple[Any, ScriptedTransport, FakeTime]:
    time = time or FakeTime()
    script = ScriptedTransport(outcomes)
    client = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": script.transport()},
        retry=ringcentral.RetryPolicy(**time.policy_args(), **policy),
    )
    try:
        if mode == "sync":
            result: Any = get_token.sync(client=client, body=body)
        else:
            result = asyncio.run(get_token.asyncio(client=client, body=body))
    except ringcentral.GrantwireError as error:
        result = error
    return result, script, time


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_two_503s_then_success_after_two_backoffs(mode: str) -> None:
    result, script, time = call([(503, {}), (503, {}), (200, TOKEN_INFO)], mode=mode)

    assert isinstance(result, TokenInfo)
    assert len(script.requests) == 3
    # Exponential from 0.5 s (random() == 0 takes no jitter off).
    assert time.slept == [0.5, 1.0]


def test_jitter_takes_a_random_fraction_off_and_the_cap_holds() -> None:
    time = FakeTime()
    policy = ringcentral.RetryPolicy(**time.policy_args(random=lambda: 1.0), jitter=0.5, backoff_max=3.0)
    assert [policy.backoff(n) for n in (1, 2, 3, 4, 5)] == [0.25, 0.5, 1.0, 1.5, 1.5]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_429_retry_after_seconds_is_honoured(mode: str) -> None:
    result, _, time = call([(429, {"error": "rate"}, {"Retry-After": "7"}), (200, TOKEN_INFO)], mode=mode)
    assert isinstance(result, TokenInfo)
    assert time.slept == [7.0]


def test_retry_after_as_an_http_date_is_honoured_and_capped() -> None:
    now = dt.datetime(2026, 11, 25, 12, 0, 0, tzinfo=dt.timezone.utc)
    in_20s = "Wed, 25 Nov 2026 12:00:20 GMT"
    time = FakeTime()
    policy = ringcentral.RetryPolicy(**time.policy_args(), utc_now=lambda: now, retry_after_max=15)
    assert policy.delay(1, in_20s) == 15
    assert ringcentral.RetryPolicy(utc_now=lambda: now).delay(1, in_20s) == 20


def test_unparseable_retry_after_falls_back_to_backoff() -> None:
    result, _, time = call([(429, {}, {"Retry-After": "soon"}), (200, TOKEN_INFO)])
    assert isinstance(result, TokenInfo)
    assert time.slept == [0.5]


@pytest.mark.parametrize("mode", ["sync", "async"])
@pytest.mark.parametrize("failure", [httpx.ConnectError, httpx.ConnectTimeout])
def test_connect_failures_are_retried(failure: type[httpx.TransportError], mode: str) -> None:
    result, script, _ = call([failure, (200, TOKEN_INFO)], mode=mode)
    assert isinstance(result, TokenInfo)
    assert len(script.requests) == 2


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_authorization_code_with_a_read_timeout_is_not_retried(mode: str) -> None:
    result, script, time = call([httpx.ReadTimeout, (200, TOKEN_INFO)], body=CODE, mode=mode)

    assert isinstance(result, ringcentral.RequestTimeout)
    assert result.attempts == 1
    assert len(script.requests) == 1
    assert time.slept == []


@pytest.mark.parametrize("outcome", [(503, {}), (429, {}, {"Retry-After": "1"}), httpx.RemoteProtocolError])
def test_single_use_credentials_are_not_resent_once_they_may_have_arrived(outcome: Outcome) -> None:
    result, script, _ = call([outcome, (200, TOKEN_INFO)], body=OTPGrant(code="424242"))
    assert isinstance(result, ringcentral.GrantwireError)
    assert len(script.requests) == 1


def test_single_use_credentials_are_resent_after_a_connect_failure() -> None:
    result, script, _ = call([httpx.ConnectError, (200, TOKEN_INFO)], body=CODE)
    assert isinstance(result, TokenInfo)
    assert len(script.requests) == 2


def test_a_read_timeout_is_retried_for_a_repeatable_grant() -> None:
    result, script, _ = call([httpx.ReadTimeout, (200, TOKEN_INFO)])
    assert isinstance(result, TokenInfo)
    assert len(script.requests) == 2


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_exhausted_status_retries_raise_the_last_error_with_the_attempt_count(mode: str) -> None:
    result, script, time = call([(503, {}), (502, {}), (429, {"error": "too_many"})], mode=mode)

    assert isinstance(result, ringcentral.RateLimitError)
    assert result.attempts == 3
    assert str(result) == "get_token: HTTP 429 too_many after 3 attempts"
    assert len(script.requests) == 3
    assert time.slept == [0.5, 1.0]


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_exhausted_connect_retries_raise_connect_error_with_the_attempt_count(mode: str) -> None:
    result, _, _ = call([httpx.ConnectError], mode=mode)

    assert isinstance(result, ringcentral.ConnectError)
    assert result.attempts == 3
    assert isinstance(result.__cause__, httpx.ConnectError)
    assert "3 attempts" in str(result)


def test_statuses_outside_the_retry_set_are_not_retried() -> None:
    result, script, _ = call([(500, {}), (200, TOKEN_INFO)])
    assert isinstance(result, ringcentral.ServerError)
    assert len(script.requests) == 1


def test_a_call_can_bring_its_own_policy() -> None:
    time = FakeTime()
    script = ScriptedTransport([(503, {}), (200, TOKEN_INFO)])
    client = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": script.transport()},
        retry=ringcentral.RetryPolicy(**time.policy_args()),
    )
    with pytest.raises(ringcentral.ServerError):
        get_token.sync(client=client, body=PASSWORD, retry=ringcentral.NO_RETRIES)
    assert len(script.requests) == 1


def test_retries_stop_when_the_next_wait_would_pass_the_total_deadline() -> None:
    time = FakeTime()
    script = ScriptedTransport([(503, {}, {"Retry-After": "20"}), (200, TOKEN_INFO)])
    client = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": script.transport()},
        retry=ringcentral.RetryPolicy(**time.policy_args()),
        timeout=ringcentral.Timeouts(connect=1, total=10),
    )
    with pytest.raises(ringcentral.ServerError) as raised:
        get_token.sync(client=client, body=PASSWORD)
    assert raised.value.attempts == 1
    assert time.slept == []


@pytest.mark.parametrize(
    ("field", "value"),
    [("max_retries", -1), ("jitter", 1.5), ("backoff_multiplier", 0.5), ("backoff_initial", -1)],
)
def test_an_invalid_policy_names_the_field(field: str, value: Any) -> None:
    with pytest.raises(ValueError, match=rf"RetryPolicy\.{field} "):
        ringcentral.RetryPolicy(**{field: value})
