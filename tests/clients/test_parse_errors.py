"""Every ``from_dict`` failure is one ``ParseError`` naming the model and the field path, never a
bare KeyError/ValueError/TypeError/AttributeError, and never with a value in its message (issue: bad
input gets one clear typed error, item 1). ``tests/properties`` checks the same over arbitrary JSON.
"""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from grantwire_core.errors import FieldError, ParseError
from grantwire_docusign.models import JWTGrant, UserInfo
from grantwire_ringcentral.models import (
    GuestGrant,
    JWTBearerGrant,
    OAuthErrorResponse,
    RefreshTokenGrant,
    RevokeTokenRequest,
    TokenInfo,
)
from grantwire_usegrant.models import CreateTokenRequest, Token

SECRET = "rt-7c1d-very-secret"
TOKEN_INFO = {"access_token": "at", "token_type": "bearer", "expires_in": 3600, "scope": "SMS"}
ACCOUNT = {"account_id": "a", "is_default": True, "account_name": "n", "base_uri": "https://demo.docusign.net"}


@pytest.mark.parametrize(
    ("model", "data", "message"),
    [
        (TokenInfo, {**TOKEN_INFO, "expires_in": "abc"}, "TokenInfo.expires_in: expected an integer, got a string"),
        (TokenInfo, {"token_type": "bearer"}, "TokenInfo.access_token: required field is missing"),
        (TokenInfo, "abc", "TokenInfo: expected an object, got a string"),
        (TokenInfo, [["access_token", "at"]], "TokenInfo: expected an object, got an array"),
        (TokenInfo, None, "TokenInfo: expected an object, got null"),
        (
            TokenInfo,
            {**TOKEN_INFO, "session_expiration_time": 5},
            "TokenInfo.session_expiration_time: expected a string, got an integer",
        ),
        (
            Token,
            {"accessToken": "at", "expiresAt": "yesterday", "type": "Bearer"},
            "Token.expiresAt: expected an ISO 8601 date-time",
        ),
        (
            UserInfo,
            {"sub": "s", "accounts": [ACCOUNT, {**ACCOUNT, "base_uri": 5}]},
            "UserInfo.accounts[1].base_uri: expected a string, got an integer",
        ),
        (UserInfo, {"sub": "s", "accounts": [ACCOUNT, "x"]}, "UserInfo.accounts[1]: expected an object, got a string"),
        (UserInfo, {"sub": "s", "accounts": {"0": ACCOUNT}}, "UserInfo.accounts: expected an array, got an object"),
        (
            UserInfo,
            {"sub": "s", "accounts": [{**ACCOUNT, "organization": {"organization_id": 1}}]},
            "UserInfo.accounts[0].organization.organization_id: expected a string, got an integer",
        ),
        (
            OAuthErrorResponse,
            {"error": "invalid_grant", "errors": [{}]},
            "OAuthErrorResponse.errors[0].errorCode: required field is missing",
        ),
        # Request models: a value outside the enum, the const or the Literal is refused on parse too.
        (
            RevokeTokenRequest,
            {"token": "t", "client_assertion_type": "urn:x"},
            "RevokeTokenRequest.client_assertion_type: a string that is not one of: "
            "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        ),
        (
            RefreshTokenGrant,
            {"grant_type": "password", "refresh_token": "r"},
            "RefreshTokenGrant.grant_type: expected 'refresh_token'",
        ),
        (
            JWTBearerGrant,
            {"grant_type": ["partner_jwt"], "assertion": "a"},
            "JWTBearerGrant.grant_type: an array that is not one of the values the spec lists",
        ),
        (CreateTokenRequest, {"expiresIn": "soon"}, "CreateTokenRequest.expiresIn: expected a number, got a string"),
    ],
)
def test_a_failure_is_one_field_error_naming_the_model_and_the_path(model: Any, data: Any, message: str) -> None:
    with pytest.raises(FieldError) as caught:
        model.from_dict(data)
    assert str(caught.value) == message
    assert caught.value.model == model.__name__
    assert caught.value.__cause__ is None  # no builtin error attached
    assert caught.value.__suppress_context__


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (TokenInfo, {**TOKEN_INFO, "access_token": [SECRET]}),
        (TokenInfo, {**TOKEN_INFO, "refresh_token": {"value": SECRET}}),
        (TokenInfo, {**TOKEN_INFO, "token_type": [SECRET]}),
        (JWTGrant, {"grant_type": SECRET, "assertion": SECRET}),
        (GuestGrant, {"grant_type": "guest", "brand_id": SECRET, "resource_type": SECRET, "resource": 1}),
        (JWTBearerGrant, {"grant_type": SECRET, "assertion": SECRET}),
        (RevokeTokenRequest, {"token": SECRET, "client_assertion_type": SECRET}),
    ],
)
def test_no_value_reaches_the_message(model: Any, data: Any) -> None:
    with pytest.raises(ParseError) as caught:
        model.from_dict(data)
    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value)


@pytest.mark.parametrize("client", ["docusign", "ringcentral", "usegrant"])
def test_each_package_exports_the_family(client: str) -> None:
    package = importlib.import_module(f"grantwire_{client}")
    errors = importlib.import_module(f"grantwire_{client}.errors")
    assert package.ParseError is errors.ParseError is ParseError
    assert errors.FieldError is FieldError
