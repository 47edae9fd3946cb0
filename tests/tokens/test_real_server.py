"""Token sources against a real authorization server (Authlib's, tests/authserver/), sync and async.

Each test names the behaviour it proves; the numbers are those of the findings it fixes (rotation
and reuse detection, renewal races, shared failures, client assertions on refresh, single-use codes,
what raises TokenUnavailable, plain-string enums, token_type case, streamed bodies, consent URLs).
The sources' clock is injected, so expiry is a number the test moves; nothing sleeps for it.
"""

from __future__ import annotations

import asyncio
import base64
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import ConnectError, RateLimitError, ServerError, TokenUnavailable, UnauthorizedError
from grantwire_core.retry import NO_RETRIES, RetryPolicy
from grantwire_core.runtime.fields import FieldError
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken
from grantwire_docusign import Client as DocusignClient
from grantwire_docusign.models import JWTGrant
from grantwire_docusign.tokens import ConsentRequired, DocusignTokenSource
from grantwire_ringcentral import Client
from grantwire_ringcentral.jwt import ClientAssertion
from grantwire_ringcentral.models import (
    AuthorizationCodeGrant,
    ClientCredentialsByAccountGrant,
    GetTokenRequest,
    PasswordGrant,
    TokenRequestCommonClientAssertionType,
)
from grantwire_ringcentral.tokens import RingCentralTokenSource

from tests.authserver.server import (
    PASSWORD,
    REDIRECT_URI,
    RINGCENTRAL_TOKEN_PATH,
    USER,
    RegisteredClient,
    TestAuthorizationServer,
)
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET, KeyPair
from tests.tokens.token_server import Clock

T = TypeVar("T")
JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
LIFETIME = 3600  # what the server grants; the sources learn it from expires_in


class Caller:
    """Asks a source for a token the way the test is parametrised: ``token()``, or ``atoken()`` on
    one event loop that lives as long as the test (the source's httpx.AsyncClient stays on it)."""

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.loop = asyncio.new_event_loop() if mode == "async" else None

    def run(self, sync: Callable[[], T], coroutine: Callable[[], Awaitable[T]]) -> T:
        if self.loop is None:
            return sync()
        return self.loop.run_until_complete(coroutine())

    def token(self, source: TokenSource, **kwargs: Any) -> AccessToken:
        return self.run(lambda: source.token(**kwargs), lambda: source.atoken(**kwargs))

    def close(self) -> None:
        if self.loop is not None:
            self.loop.close()


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    runner = Caller(request.param)
    yield runner
    runner.close()


def ringcentral(
    server: TestAuthorizationServer,
    grant: GetTokenRequest | Callable[[], GetTokenRequest],
    clock: Clock,
    *,
    basic_auth: bool = True,
    retry: RetryPolicy = NO_RETRIES,
    transport: httpx.BaseTransport | httpx.AsyncBaseTransport | None = None,
) -> RingCentralTokenSource:
    httpx_args: dict[str, Any] = {"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)} if basic_auth else {}
    if transport is not None:
        httpx_args["transport"] = transport
    client = Client(base_url=server.url, retry=retry, httpx_args=httpx_args)
    return RingCentralTokenSource(client, grant, clock=clock)


def password() -> PasswordGrant:
    return PasswordGrant(username=USER, password=PASSWORD)


def code_grant(server: TestAuthorizationServer) -> AuthorizationCodeGrant:
    return AuthorizationCodeGrant(code=server.authorization_code(CLIENT_ID), redirect_uri=REDIRECT_URI)


def resource_status(server: TestAuthorizationServer, token: AccessToken) -> int:
    return httpx.get(server.url + "/api/me", headers={"Authorization": f"Bearer {token.access_token}"}).status_code


# -- 1: a refresh answer without a refresh token keeps the previous one --------------------------


def test_a_session_survives_refreshes_that_return_no_refresh_token(
    non_rotating_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = non_rotating_server, Clock()
    source = ringcentral(server, code_grant(server), clock)
    first = caller.token(source)
    for _ in range(3):
        clock.now += LIFETIME
        renewed = caller.token(source)
        assert renewed.refresh_token == first.refresh_token  # kept: the answer carried none
        assert resource_status(server, renewed) == 200
    assert server.grant_types == ["authorization_code"] + ["refresh_token"] * 3


def test_a_password_session_refreshes_instead_of_repeating_the_password(
    non_rotating_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = non_rotating_server, Clock()
    source = ringcentral(server, password(), clock)
    caller.token(source)
    clock.now += LIFETIME
    caller.token(source)
    clock.now += LIFETIME
    caller.token(source)
    assert server.grant_types == ["password", "refresh_token", "refresh_token"]


# -- 2: a 401 renews only when the rejected token is still the current one -----------------------


def test_a_late_401_for_a_token_already_replaced_does_not_renew_again(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, password(), clock)
    sent = caller.token(source)
    server.expire_access_tokens()  # revoked early: the API answers 401 to it
    # Two requests went out with the same token; both come back 401, one after the other.
    renewed = caller.token(source, rejected=sent)
    again = caller.token(source, rejected=sent)
    assert again.access_token == renewed.access_token
    assert server.grant_types == ["password", "refresh_token"]
    assert server.outcomes["reuse_detected"] == 0
    assert resource_status(server, again) == 200


def test_an_httpx_client_renews_once_on_401_and_retries(auth_server: TestAuthorizationServer) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, password(), clock)
    with httpx.Client(base_url=server.url, auth=source) as api:
        assert api.get("/api/me").status_code == 200
        server.expire_access_tokens()
        assert api.get("/api/me").status_code == 200  # 401, one renewal, one retry
    assert server.grant_types == ["password", "refresh_token"]


# -- 3: one renewal per expiry across threads and every event loop ------------------------------


def test_threads_and_two_event_loops_share_one_renewal(auth_server: TestAuthorizationServer) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, password(), clock)
    source.token()
    clock.now += LIFETIME
    start = threading.Barrier(100 + 2)
    seen: list[str] = []
    lock = threading.Lock()

    def thread_caller() -> None:
        start.wait()
        token = source.token()
        with lock:
            seen.append(token.access_token)

    def loop_caller() -> None:
        async def many() -> list[AccessToken]:
            return await asyncio.gather(*(source.atoken() for _ in range(50)))

        start.wait()
        tokens = asyncio.run(many())
        with lock:
            seen.extend(token.access_token for token in tokens)

    workers = [threading.Thread(target=thread_caller) for _ in range(100)]
    workers += [threading.Thread(target=loop_caller) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(seen) == 200
    assert len(set(seen)) == 1
    assert server.grant_types == ["password", "refresh_token"]


# -- 4: a failed renewal is shared with everyone waiting on it ----------------------------------


def test_a_failing_endpoint_costs_one_request_plus_retries_for_all_waiters(
    auth_server: TestAuthorizationServer,
) -> None:
    server, clock = auth_server, Clock()
    retry = RetryPolicy(max_retries=2, backoff_initial=0.01, jitter=0)
    source = ringcentral(server, password(), clock, retry=retry)
    server.fail_next(503, times=3, delay=0.2)  # the first try and both retries
    start = threading.Barrier(50)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def ask() -> None:
        start.wait()
        try:
            source.token()
        except Exception as error:
            with lock:
                errors.append(error)

    workers = [threading.Thread(target=ask) for _ in range(50)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(errors) == 50
    assert all(isinstance(error, ServerError) and error.status_code == 503 for error in errors)
    assert server.token_requests == 3  # one request and the policy's two retries, for all 50
    assert source.token().access_token  # the next caller tries again, and the endpoint is back
    assert server.token_requests == 4


def test_async_waiters_share_the_failure_too(auth_server: TestAuthorizationServer) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, password(), clock)
    server.fail_next(503, times=1, delay=0.2)

    async def scenario() -> None:
        outcomes = await asyncio.gather(*(source.atoken() for _ in range(20)), return_exceptions=True)
        assert all(isinstance(outcome, ServerError) for outcome in outcomes)
        assert server.token_requests == 1
        assert (await source.atoken()).access_token
        assert server.token_requests == 2

    asyncio.run(scenario())


# -- 5: client assertions on every token request the source makes -------------------------------


def private_key_jwt_client(server: TestAuthorizationServer, keys: KeyPair) -> ClientAssertion:
    server.register(RegisteredClient("jwt-app", auth_method="client_assertion_jwt", key=keys.public_pem))
    return ClientAssertion("jwt-app", keys.private_pem, token_url=server.url + RINGCENTRAL_TOKEN_PATH)


def test_refreshes_carry_a_freshly_signed_client_assertion(
    auth_server: TestAuthorizationServer, rsa_keys: KeyPair, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    assertion = private_key_jwt_client(server, rsa_keys)

    def grant() -> PasswordGrant:
        return PasswordGrant(
            username=USER,
            password=PASSWORD,
            client_assertion_type=TokenRequestCommonClientAssertionType(JWT_BEARER),
            client_assertion=assertion(),
        )

    source = ringcentral(server, grant, clock, basic_auth=False)
    caller.token(source)
    clock.now += LIFETIME
    renewed = caller.token(source)
    assert server.grant_types == ["password", "refresh_token"]
    assert server.outcomes["invalid_client"] == 0
    assert resource_status(server, renewed) == 200


def test_a_code_session_of_a_private_key_jwt_client_refreshes_without_replaying_the_code(
    auth_server: TestAuthorizationServer, rsa_keys: KeyPair, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    assertion = private_key_jwt_client(server, rsa_keys)
    code = server.authorization_code("jwt-app")

    plain_type: Any = JWT_BEARER  # a plain string for the one-valued enum, as users write it

    def grant() -> AuthorizationCodeGrant:
        return AuthorizationCodeGrant(
            code=code, redirect_uri=REDIRECT_URI, client_assertion_type=plain_type, client_assertion=assertion()
        )

    source = ringcentral(server, grant, clock, basic_auth=False)
    caller.token(source)
    for _ in range(2):
        clock.now += LIFETIME
        caller.token(source)
    assert server.grant_types == ["authorization_code", "refresh_token", "refresh_token"]
    assert server.outcomes["code_replayed"] == 0


# -- 6, 7: single-use grants however given; a code is used up only once it may have arrived ------


def test_a_code_from_a_factory_is_never_replayed_when_its_session_ends(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    code = server.authorization_code(CLIENT_ID)
    source = ringcentral(server, lambda: AuthorizationCodeGrant(code=code, redirect_uri=REDIRECT_URI), clock)
    first = caller.token(source)
    server.revoke_family(next(t.family for t in server.tokens if t.access_token == first.access_token))
    clock.now += LIFETIME
    with pytest.raises(TokenUnavailable, match="sign in again"):
        caller.token(source)
    assert server.grant_types == ["authorization_code", "refresh_token"]
    assert server.outcomes["code_replayed"] == 0


class RefuseFirstConnection(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The first request fails to connect (it never reaches the server); the rest go through."""

    def __init__(self) -> None:
        self.refused = False
        self.sync, self.async_ = httpx.HTTPTransport(), httpx.AsyncHTTPTransport()

    def _refuse_once(self, request: httpx.Request) -> None:
        if not self.refused:
            self.refused = True
            raise httpx.ConnectError("connection refused", request=request)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self._refuse_once(request)
        return self.sync.handle_request(request)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self._refuse_once(request)
        return await self.async_.handle_async_request(request)


def test_a_code_that_never_reached_the_server_is_sent_on_the_next_call(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, code_grant(server), clock, transport=RefuseFirstConnection())
    with pytest.raises(ConnectError):
        caller.token(source)
    assert resource_status(server, caller.token(source)) == 200
    assert server.grant_types == ["authorization_code"]


# -- 8: TokenUnavailable only when the server rejected the refresh token -----------------------


@pytest.mark.parametrize(("status", "error"), [(503, ServerError), (429, RateLimitError)])
def test_a_refresh_that_fails_for_now_raises_its_own_error_and_the_next_call_works(
    auth_server: TestAuthorizationServer, caller: Caller, status: int, error: type[Exception]
) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, code_grant(server), clock)
    caller.token(source)
    clock.now += LIFETIME
    server.fail_next(status, headers={"Retry-After": "1"})
    with pytest.raises(error):
        caller.token(source)
    assert resource_status(server, caller.token(source)) == 200
    assert server.grant_types == ["authorization_code", "refresh_token", "refresh_token"]


def test_a_rejected_refresh_token_falls_back_to_a_repeatable_grant(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, password(), clock)
    first = caller.token(source)
    server.revoke_family(next(t.family for t in server.tokens if t.access_token == first.access_token))
    clock.now += LIFETIME
    assert resource_status(server, caller.token(source)) == 200
    assert server.grant_types == ["password", "refresh_token", "password"]


def test_a_client_that_fails_authentication_gets_that_error_not_token_unavailable(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server, clock = auth_server, Clock()
    client = Client(base_url=server.url, retry=NO_RETRIES, httpx_args={"auth": httpx.BasicAuth(CLIENT_ID, "wrong")})
    source = RingCentralTokenSource(client, code_grant(server), clock=clock)
    with pytest.raises(UnauthorizedError) as caught:
        caller.token(source)
    assert caught.value.error == "invalid_client"


# -- 9, 10: plain-string one-valued enums; token_type in any letter case -------------------------


def test_a_plain_string_client_assertion_type_is_sent_and_a_wrong_one_refused() -> None:
    grant = PasswordGrant(username=USER, password=PASSWORD, client_assertion_type=JWT_BEARER, client_assertion="a")  # type: ignore[arg-type]
    assert grant.to_dict()["client_assertion_type"] == JWT_BEARER
    wrong = PasswordGrant(username=USER, password=PASSWORD, client_assertion_type="jwt", client_assertion="a")  # type: ignore[arg-type]
    with pytest.raises(FieldError, match="client_assertion_type: a string that is not one of"):
        wrong.to_dict()


def test_the_servers_bearer_in_any_case_is_accepted(auth_server: TestAuthorizationServer) -> None:
    raw = httpx.post(
        auth_server.url + RINGCENTRAL_TOKEN_PATH,
        data={"grant_type": "password", "username": USER, "password": PASSWORD},
        auth=(CLIENT_ID, CLIENT_SECRET),
    )
    assert raw.json()["token_type"] == "Bearer"  # RingCentral documents "bearer"
    assert ringcentral(auth_server, password(), Clock()).token().token_type == "Bearer"


# -- 11: a streamed request body is sent again after a 401 ---------------------------------------


def test_a_streamed_body_is_sent_again_after_a_401(auth_server: TestAuthorizationServer) -> None:
    server = auth_server
    source = ringcentral(server, password(), Clock())
    with httpx.Client(base_url=server.url, auth=source) as api:
        api.get("/api/me")
        server.expire_access_tokens()
        answer = api.post("/api/me", content=iter([b"chunk-1;", b"chunk-2"]))
    assert answer.status_code == 200
    assert answer.json()["received"] == len(b"chunk-1;chunk-2")


def test_a_streamed_body_is_sent_again_after_a_401_async(auth_server: TestAuthorizationServer) -> None:
    server = auth_server
    source = ringcentral(server, password(), Clock())

    async def body() -> AsyncIterator[bytes]:
        for chunk in (b"chunk-1;", b"chunk-2"):
            yield chunk

    async def scenario() -> httpx.Response:
        async with httpx.AsyncClient(base_url=server.url, auth=source) as api:
            await api.get("/api/me")
            server.expire_access_tokens()
            return await api.post("/api/me", content=body())

    answer = asyncio.run(scenario())
    assert answer.status_code == 200
    assert answer.json()["received"] == len(b"chunk-1;chunk-2")


# -- client credentials, the grant with no refresh token -----------------------------------------


def test_client_credentials_are_repeated_at_each_expiry(auth_server: TestAuthorizationServer, caller: Caller) -> None:
    server, clock = auth_server, Clock()
    source = ringcentral(server, ClientCredentialsByAccountGrant(account_id="400131"), clock)
    caller.token(source)
    clock.now += LIFETIME
    caller.token(source)
    assert server.grant_types == ["client_credentials", "client_credentials"]


# -- 13: Docusign's consent URL keeps the server's scheme and port, and the requested scopes ------


def unsigned_assertion(claims: str) -> str:
    def part(text: str) -> str:
        return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")

    return f"{part('{}')}.{part(claims)}.signature"


def test_the_consent_url_asks_for_the_assertions_scopes_at_the_servers_own_address(
    auth_server: TestAuthorizationServer, caller: Caller
) -> None:
    server = auth_server
    server.fail_next(400, body={"error": "consent_required"})
    assertion = unsigned_assertion('{"iss": "ik", "sub": "u", "scope": "signature impersonation extended"}')
    client = DocusignClient(base_url=server.url, retry=NO_RETRIES)
    source = DocusignTokenSource(
        client, lambda: JWTGrant(assertion=assertion), integration_key="ik", redirect_uri=REDIRECT_URI, clock=time.time
    )
    with pytest.raises(ConsentRequired) as caught:
        caller.token(source)
    assert caught.value.consent_url.startswith(f"{server.url}/oauth/auth?")
    assert "scope=signature+impersonation+extended" in caught.value.consent_url
