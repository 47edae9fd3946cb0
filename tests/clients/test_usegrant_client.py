"""grantwire_usegrant: path ids, bearer API key, JSON body, 201 token and the {code, message} errors."""

from __future__ import annotations

import asyncio
import datetime as dt
from uuid import UUID

import pytest
from grantwire_usegrant import APIStatusError, AuthenticatedClient, OAuthError, RetryPolicy
from grantwire_usegrant.api.tokens import create_token
from grantwire_usegrant.models import CreateTokenRequest, Error, Token

from tests.clients.recording import RecordingTransport, json_body

SERVER = "https://sdk.usegrant.dev"
PROVIDER = UUID("497f6eca-6276-4993-bfeb-53cbbbba6f08")
CLIENT = UUID("0b3f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
TOKEN = {
    "accessToken": "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig",
    "expiresAt": "2024-01-01T00:00:00Z",
    "type": "Bearer",
}
TOKENS_URL = f"{SERVER}/v1/providers/{PROVIDER}/clients/{CLIENT}/tokens"


def make_client(recorder: RecordingTransport) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=SERVER, token="api-key", httpx_args={"transport": recorder.transport()})


def test_create_token_with_every_option() -> None:
    recorder = RecordingTransport(status=201, body=TOKEN)
    options = CreateTokenRequest(expires_in=3600, use_jwt_type=True, audience_as_array=False, force_default_domain=True)

    token = create_token.sync(PROVIDER, CLIENT, client=make_client(recorder), body=options)

    request = recorder.last
    assert request.method == "POST"
    assert str(request.url) == TOKENS_URL
    assert request.headers["Authorization"] == "Bearer api-key"
    assert json_body(request) == {
        "expiresIn": 3600,
        "useJwtType": True,
        "audienceAsArray": False,
        "forceDefaultDomain": True,
    }
    assert isinstance(token, Token)
    assert token.expires_at == dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert token.type_ == "Bearer"
    assert token.to_dict() == {**TOKEN, "expiresAt": "2024-01-01T00:00:00+00:00"}


def test_create_token_without_a_body_sends_none() -> None:
    recorder = RecordingTransport(status=201, body=TOKEN)

    response = asyncio.run(create_token.asyncio_detailed(PROVIDER, CLIENT, client=make_client(recorder)))

    assert recorder.last.content == b""
    assert response.status_code == 201
    assert isinstance(response.parsed, Token)


@pytest.mark.parametrize("status", [400, 401, 404, 500])
def test_documented_errors_raise_with_code_and_message(status: int) -> None:
    wire = {"code": f"E{status}", "message": "something went wrong"}
    recorder = RecordingTransport(status=status, body=wire)
    no_retries = RetryPolicy(max_retries=0)

    with pytest.raises(APIStatusError) as sync_error:
        create_token.sync(PROVIDER, CLIENT, client=make_client(recorder), body=CreateTokenRequest(), retry=no_retries)
    with pytest.raises(APIStatusError) as async_error:
        asyncio.run(create_token.asyncio(PROVIDER, CLIENT, client=make_client(recorder), retry=no_retries))

    for raised in (sync_error.value, async_error.value):
        assert not isinstance(raised, OAuthError)
        assert raised.status_code == status
        assert (raised.error, raised.error_description) == (f"E{status}", "something went wrong")
        assert isinstance(raised.body, Error)
        assert raised.body.code == f"E{status}"
