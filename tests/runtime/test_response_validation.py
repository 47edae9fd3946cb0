"""A documented body that does not match the spec: the error names the field and what it expected."""

from __future__ import annotations

import json
from typing import Any

import grantwire_docusign as docusign
import grantwire_ringcentral as ringcentral
import pytest
from grantwire_core._internal.http import httpx
from grantwire_docusign.models import OAuthErrorResponse
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant

from tests.runtime.test_values import TOKEN_INFO


def token_from(content: bytes, content_type: str = "application/json") -> Any:
    response = httpx.Response(200, content=content, headers={"Content-Type": content_type})
    client = ringcentral.Client(
        base_url="https://platform.ringcentral.com",
        httpx_args={"transport": httpx.MockTransport(lambda request: response)},
        retry=ringcentral.NO_RETRIES,
    )
    return get_token.sync(client=client, body=PasswordGrant(username="u", password="p"))


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ({**TOKEN_INFO, "expires_in": "3600"}, "TokenInfo.expires_in: expected an integer, got a string"),
        ({**TOKEN_INFO, "scope": ["a"]}, "TokenInfo.scope: expected a string, got an array"),
        ({k: v for k, v in TOKEN_INFO.items() if k != "scope"}, "TokenInfo.scope: required field is missing"),
        # A string outside the enum is kept (forward-compatible enums); another JSON type is not.
        ({**TOKEN_INFO, "token_type": 5}, "TokenInfo.token_type: expected a string, got an integer"),
    ],
)
def test_wrong_types_and_missing_fields_name_the_field(body: dict[str, Any], problem: str) -> None:
    with pytest.raises(ringcentral.ResponseValidationError) as raised:
        token_from(json.dumps(body).encode())
    assert raised.value.problem == problem
    assert raised.value.status_code == 200
    assert str(raised.value).startswith(f"get_token: HTTP 200 body does not match the spec ({problem}): JSON {{")


def test_html_from_a_proxy_is_described_by_type_and_length_only() -> None:
    with pytest.raises(ringcentral.ResponseValidationError) as raised:
        token_from(b'<html><body data-x="secret-ish">Gateway</body></html>', "text/html")
    assert raised.value.problem == "not valid JSON"
    assert raised.value.excerpt == "(53 bytes of text/html, not JSON)"


def test_truncated_json_is_described_by_type_and_length_only() -> None:
    with pytest.raises(ringcentral.ResponseValidationError) as raised:
        token_from(b'{"access_token": "U1BCMDFUMDRKV1Mw', "application/json")
    assert raised.value.problem == "not valid JSON"
    assert raised.value.excerpt == "(34 bytes of application/json, not JSON)"


def test_a_form_encoded_token_never_reaches_the_message() -> None:
    # Some token endpoints answer application/x-www-form-urlencoded: the token must stay out.
    body = b"access_token=SECRET-AT-123&token_type=bearer&expires_in=3600&refresh_token=SECRET-RT-456"
    with pytest.raises(ringcentral.ResponseValidationError) as raised:
        token_from(body, "application/x-www-form-urlencoded")
    for surface in (str(raised.value), repr(raised.value), raised.value.excerpt):
        assert "SECRET" not in surface
    assert raised.value.excerpt == f"({len(body)} bytes of application/x-www-form-urlencoded, not JSON)"


def test_a_union_field_of_the_wrong_type_names_the_field() -> None:
    with pytest.raises(docusign.FieldError, match=r"^OAuthErrorResponse.error: expected None \| str$"):
        OAuthErrorResponse.from_dict({"error": 5})
