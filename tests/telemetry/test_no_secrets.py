"""No secret in any span (name, attribute, event, status) or log record of a full run: password and
authorization-code grants, refreshes, a rejected refresh token, a 503, a 401 from the API through
httpx's auth, sync and async, against the real authorization server."""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import GrantwireError
from grantwire_core.retry import RetryPolicy

from tests.authserver.server import PASSWORD, TestAuthorizationServer
from tests.telemetry.conftest import Telemetry
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET
from tests.tokens.test_real_server import LIFETIME, Caller, code_grant, password, ringcentral
from tests.tokens.token_server import Clock

#: The authorization server runs in the test's process and logs what it issues: its lines are not ours.
SERVER_SIDE = {"authlib", "werkzeug", "flask"}


class Everything(logging.Handler):
    """Every log record of the client side: grantwire's, httpx2's and httpcore2's, at DEBUG."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.name.split(".")[0] in SERVER_SIDE:
            return
        self.lines.append(f"{record.name} {record.getMessage()} {record.exc_text or ''}")


@pytest.fixture
def every_log_line() -> Iterator[Everything]:
    handler, root = Everything(), logging.getLogger()
    level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        root.removeHandler(handler)
        root.setLevel(level)


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    runner = Caller(request.param)
    yield runner
    runner.close()


def test_no_secret_in_any_span_or_log_line(
    auth_server: TestAuthorizationServer, telemetry: Telemetry, caller: Caller, every_log_line: Everything
) -> None:
    clock = Clock()
    retry = RetryPolicy(max_retries=1)
    grant = code_grant(auth_server)
    with_code = ringcentral(auth_server, grant, clock, retry=retry)
    with_password = ringcentral(auth_server, password(), clock, retry=retry)
    caller.token(with_code)
    caller.token(with_password)
    clock.now += LIFETIME
    auth_server.fail_next(503, headers={"Retry-After": "0"})  # retried
    caller.token(with_code)
    with httpx.Client(base_url=auth_server.url, auth=with_password) as api:
        auth_server.expire_access_tokens()
        assert api.get("/api/me").status_code == 200  # a 401, a renewal, the request again
    clock.now += LIFETIME
    auth_server.fail_next(503, times=2)  # retried, then the call fails
    with pytest.raises(GrantwireError):
        caller.token(with_password)
    auth_server.fail_next(400, body={"error": "invalid_grant"})  # the code cannot stand in for it
    with pytest.raises(GrantwireError):
        caller.token(with_code)

    secrets = {CLIENT_SECRET, PASSWORD, grant.code, base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()}
    for token in auth_server.tokens:
        secrets |= {token.access_token, *([token.refresh_token] if token.refresh_token else [])}
    spans = telemetry.spans()
    assert len(spans) > 10
    seen = [str(dict(span.attributes or {})) for span in spans]
    seen += [f"{span.name} {span.status.description}" for span in spans]
    seen += [f"{event.name} {dict(event.attributes or {})}" for span in spans for event in span.events]
    seen += every_log_line.lines
    assert any("retrying" in line for line in every_log_line.lines)  # the sweep did see the logs
    leaks = sorted({secret for secret in secrets for text in seen if secret in text})
    assert leaks == []
