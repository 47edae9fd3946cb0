"""Calls against a socket server that trickles, closes, resets and corrupts (tests/faults/server.py).

Whatever it does, a call ends in its success model or a documented exception (never a raw httpx
error), within its total deadline, and no byte of a token reaches the exception.
"""

from __future__ import annotations

import asyncio
import gzip
import json
import socket
import time
from typing import Any

import pytest
from grantwire_core.errors import GrantwireError, RequestTimeout, ResponseValidationError, TransportError
from grantwire_core.retry import NO_RETRIES, RetryPolicy
from grantwire_core.timeouts import Timeouts
from grantwire_ringcentral import Client
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant, TokenInfo

from tests.faults.server import Behaviour, MisbehavingServer, answer, close_after, reset, response, trickle
from tests.runtime.test_values import TOKEN_INFO

GRANT = PasswordGrant(username="+16501234567", password="pw")
TOKEN_BODY = json.dumps(TOKEN_INFO).encode()
SECRET_TOKEN = "SECRET-ACCESS-TOKEN-42"
TOTAL = 1.0
# What the deadline may be overrun by: max(10 %, 0.2 s) of the total, as promised.
SLACK = max(0.1 * TOTAL, 0.2)


@pytest.fixture(params=["sync", "async"])
def mode(request: pytest.FixtureRequest) -> str:
    return str(request.param)


class Elapsed:
    seconds = 0.0


def call(behaviour: Behaviour, mode: str, elapsed: Elapsed | None = None, **client_options: Any) -> TokenInfo:
    """One token call (no retries unless given) against a server acting out ``behaviour``;
    ``elapsed`` gets how long the call itself took (not the server's start and stop)."""
    options: dict[str, Any] = {"retry": NO_RETRIES, "timeout": Timeouts(connect=TOTAL, total=TOTAL), **client_options}
    timer = elapsed or Elapsed()
    with MisbehavingServer(behaviour).running() as server:
        client = Client(base_url=server.url, **options)
        started = time.monotonic()
        try:
            if mode == "sync":
                with client:
                    return get_token.sync(client=client, body=GRANT)

            async def once() -> TokenInfo:
                try:
                    return await get_token.asyncio(client=client, body=GRANT)
                finally:
                    await client.aclose()

            return asyncio.run(once())
        finally:
            timer.seconds = time.monotonic() - started


def test_a_well_behaved_answer_parses(mode: str) -> None:
    assert call(answer(response(200, TOKEN_BODY)), mode).access_token == TOKEN_INFO["access_token"]


def test_a_body_trickled_byte_by_byte_ends_at_the_total_deadline(mode: str) -> None:
    # One byte every 0.3 s: each wait is well inside the read timeout, the whole far beyond it.
    elapsed = Elapsed()
    with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached") as raised:
        call(trickle(response(200, TOKEN_BODY), every=0.3), mode, elapsed)
    assert TOTAL - 0.05 <= elapsed.seconds <= TOTAL + SLACK, elapsed.seconds
    assert raised.value.attempts == 1
    assert raised.value.__cause__ is not None


def test_a_trickled_body_is_not_retried_past_the_deadline(mode: str) -> None:
    retry = RetryPolicy(max_retries=3, backoff_initial=0.01, jitter=0)
    elapsed = Elapsed()
    with pytest.raises(RequestTimeout):
        call(trickle(response(200, TOKEN_BODY), every=0.3), mode, elapsed, retry=retry)
    assert elapsed.seconds <= TOTAL + SLACK


def silent() -> Behaviour:
    """Read the request, then say nothing until the client hangs up."""

    def act(conn: socket.socket) -> None:
        while conn.recv(1024):
            pass

    return act


# One byte every 0.3 s, from the status line on: each wait is well inside the read timeout (the
# call's 1 s at first, 10 s below), the whole status line and headers some 25 s.
TRICKLED = response(200, TOKEN_BODY, X_Padding="p" * 40)
HEADER_BYTES = TRICKLED.index(b"\r\n\r\n") + 4


def headers_trickled(sent: list[int] | None = None) -> Behaviour:
    return trickle(TRICKLED, every=0.3, head=0, sent=sent)


def test_headers_trickled_byte_by_byte_end_at_the_total_deadline(mode: str) -> None:
    sent: list[int] = []
    with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached") as raised:
        call(headers_trickled(sent), mode)
    assert raised.value.attempts == 1
    assert raised.value.__cause__ is not None
    # The client hung up while the headers were still coming, not after they had all arrived.
    assert len(sent) == 1
    assert sent[0] < HEADER_BYTES // 2


def test_trickled_headers_end_at_the_deadline_with_a_long_read_timeout_and_retries(mode: str) -> None:
    # Retries and a generous connect timeout change nothing: the call's total is what bounds it.
    retry = RetryPolicy(max_retries=3, backoff_initial=0.01, jitter=0)
    sent: list[int] = []
    with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached"):
        call(headers_trickled(sent), mode, retry=retry, timeout=Timeouts(connect=10, total=TOTAL))
    assert len(sent) == 1  # no attempt after the deadline
    assert sent[0] < HEADER_BYTES // 2


def test_headers_trickled_on_a_reused_connection_end_at_the_deadline(mode: str) -> None:
    # The first call's answer comes at once and leaves the connection in the pool; the second
    # call's headers trickle over that same connection.
    sent: list[int] = []
    answers = iter([answer(response(200, TOKEN_BODY)), headers_trickled(sent)])

    def keep_alive(conn: socket.socket) -> None:
        from tests.faults.server import _read_request

        next(answers)(conn)
        _read_request(conn)
        next(answers)(conn)

    options: dict[str, Any] = {"retry": NO_RETRIES, "timeout": Timeouts(connect=TOTAL, total=TOTAL)}
    with MisbehavingServer(keep_alive).running() as server:
        client = Client(base_url=server.url, **options)
        if mode == "sync":
            with client:
                assert get_token.sync(client=client, body=GRANT).access_token == TOKEN_INFO["access_token"]
                with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached"):
                    get_token.sync(client=client, body=GRANT)
        else:

            async def twice() -> None:
                try:
                    first = await get_token.asyncio(client=client, body=GRANT)
                    assert first.access_token == TOKEN_INFO["access_token"]
                    with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached"):
                        await get_token.asyncio(client=client, body=GRANT)
                finally:
                    await client.aclose()

            asyncio.run(twice())
        assert server.connections == 1
    assert len(sent) == 1
    assert sent[0] < HEADER_BYTES // 2


def test_a_server_that_never_answers_ends_at_the_total_deadline(mode: str) -> None:
    with pytest.raises(RequestTimeout, match=r"total timeout of 1s reached|ReadTimeout"):
        call(silent(), mode, timeout=Timeouts(connect=10, total=TOTAL))


def test_a_body_that_is_not_the_gzip_it_claims_is_a_response_validation_error(mode: str) -> None:
    raw = response(200, b"this is not gzip " + SECRET_TOKEN.encode(), Content_Encoding="gzip")
    with pytest.raises(ResponseValidationError, match=r"Content-Encoding \(gzip\)") as raised:
        call(answer(raw), mode)
    assert SECRET_TOKEN not in str(raised.value)
    assert raised.value.__cause__ is not None  # the httpx.DecodingError, chained


def test_a_real_gzip_body_is_decoded(mode: str) -> None:
    raw = response(200, gzip.compress(TOKEN_BODY), Content_Encoding="gzip")
    assert call(answer(raw), mode).access_token == TOKEN_INFO["access_token"]


def test_a_form_encoded_token_is_not_echoed(mode: str) -> None:
    body = f"access_token={SECRET_TOKEN}&token_type=bearer&expires_in=3600".encode()
    with pytest.raises(ResponseValidationError) as raised:
        call(answer(response(200, body, "application/x-www-form-urlencoded")), mode)
    assert SECRET_TOKEN not in str(raised.value)
    assert SECRET_TOKEN not in repr(raised.value)


@pytest.mark.parametrize(
    "behaviour",
    [
        close_after(b""),  # closed before any answer
        close_after(response(200, TOKEN_BODY)[:60]),  # headers cut off
        close_after(response(200, TOKEN_BODY)[:-40]),  # body shorter than Content-Length
        reset(),  # a TCP reset
        answer(b"SSH-2.0-OpenSSH_9.6\r\n\r\n"),  # not HTTP at all
    ],
    ids=["closed", "headers-cut", "body-cut", "reset", "not-http"],
)
def test_a_broken_connection_is_a_transport_error_with_attempts(behaviour: Behaviour, mode: str) -> None:
    with pytest.raises(TransportError) as raised:
        call(behaviour, mode)
    assert raised.value.attempts == 1
    assert raised.value.__cause__ is not None


def test_every_fault_ends_in_the_documented_hierarchy(mode: str) -> None:
    # The same faults once more, through the base class a user catches.
    for behaviour in (reset(), close_after(b""), answer(b"\x00\xff garbage")):
        with pytest.raises(GrantwireError):
            call(behaviour, mode)
