"""Timeouts reach httpx on every attempt; the total deadline bounds a call; the User-Agent."""

from __future__ import annotations

import asyncio
import platform
from importlib import import_module
from typing import Any

import grantwire_docusign as docusign
import grantwire_ringcentral as ringcentral
import grantwire_usegrant as usegrant
import pytest
from grantwire_core._internal.http import httpx
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant, TokenInfo

from tests.runtime.scripted import FakeTime, ScriptedTransport
from tests.runtime.test_values import TOKEN_INFO

PASSWORD = PasswordGrant(username="u", password="p")


def client(script: ScriptedTransport, **kwargs: Any) -> ringcentral.Client:
    return ringcentral.Client(
        base_url="https://platform.ringcentral.com", httpx_args={"transport": script.transport()}, **kwargs
    )


def test_default_timeouts_are_finite() -> None:
    script = ScriptedTransport([(200, TOKEN_INFO)])
    get_token.sync(client=client(script), body=PASSWORD)
    timeout = script.requests[0].extensions["timeout"]
    assert timeout["connect"] == 5.0
    assert all(0 < timeout[phase] <= 30.0 for phase in ("read", "write", "pool"))


def test_client_and_call_timeouts_are_applied() -> None:
    script = ScriptedTransport([(200, TOKEN_INFO)])
    api = client(script, timeout=ringcentral.Timeouts(connect=2, total=9))
    get_token.sync(client=api, body=PASSWORD)
    get_token.sync(client=api, body=PASSWORD, timeout=ringcentral.Timeouts(connect=1, total=3))
    first, second = (request.extensions["timeout"] for request in script.requests)
    assert (first["connect"], second["connect"]) == (2, 1)
    assert first["read"] <= 9
    assert second["read"] <= 3


@pytest.mark.parametrize("mode", ["sync", "async"])
def test_later_attempts_get_what_is_left_of_the_total(mode: str) -> None:
    time = FakeTime()
    script = ScriptedTransport([(503, {}), (200, TOKEN_INFO)])
    api = client(
        script,
        retry=ringcentral.RetryPolicy(**time.policy_args(), backoff_initial=4),
        timeout=ringcentral.Timeouts(connect=5, total=10),
    )
    if mode == "sync":
        result = get_token.sync(client=api, body=PASSWORD)
    else:
        result = asyncio.run(get_token.asyncio(client=api, body=PASSWORD))
    assert isinstance(result, TokenInfo)
    first, second = (request.extensions["timeout"] for request in script.requests)
    assert (first["read"], second["read"]) == (10, 6)
    assert second["connect"] == 5


def test_no_attempt_starts_after_the_total_deadline() -> None:
    time = FakeTime()

    def slow_503(request: httpx.Request) -> httpx.Response:
        time.now += 9.9  # the attempt ate nearly all of the 10 s total
        return httpx.Response(503, json={})

    api = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": httpx.MockTransport(slow_503)},
        retry=ringcentral.RetryPolicy(**time.policy_args()),
        timeout=ringcentral.Timeouts(connect=5, total=10),
    )
    with pytest.raises(ringcentral.ServerError) as raised:
        get_token.sync(client=api, body=PASSWORD)
    assert raised.value.attempts == 1  # a 0.5 s backoff no longer fits in what is left
    assert time.slept == []


@pytest.mark.parametrize("field", ["connect", "total"])
@pytest.mark.parametrize("value", [0, -1])
def test_invalid_timeouts_name_the_field(field: str, value: float) -> None:
    with pytest.raises(ValueError, match=rf"Timeouts\.{field} must be a positive number"):
        ringcentral.Timeouts(**{field: value})


@pytest.mark.parametrize(
    ("package", "distribution"),
    [(docusign, "grantwire-docusign"), (ringcentral, "grantwire-ringcentral"), (usegrant, "grantwire-usegrant")],
)
def test_user_agent_names_client_version_python_and_httpx(package: Any, distribution: str) -> None:
    agent = import_module(f"{package.__name__}._package").PACKAGE.user_agent
    version = package.__version__
    assert agent == f"{distribution}/{version} python/{platform.python_version()} {httpx.__name__}/{httpx.__version__}"


def test_user_agent_is_sent_and_can_be_overridden() -> None:
    script = ScriptedTransport([(200, TOKEN_INFO)])
    get_token.sync(client=client(script), body=PASSWORD)
    get_token.sync(client=client(script, headers={"user-agent": "my-app/1.0"}), body=PASSWORD)
    assert script.requests[0].headers["User-Agent"].startswith("grantwire-ringcentral/")
    assert script.requests[1].headers.get_list("User-Agent") == ["my-app/1.0"]


def test_a_number_as_a_calls_timeout_is_its_total_and_anything_else_is_refused() -> None:
    script = ScriptedTransport([(200, TOKEN_INFO)])
    get_token.sync(client=client(script), body=PASSWORD, timeout=2.5)
    assert script.requests[0].extensions["timeout"]["read"] <= 2.5
    with pytest.raises(TypeError, match="timeout must be a grantwire Timeouts or a number of seconds"):
        get_token.sync(client=client(script), body=PASSWORD, timeout="2")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="retry must be a grantwire RetryPolicy"):
        get_token.sync(client=client(script), body=PASSWORD, retry=3)  # type: ignore[arg-type]
