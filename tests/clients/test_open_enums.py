"""Forward-compatible enums: a response keeps an enum value its spec does not list, flagged as
unknown; a request still refuses one before anything is sent (issue: the generator as a superset,
item 4). Each case goes through the real client stack; only the network is a recording transport.
"""

from __future__ import annotations

import importlib

import grantwire_ringcentral
import grantwire_ringcentral.errors
import pytest
from grantwire_core.errors import FieldError
from grantwire_ringcentral import NO_RETRIES, Client
from grantwire_ringcentral.api.tokens import get_token, revoke_token
from grantwire_ringcentral.models import (
    OAuthErrorResponse,
    OAuthErrorResponseError,
    PasswordGrant,
    RevokeTokenRequest,
    RevokeTokenRequestClientAssertionType,
    TokenInfo,
    TokenInfoTokenType,
)
from grantwire_ringcentral.types import UnknownEnumValue, UnknownIntEnumValue

from tests.clients.recording import RecordingTransport

SERVER = "https://platform.ringcentral.com"
TOKEN_INFO = {"access_token": "at", "token_type": "bearer", "expires_in": 3600, "scope": "SMS"}


def _client(recorder: RecordingTransport) -> Client:
    return Client(SERVER, httpx_args={"transport": recorder.transport()}, retry=NO_RETRIES)


def test_a_token_type_the_spec_does_not_list_is_kept_and_flagged_unknown() -> None:
    recorder = RecordingTransport(body={**TOKEN_INFO, "token_type": "DPoP"})
    info = get_token.sync(client=_client(recorder), body=PasswordGrant(username="u", password="p"))

    assert isinstance(info, TokenInfo)
    assert isinstance(info.token_type, UnknownEnumValue)
    assert not isinstance(info.token_type, TokenInfoTokenType)
    assert info.token_type == "DPoP"
    assert info.to_dict()["token_type"] == "DPoP"  # sent back as it was read
    assert TokenInfo.from_dict(info.to_dict()) == info


def test_a_listed_token_type_is_still_the_enum_member() -> None:
    recorder = RecordingTransport(body=TOKEN_INFO)
    info = get_token.sync(client=_client(recorder), body=PasswordGrant(username="u", password="p"))
    assert isinstance(info, TokenInfo)
    assert info.token_type is TokenInfoTokenType.BEARER


def test_an_error_code_the_spec_does_not_list_still_raises_the_oauth_error() -> None:
    # RingCentral's error codes are an enum: a new one must not hide the error behind a parse failure.
    recorder = RecordingTransport(status=400, body={"error": "use_dpop_nonce", "error_description": "x"})
    with pytest.raises(grantwire_ringcentral.errors.OAuthBadRequestError) as caught:
        get_token.sync(client=_client(recorder), body=PasswordGrant(username="u", password="p"))
    assert caught.value.error == "use_dpop_nonce"
    assert isinstance(caught.value.body, OAuthErrorResponse)
    assert isinstance(caught.value.body.error, UnknownEnumValue)
    assert not isinstance(caught.value.body.error, OAuthErrorResponseError)


def test_an_enum_field_of_another_json_type_still_fails_the_response() -> None:
    recorder = RecordingTransport(body={**TOKEN_INFO, "token_type": 7})
    with pytest.raises(grantwire_ringcentral.ResponseValidationError) as caught:
        get_token.sync(client=_client(recorder), body=PasswordGrant(username="u", password="p"))
    assert "TokenInfo.token_type: expected a string, got an integer" in str(caught.value)


@pytest.mark.parametrize("value", ["urn:example:unknown", UnknownEnumValue("urn:example:unknown")])
def test_a_request_with_a_value_outside_its_enum_is_refused_before_sending(value: str) -> None:
    recorder = RecordingTransport(status=200, body=None)
    body = RevokeTokenRequest(
        token="t",
        client_assertion_type=value,  # type: ignore[arg-type]  # what an untyped caller could pass
        client_assertion="jwt",
    )
    with pytest.raises(FieldError) as caught:
        revoke_token.sync_detailed(client=_client(recorder), body=body)
    assert caught.value.field == "client_assertion_type"
    assert "not one of: urn:ietf:params:oauth:client-assertion-type:jwt-bearer" in str(caught.value)
    assert recorder.requests == []


def test_a_request_model_parsed_with_a_value_outside_its_enum_is_a_parse_error() -> None:
    # A model a request carries stays closed when parsed too (a test server, a proxy).
    with pytest.raises(grantwire_ringcentral.ParseError) as caught:
        RevokeTokenRequest.from_dict({"token": "t", "client_assertion_type": "urn:example:unknown"})
    assert str(caught.value).startswith("RevokeTokenRequest.client_assertion_type: a string that is not one of")
    assert (
        RevokeTokenRequest.from_dict(
            {"token": "t", "client_assertion_type": RevokeTokenRequestClientAssertionType.JWT_BEARER.value}
        ).client_assertion_type
        is RevokeTokenRequestClientAssertionType.JWT_BEARER
    )


@pytest.mark.parametrize("package", ["grantwire_docusign", "grantwire_ringcentral", "grantwire_usegrant"])
def test_every_package_exports_the_unknown_value_type(package: str) -> None:
    assert importlib.import_module(f"{package}.types").UnknownEnumValue is UnknownEnumValue
    assert importlib.import_module(f"{package}.types").UnknownIntEnumValue is UnknownIntEnumValue
