"""Spans and metrics of operation calls, HTTP attempts and token renewals, read from
opentelemetry-sdk's in-memory exporter and reader, against the token tests' real authorization
server (tests/authserver/), sync and async."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core._internal.telemetry import _full_url
from grantwire_core.errors import ServerError
from grantwire_core.retry import NO_RETRIES, RetryPolicy
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.trace import SpanKind, StatusCode

from tests.authserver.server import RINGCENTRAL_TOKEN_PATH, TestAuthorizationServer
from tests.telemetry.conftest import Telemetry
from tests.tokens.test_real_server import LIFETIME, Caller, password, ringcentral
from tests.tokens.token_server import Clock

# Retry-After: 0 makes the retry immediate; nothing in these tests waits for a backoff.
RETRY_AT_ONCE = {"Retry-After": "0"}


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    runner = Caller(request.param)
    yield runner
    runner.close()


def named(spans: list[ReadableSpan], name: str) -> list[ReadableSpan]:
    return [span for span in spans if span.name == name]


def children(spans: list[ReadableSpan], parent: ReadableSpan) -> list[ReadableSpan]:
    assert parent.context is not None
    return [span for span in spans if span.parent is not None and span.parent.span_id == parent.context.span_id]


def test_a_retried_503_is_one_operation_span_over_two_client_spans(
    auth_server: TestAuthorizationServer, telemetry: Telemetry, caller: Caller
) -> None:
    auth_server.fail_next(503, headers=RETRY_AT_ONCE)
    source = ringcentral(auth_server, password(), Clock(), retry=RetryPolicy(max_retries=2))

    caller.token(source)

    spans = telemetry.spans()
    [renewal] = named(spans, "token renewal")
    [operation] = children(spans, renewal)
    assert (operation.name, operation.kind) == ("get_token", SpanKind.INTERNAL)
    assert operation.status.status_code is not StatusCode.ERROR
    first, second = sorted(children(spans, operation), key=lambda span: span.start_time or 0)
    port = int(auth_server.url.rpartition(":")[2])
    for attempt in (first, second):
        assert (attempt.name, attempt.kind) == ("POST", SpanKind.CLIENT)
        assert attempt.attributes is not None
        assert attempt.attributes["http.request.method"] == "POST"
        assert attempt.attributes["url.full"] == auth_server.url + RINGCENTRAL_TOKEN_PATH
        assert attempt.attributes["server.address"] == "127.0.0.1"
        assert attempt.attributes["server.port"] == port
    assert first.attributes is not None
    assert second.attributes is not None
    assert first.attributes["http.response.status_code"] == 503
    assert first.attributes["error.type"] == "503"
    assert first.status.status_code is StatusCode.ERROR
    assert "http.request.resend_count" not in first.attributes
    assert second.attributes["http.response.status_code"] == 200
    assert second.attributes["http.request.resend_count"] == 1
    assert "error.type" not in second.attributes

    measured = telemetry.metrics()
    attempts = {
        (point["http.response.status_code"], value) for point, value in measured["grantwire.http.client.attempts"]
    }
    assert attempts == {(503, 1), (200, 1)}
    retries = [(point["grantwire.retry.reason"], value) for point, value in measured["grantwire.http.client.retries"]]
    assert retries == [("503", 1)]


def test_each_renewal_is_a_span_with_its_grant_outcome_and_store(
    auth_server: TestAuthorizationServer, telemetry: Telemetry, caller: Caller, caplog: pytest.LogCaptureFixture
) -> None:
    clock = Clock()
    source = ringcentral(auth_server, password(), clock)
    with caplog.at_level(logging.INFO, logger="grantwire.tokens"):
        caller.token(source)
        clock.now += LIFETIME
        caller.token(source)  # a refresh
        clock.now += LIFETIME
        auth_server.fail_next(400, body={"error": "invalid_grant"})
        caller.token(source)  # the refresh token is refused: the password grant is sent again

    lines = [record.getMessage().partition(" (")[0] for record in caplog.records if record.name == "grantwire.tokens"]
    assert lines == [
        "token renewed",
        "token renewed",
        "refresh token rejected: falling back to the original grant",
        "token renewed",
    ]

    renewals = [span.attributes for span in named(telemetry.spans(), "token renewal")]
    assert [dict(attributes or {}) for attributes in renewals] == [
        {
            "grantwire.token.outcome": "renewed",
            "grantwire.token.grant_type": grant,
            "grantwire.token.store": "MemoryTokenStore",
            "grantwire.token.waited": False,
            "grantwire.token.fallback": fallback,
            "grantwire.token.wait.duration": pytest.approx(attributes["grantwire.token.wait.duration"]),
        }
        for (grant, fallback), attributes in zip(
            [("original", False), ("refresh_token", False), ("original", True)], renewals, strict=True
        )
        if attributes is not None
    ]
    measured = telemetry.metrics()
    counted = {
        (point["grantwire.token.grant_type"], point["grantwire.token.outcome"]): value
        for point, value in measured["grantwire.token.renewals"]
    }
    assert counted == {("original", "renewed"): 2, ("refresh_token", "renewed"): 1}
    waits = [value for _, value in measured["grantwire.token.renewal.wait.duration"]]
    assert sum(waits) == 3


def test_a_failed_renewal_says_which_error_ended_it(
    auth_server: TestAuthorizationServer, telemetry: Telemetry, caller: Caller
) -> None:
    auth_server.fail_next(503)
    source = ringcentral(auth_server, password(), Clock(), retry=NO_RETRIES)

    with pytest.raises(ServerError) as raised:
        caller.token(source)

    spans = telemetry.spans()
    [renewal] = named(spans, "token renewal")
    assert renewal.attributes is not None
    assert renewal.attributes["grantwire.token.outcome"] == "failed"
    assert renewal.attributes["error.type"] == type(raised.value).__name__  # the vendor's ServerError
    assert renewal.status.status_code is StatusCode.ERROR
    [operation] = named(spans, "get_token")
    assert operation.attributes is not None
    assert operation.attributes["error.type"] == "503"
    assert operation.status.status_code is StatusCode.ERROR
    [(point, count)] = telemetry.metrics()["grantwire.token.renewals"]
    assert (point["grantwire.token.outcome"], count) == ("failed", 1)


@pytest.mark.parametrize(
    ("url", "full"),
    [
        ("https://id:secret@token.example/oauth/token?code=abc#frag", "https://token.example/oauth/token?code=***"),
        ("http://127.0.0.1:8080/restapi/oauth/token", "http://127.0.0.1:8080/restapi/oauth/token"),
    ],
)
def test_url_full_carries_no_user_info_query_value_or_fragment(url: str, full: str) -> None:
    assert _full_url(httpx.URL(url)) == full
