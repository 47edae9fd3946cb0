"""Log records: method, URL without secrets, status, attempt and elapsed time; no body, no header."""

from __future__ import annotations

import logging

import grantwire_docusign as docusign
import grantwire_ringcentral as ringcentral
import pytest
from grantwire_core._internal.http import httpx
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant

from tests.runtime.scripted import FakeTime, ScriptedTransport
from tests.runtime.test_values import TOKEN_INFO


def test_each_attempt_and_each_retry_is_logged(caplog: pytest.LogCaptureFixture) -> None:
    time = FakeTime()
    script = ScriptedTransport([(503, {}), httpx.ConnectError, (200, TOKEN_INFO)])
    api = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": script.transport(), "auth": httpx.BasicAuth("client-id", "client-secret")},
        retry=ringcentral.RetryPolicy(**time.policy_args()),
    )
    with caplog.at_level(logging.DEBUG, logger="grantwire.ringcentral"):
        get_token.sync(client=api, body=PasswordGrant(username="+16501234567", password="pw-secret"))

    lines = [record.getMessage() for record in caplog.records]
    url = "https://platform.ringcentral.com/restapi/oauth/token"
    assert lines[0].startswith(f"POST {url} -> 503 (attempt 1, ")
    assert lines[1] == f"POST {url}: HTTP 503, retrying in 0.50s (attempt 2 of 3)"
    assert lines[2].startswith(f"POST {url} -> ConnectError (attempt 2, ")
    assert lines[3] == f"POST {url}: ConnectError, retrying in 1.00s (attempt 3 of 3)"
    assert lines[4].startswith(f"POST {url} -> 200 (attempt 3, ")
    assert lines[4].endswith(" ms)")
    assert {record.name for record in caplog.records} == {"grantwire.ringcentral"}
    logged = "\n".join(lines)
    for secret in ("pw-secret", "client-secret", "Basic ", "+16501234567", str(TOKEN_INFO["access_token"])):
        assert secret not in logged


def test_urls_are_logged_without_user_info_or_query_values(caplog: pytest.LogCaptureFixture) -> None:
    script = ScriptedTransport([(200, {"sub": "u", "email": "e@example.com", "accounts": []})])
    api = docusign.AuthenticatedClient(
        base_url="https://user:pass@account-d.docusign.com",
        token="bearer-secret",
        httpx_args={"transport": script.transport(), "params": {"access_token": "query-secret"}},
    )
    with caplog.at_level(logging.DEBUG, logger="grantwire.docusign"):
        get_user_info.sync(client=api)
    line = caplog.records[0].getMessage()
    assert line.startswith("GET https://account-d.docusign.com/oauth/userinfo?access_token=*** -> 200")
    for secret in ("query-secret", "bearer-secret", "pass"):
        assert secret not in line
