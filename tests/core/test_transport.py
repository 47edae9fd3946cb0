"""grantwire_core.runtime.transport on its own: a call's attempts are logged under the package's logger."""

from __future__ import annotations

import logging

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.retry import RetryPolicy
from grantwire_core.runtime.transport import CallOptions, send_sync

from tests.core.conftest import PACKAGE, ExampleClient


def test_attempts_and_retries_are_logged_under_the_clients_package(caplog: pytest.LogCaptureFixture) -> None:
    answers = iter([503, 200])
    transport = httpx.MockTransport(lambda request: httpx.Response(next(answers)))
    retry = RetryPolicy(sleep=lambda seconds: None, random=lambda: 0.0)
    client = ExampleClient("https://api.example", retry=retry, httpx_args={"transport": transport})
    options = CallOptions(operation="example", package=PACKAGE)
    with caplog.at_level(logging.DEBUG, logger="grantwire.example"):
        response = send_sync(client, {"method": "get", "url": "/x"}, options.for_call(client, None, None, None))
    assert response.status_code == 200
    assert CallOptions.attempts_of(response) == 2
    assert {record.name for record in caplog.records} == {"grantwire.example"}
    assert any("retrying" in record.getMessage() for record in caplog.records)
