"""Secrets never reach a repr, a str, an exception message or a log record.

For every field the specs mark secret, hypothesis draws 1,000 secrets and pushes each through the
places it could leak: the model's repr/str, the request (answered by a server that echoes it in
its error description), and for response fields the success body, malformed and truncated.
"""

from __future__ import annotations

import json
import string
from collections.abc import Callable
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.oracle.cases import find_class
from tests.oracle.spec_schemas import comparable_name
from tests.runtime.calls import (
    PACKAGES,
    PARSERS,
    PAYLOADS,
    PROPERTY_EXAMPLES,
    VALID_SUCCESS_BODIES,
    captured_logs,
    token_call,
)
from tests.runtime.spec_facts import SecretField, secret_fields

SECRETS = st.text(alphabet=string.ascii_letters + string.digits + "-_.~+/=", min_size=12, max_size=64)
SETTINGS = settings(
    max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
PLACEHOLDER = "placeholder-secret-value"
LOGGERS = tuple(f"grantwire.{name}" for name in PACKAGES)


def base_payload(secret: SecretField) -> dict[str, Any]:
    for payload, variant in PAYLOADS[secret.client]:
        if comparable_name(variant.__name__) == comparable_name(secret.class_title):
            return dict(payload)
    raise AssertionError(f"no payload for {secret}")


def echoing_error(secret_value: str) -> httpx.Response:
    # A server that quotes the credential back in its error description (and in an extra field).
    body = {"error": "invalid_grant", "error_description": f"bad credential {secret_value}", "echo": secret_value}
    return httpx.Response(400, json=body)


def request_outputs(secret: SecretField, value: str) -> list[str]:
    """Every text a request with ``value`` in the secret field produces: reprs, error, log lines."""
    grant = PARSERS[secret.client]({**base_payload(secret), secret.field: value})
    assert grant.to_dict()[secret.field] == value  # the secret really is in the model
    package = PACKAGES[secret.client]
    with captured_logs(*LOGGERS) as logs, pytest.raises(package.OAuthError) as raised:
        token_call(secret.client, lambda request: echoing_error(value), body=grant)
    return [repr(grant), str(grant), str(raised.value), repr(raised.value), *logs.lines]


def unrelated_to(baseline: list[str]) -> st.SearchStrategy[str]:
    # A secret that already occurs in what a placeholder produced (a class name, a log word)
    # would be found without leaking; such draws are set aside.
    text = "\n".join(baseline)
    return SECRETS.filter(lambda value: value not in text)


@pytest.mark.parametrize("secret", secret_fields(requests=True), ids=str)
def test_request_secrets_stay_out_of_reprs_errors_and_logs(secret: SecretField) -> None:
    drawn: list[str] = []

    @SETTINGS
    @given(unrelated_to(request_outputs(secret, PLACEHOLDER)))
    def check(value: str) -> None:
        drawn.append(value)
        for text in request_outputs(secret, value):
            assert value not in text

    check()
    assert len(drawn) >= PROPERTY_EXAMPLES


def answer_with(response: httpx.Response) -> Callable[[httpx.Request], httpx.Response]:
    return lambda request: response


def malformed_bodies(body: dict[str, Any], field: str) -> list[tuple[bytes, str]]:
    """The body broken three ways, each still carrying the secret in ``field``."""
    others = [key for key in body if key != field]
    wrong_type = {**body, others[0]: {"unexpected": ["object"]}}
    text = json.dumps(body)
    cut = text.index(json.dumps(body[field])) + len(json.dumps(body[field])) // 2
    return [
        (json.dumps(wrong_type).encode(), "application/json"),
        (text[:cut].encode(), "application/json"),
        (f"<html><pre>{text}</pre></html>".encode(), "text/html"),
    ]


def response_outputs(secret: SecretField, value: str) -> list[str]:
    """Every text a success body with ``value`` in the secret field produces, valid and broken."""
    valid = VALID_SUCCESS_BODIES[(secret.client, secret.schema)]
    package = PACKAGES[secret.client]
    body = {**valid, secret.field: value}
    status = 201 if secret.client == "usegrant" else 200
    with captured_logs(*LOGGERS) as logs:
        parsed = token_call(secret.client, answer_with(httpx.Response(status, json=body)))
        assert isinstance(parsed, find_class(package.models, secret.class_title))
        texts = [repr(parsed), str(parsed)]
        for content, content_type in malformed_bodies(body, secret.field):
            response = httpx.Response(status, content=content, headers={"Content-Type": content_type})
            with pytest.raises(package.ResponseValidationError) as raised:
                token_call(secret.client, answer_with(response))
            texts += [str(raised.value), repr(raised.value), raised.value.excerpt]
    return [*texts, *logs.lines]


@pytest.mark.parametrize("secret", secret_fields(requests=False), ids=str)
def test_response_secrets_stay_out_of_reprs_errors_and_logs(secret: SecretField) -> None:
    drawn: list[str] = []

    @SETTINGS
    @given(unrelated_to(response_outputs(secret, PLACEHOLDER)))
    def check(value: str) -> None:
        drawn.append(value)
        for text in response_outputs(secret, value):
            assert value not in text

    check()
    assert len(drawn) >= PROPERTY_EXAMPLES


def test_client_reprs_hide_tokens_and_headers() -> None:
    usegrant = PACKAGES["usegrant"]
    client = usegrant.AuthenticatedClient(
        base_url="https://sdk.usegrant.dev", token="api-key-secret", headers={"X-Api-Key": "header-secret"}
    )
    client.get_httpx_client()  # builds the Authorization header into the client's headers
    text = repr(client)
    assert text.startswith("AuthenticatedClient(base_url='https://sdk.usegrant.dev'")
    assert "api-key-secret" not in text
    assert "header-secret" not in text


def test_secret_fields_show_only_whether_they_are_set() -> None:
    ringcentral = PACKAGES["ringcentral"]
    grant = ringcentral.models.PasswordGrant(username="+16501234567", password="hunter2")
    assert "password='***'" in repr(grant)
    assert "pin=UNSET" in repr(grant)  # unset fields still say so, without an object address
    assert "username='+16501234567'" in repr(grant)
    grant.additional_properties["extra"] = "unknown-secret"
    assert "'extra': '***'" in repr(grant)
    assert "unknown-secret" not in repr(grant)


def test_detailed_response_reprs_show_status_and_safe_headers_only() -> None:
    from grantwire_ringcentral.api.tokens import get_token as ringcentral_get_token

    body = {**VALID_SUCCESS_BODIES[("ringcentral", "TokenInfo")], "access_token": "AT-SECRET-1"}
    body.update(refresh_token="RT-SECRET-2", id_token="ID-SECRET-3")
    headers = {"Content-Type": "application/json", "Set-Cookie": "session=COOKIE-SECRET-4", "Retry-After": "3"}
    transport = httpx.MockTransport(lambda request: httpx.Response(200, json=body, headers=headers))
    client = PACKAGES["ringcentral"].Client(base_url="https://platform.example", httpx_args={"transport": transport})
    grant: Any = PARSERS["ringcentral"](PAYLOADS["ringcentral"][0][0])
    shown = repr(ringcentral_get_token.sync_detailed(client=client, body=grant))
    for secret in ("AT-SECRET-1", "RT-SECRET-2", "ID-SECRET-3", "COOKIE-SECRET-4"):
        assert secret not in shown
    assert shown.startswith("Response(status_code=200, headers={")
    assert "'set-cookie': '***'" in shown
    assert "'retry-after': '3'" in shown


def test_httpx_own_log_lines_carry_no_user_info(caplog: pytest.LogCaptureFixture) -> None:
    from grantwire_ringcentral.api.tokens import get_token as ringcentral_get_token

    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, json=VALID_SUCCESS_BODIES[("ringcentral", "TokenInfo")])
    )
    client = PACKAGES["ringcentral"].Client(
        base_url="https://app:BASIC-SECRET@platform.example", httpx_args={"transport": transport}
    )
    grant: Any = PARSERS["ringcentral"](PAYLOADS["ringcentral"][0][0])
    with caplog.at_level("DEBUG"):
        ringcentral_get_token.sync(client=client, body=grant)
    assert any(record.name == httpx.__name__ for record in caplog.records)  # the library did log the request
    assert all("BASIC-SECRET" not in record.getMessage() for record in caplog.records)
