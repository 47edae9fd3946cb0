"""The generated clients' constructors swept (``Client``, ``AuthenticatedClient`` of each package):
a wrong base URL, timeout, retry policy or token is one error naming it, when the client is made."""

from __future__ import annotations

import importlib
import math

import pytest

PACKAGES = ["grantwire_ringcentral", "grantwire_docusign", "grantwire_usegrant"]
SECRET = "pa55-SECRET"

CASES: list[tuple[str, object, type[Exception], str]] = [
    ("base_url", "", ValueError, "base_url must be an http:// or https:// URL with a host"),
    ("base_url", "platform.ringcentral.com", ValueError, "base_url must be an http:// or https:// URL"),
    ("base_url", f"ftp://me:{SECRET}@example.com", ValueError, "base_url must be an http:// or https:// URL"),
    ("base_url", "https://", ValueError, "base_url must be an http:// or https:// URL with a host"),
    ("base_url", None, TypeError, "base_url must be a string, got NoneType"),
    ("timeout", "30", TypeError, "timeout must be a grantwire Timeouts or a number of seconds"),
    ("timeout", 0, ValueError, "Timeouts.total must be a positive number of seconds, got 0"),
    ("timeout", math.nan, ValueError, "Timeouts.total must be a positive number of seconds, got nan"),
    ("timeout", True, TypeError, "timeout must be a grantwire Timeouts or a number of seconds"),
    ("retry", 2, TypeError, "retry must be a grantwire RetryPolicy, got int"),
]


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize(
    ("argument", "value", "error", "message"), CASES, ids=[f"{a}={v!r:.20}" for a, v, _, _ in CASES]
)
def test_a_wrong_client_argument_is_one_error_naming_it(
    package: str, argument: str, value: object, error: type[Exception], message: str
) -> None:
    client_class = importlib.import_module(package).Client
    given = {"base_url": "https://api.example.com", argument: value}
    with pytest.raises(error) as raised:
        client_class(**given)
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    assert SECRET not in str(raised.value)


@pytest.mark.parametrize("package", PACKAGES)
@pytest.mark.parametrize("token", [None, 42, b"bytes"], ids=repr)
def test_an_authenticated_client_refuses_a_token_that_is_neither_text_nor_auth(package: str, token: object) -> None:
    client_class = importlib.import_module(package).AuthenticatedClient
    expected = rf"^token must be a string or an httpx2/httpx Auth .*got {type(token).__name__}$"
    with pytest.raises(TypeError, match=expected):
        client_class("https://api.example.com", token)
