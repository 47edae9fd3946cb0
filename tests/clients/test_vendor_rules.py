"""Rules the vendors' own documents set, enforced before a request is sent and read from answers
(issue: specs faithful to the vendors' wire). The facts are quoted in each spec's description;
these tests need nothing outside the repository."""

from __future__ import annotations

import datetime as dt
import uuid

import grantwire_usegrant
import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import APIStatusError, RequestValidationError, ServerError
from grantwire_docusign.models import AuthorizationCodeGrant as DocusignCodeGrant
from grantwire_ringcentral import NO_RETRIES, Client
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import (
    ApiErrorResponse,
    AuthorizationCodeGrant,
    GuestGrant,
    PasswordGrant,
    parse_get_token_request,
)
from grantwire_usegrant.api.tokens import create_token
from grantwire_usegrant.models import CreateTokenRequest, Token, TokenType
from grantwire_usegrant.types import UnknownEnumValue

from tests.clients.recording import RecordingTransport, form_fields

SERVER = "https://platform.ringcentral.com"
TOKEN_INFO = {"access_token": "at", "token_type": "bearer", "expires_in": 3600, "scope": "SMS"}


def sent_form(body: AuthorizationCodeGrant) -> list[tuple[str, str]]:
    recorder = RecordingTransport(body=TOKEN_INFO)
    client = Client(SERVER, httpx_args={"transport": recorder.transport()})
    get_token.sync(client=client, body=body)
    return form_fields(recorder.requests[0])


def test_an_empty_redirect_uri_is_sent_as_the_official_sdk_sends_it() -> None:
    # ringcentral==0.9.2 sends `redirect_uri=` when none is configured; RFC 6749 §3.2 reads it as omitted.
    assert ("redirect_uri", "") in sent_form(AuthorizationCodeGrant(code="c", redirect_uri=""))


def test_a_relative_redirect_uri_is_refused_before_sending() -> None:
    with pytest.raises(RequestValidationError) as caught:
        sent_form(AuthorizationCodeGrant(code="c", redirect_uri="/callback"))
    assert caught.value.field == "redirect_uri"
    assert "pattern" in caught.value.rule


@pytest.mark.parametrize("missing", ["resource_type", "resource"])
def test_the_guest_grant_requires_its_resource(missing: str) -> None:
    fields = {"grant_type": "guest", "resource_type": "Video", "resource": "https://v.example/r/1"}
    assert isinstance(parse_get_token_request(fields), GuestGrant)
    del fields[missing]
    with pytest.raises(ValueError, match=missing):
        parse_get_token_request(fields)


@pytest.mark.parametrize("grant_type", ["personal_jwt", "device_certificate"])
def test_grant_values_no_current_document_defines_are_refused_by_name(grant_type: str) -> None:
    with pytest.raises(ValueError, match="grant_type"):
        parse_get_token_request({"grant_type": grant_type, "assertion": "a"})


def test_a_public_docusign_client_must_send_its_code_verifier() -> None:
    with pytest.raises(RequestValidationError) as caught:
        DocusignCodeGrant(code="c", client_id="integration-key").to_dict()
    assert (caught.value.field, caught.value.rule) == ("code_verifier", "is required when client_id is sent")
    # A confidential client (HTTP Basic, no client_id) sends the code alone.
    assert DocusignCodeGrant(code="c").to_dict() == {"code": "c", "grant_type": "authorization_code"}
    assert DocusignCodeGrant(code="c", client_id="k", code_verifier="v").to_dict()["code_verifier"] == "v"


@pytest.mark.parametrize(
    ("status", "error_class", "headers"),
    [
        (503, ServerError, {"Retry-After": "2"}),
        (408, APIStatusError, {}),
        (500, ServerError, {}),
    ],
)
def test_the_documented_server_errors_carry_ringcentrals_code_and_message(
    status: int, error_class: type[APIStatusError], headers: dict[str, str]
) -> None:
    body = {"errorCode": "CMN-211", "message": "Service temporarily unavailable", "errors": []}
    recorder = RecordingTransport(status=status, body=body, headers=headers)
    client = Client(SERVER, httpx_args={"transport": recorder.transport()}, retry=NO_RETRIES)

    with pytest.raises(error_class) as caught:
        get_token.sync(client=client, body=PasswordGrant(username="u", password="p"))

    error = caught.value
    assert error.status_code == status
    assert isinstance(error.body, ApiErrorResponse)
    assert error.error == "CMN-211"
    assert error.error_description == "Service temporarily unavailable"


def test_a_415_is_documented_without_a_body() -> None:
    recorder = RecordingTransport(status=415, body={"anything": "at all"})
    client = Client(SERVER, httpx_args={"transport": recorder.transport()}, retry=NO_RETRIES)
    response = get_token.sync_detailed(client=client, body=PasswordGrant(username="u", password="p"))
    assert response.status_code == 415
    assert response.parsed is None


@pytest.mark.parametrize("spelling", ["Bearer", "bearer", "BEARER"])
def test_usegrant_token_type_is_bearer_in_any_case(spelling: str) -> None:
    token = Token.from_dict({"accessToken": "at", "expiresAt": "2024-01-01T00:00:00Z", "type": spelling})
    assert token.type_ is TokenType.BEARER
    assert token.expires_at == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)


def test_usegrant_token_of_a_type_the_spec_does_not_list_is_kept_as_unknown() -> None:
    # Forward-compatible enums: a type the vendor adds later does not fail the response.
    answer = {"accessToken": "at", "expiresAt": "2024-01-01T00:00:00Z", "type": "MAC"}
    transport = httpx.MockTransport(lambda request: httpx.Response(201, json=answer))
    api = grantwire_usegrant.AuthenticatedClient("https://sdk.usegrant.dev", "key", httpx_args={"transport": transport})
    token = create_token.sync(uuid.uuid4(), uuid.uuid4(), client=api, body=CreateTokenRequest(expires_in=0))
    assert isinstance(token, Token)
    assert isinstance(token.type_, UnknownEnumValue)
    assert token.type_ == "MAC"


def test_usegrant_token_type_of_another_json_type_is_a_response_validation_error() -> None:
    answer = {"accessToken": "at", "expiresAt": "2024-01-01T00:00:00Z", "type": ["MAC-secret"]}
    transport = httpx.MockTransport(lambda request: httpx.Response(201, json=answer))
    api = grantwire_usegrant.AuthenticatedClient("https://sdk.usegrant.dev", "key", httpx_args={"transport": transport})
    with pytest.raises(grantwire_usegrant.ResponseValidationError) as caught:
        create_token.sync(uuid.uuid4(), uuid.uuid4(), client=api, body=CreateTokenRequest(expires_in=0))
    assert "Token.type: expected a string, got an array" in str(caught.value)
    assert "MAC-secret" not in str(caught.value)  # the server's value is never echoed


@pytest.mark.parametrize(
    ("header", "value", "expected"),
    [
        ("RCRequestId", "5b2c9a3e-1f2d-11ef-8a4b-005056bb26b9", "5b2c9a3e-1f2d-11ef-8a4b-005056bb26b9"),
        ("X-Request-Id", "req_123", "req_123"),
        ("RCRequestId", "not an id; Set-Cookie: x", None),  # quoted in messages: only id-like text
    ],
)
def test_status_errors_carry_the_response_and_the_vendors_request_id(
    header: str, value: str, expected: str | None
) -> None:
    body = {"error": "invalid_grant", "error_description": "Invalid resource owner credentials"}
    recorder = RecordingTransport(status=400, body=body, headers={header: value})
    client = Client(SERVER, httpx_args={"transport": recorder.transport()}, retry=NO_RETRIES)

    with pytest.raises(APIStatusError) as caught:
        get_token.sync(client=client, body=PasswordGrant(username="u", password="p"))

    error = caught.value
    assert error.request_id == expected
    assert (f"(request id {expected})" in str(error)) is (expected is not None)
    assert error.response is not None
    assert error.response.status_code == 400
    assert error.response.headers[header] == value


def test_docusign_trace_token_is_the_request_id() -> None:
    import grantwire_docusign
    from grantwire_docusign.api.tokens import get_token as docusign_get_token
    from grantwire_docusign.models import JWTGrant

    trace = "8c5d2f3a-6b1e-4f1a-9d2c-3e4f5a6b7c8d"
    transport = httpx.MockTransport(
        lambda request: httpx.Response(
            400, json={"error": "consent_required"}, headers={"X-DocuSign-TraceToken": trace}
        )
    )
    client = grantwire_docusign.Client("https://account-d.docusign.com", httpx_args={"transport": transport})
    with pytest.raises(grantwire_docusign.OAuthError) as caught:
        docusign_get_token.sync(client=client, body=JWTGrant(assertion="a.b.c"))
    assert caught.value.request_id == trace


def test_front_doors_and_authorization_requests_keep_their_secrets_out_of_reprs() -> None:
    import grantwire_docusign
    import grantwire_ringcentral
    from grantwire_usegrant import UseGrant

    from tests.keys import new_rsa_key

    private_pem = new_rsa_key()[0]
    doors = [
        grantwire_ringcentral.RingCentral("app", "client-secret-value", jwt="user.jwt.credential"),
        grantwire_docusign.Docusign("integration-key", "user-id", private_pem),
        UseGrant("api-key-value", uuid.uuid4(), uuid.uuid4()),
    ]
    request = grantwire_ringcentral.RingCentral.authorization_request("app", "https://app.example/cb")
    shown = " ".join(repr(thing) for thing in [*doors, *(door.tokens for door in doors), request])
    for secret in ("client-secret-value", "user.jwt.credential", "api-key-value", request.code_verifier):
        assert secret not in shown
    assert "PRIVATE KEY" not in shown
