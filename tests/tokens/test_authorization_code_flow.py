"""The authorization-code flow end to end against the real authorization server: our URL (state,
PKCE S256) goes through the server's own authorization endpoint as a browser would send it, the
redirect back is checked, and the code is exchanged with its verifier; a forged state or a denial
never reaches the token endpoint."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import TokenUnavailable
from grantwire_core.vendor_kit.authorization import (
    AuthorizationDenied,
    AuthorizationRequest,
    StateMismatch,
    code_challenge,
)
from grantwire_docusign import Docusign
from grantwire_ringcentral import OAuthError, RingCentral

from tests.authserver.server import REDIRECT_URI, RegisteredClient, TestAuthorizationServer
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET


def browse(server: TestAuthorizationServer, request: AuthorizationRequest) -> str:
    """The user opens ``request.url`` and approves: the server's authorization endpoint answers
    with the redirect to the app (the path differs per vendor; the query is ours, unchanged)."""
    query = parse_qs(urlsplit(request.url).query)
    with server.app.test_client() as browser:
        answer = browser.get("/authorize", query_string={name: values[0] for name, values in query.items()})
    return str(answer.headers["Location"])


def test_the_code_is_exchanged_with_its_verifier(auth_server: TestAuthorizationServer) -> None:
    request = RingCentral.authorization_request(CLIENT_ID, REDIRECT_URI, server=auth_server.url, scope="profile")
    query = parse_qs(urlsplit(request.url).query)
    assert urlsplit(request.url).path == "/restapi/oauth/authorize"
    assert query["code_challenge_method"] == ["S256"]
    assert query["code_challenge"] == [code_challenge(request.code_verifier)]
    assert query["state"] == [request.state]
    assert request.code_verifier not in repr(request)  # the verifier never leaves the server

    redirect = browse(auth_server, request)
    with RingCentral.from_redirect(CLIENT_ID, CLIENT_SECRET, request, redirect, server=auth_server.url) as rc:
        assert rc.token()  # the server checked the verifier against the challenge (S256)
        auth_server.expire_access_tokens()
        assert rc.http().get("/api/me").status_code == 200  # renewed by the refresh token
    assert auth_server.grant_types == ["authorization_code", "refresh_token"]


def test_a_forged_state_is_refused_before_any_token_request(auth_server: TestAuthorizationServer) -> None:
    request = RingCentral.authorization_request(CLIENT_ID, REDIRECT_URI, server=auth_server.url)
    redirect = browse(auth_server, request).replace(f"state={request.state}", "state=forged")
    with pytest.raises(StateMismatch):
        RingCentral.from_redirect(CLIENT_ID, CLIENT_SECRET, request, redirect, server=auth_server.url)
    assert auth_server.token_requests == 0


def test_a_wrong_verifier_is_refused_by_the_server(auth_server: TestAuthorizationServer) -> None:
    request = RingCentral.authorization_request(CLIENT_ID, REDIRECT_URI, server=auth_server.url)
    redirect = browse(auth_server, request)
    other = AuthorizationRequest(request.url, request.redirect_uri, request.state, "x" * 60)
    rc = RingCentral.from_redirect(CLIENT_ID, CLIENT_SECRET, other, redirect, server=auth_server.url)
    with rc, pytest.raises(OAuthError) as caught:
        rc.token()
    assert caught.value.error == "invalid_grant"


def test_a_denial_names_the_error() -> None:
    request = RingCentral.authorization_request(CLIENT_ID, REDIRECT_URI)
    with pytest.raises(AuthorizationDenied) as caught:
        request.code_from(f"{REDIRECT_URI}?error=access_denied&state={request.state}")
    assert caught.value.error == "access_denied"
    with pytest.raises(AuthorizationDenied):
        request.code_from(f"state={request.state}")  # a query string without a code


def test_revoking_ends_the_session_and_a_code_session_cannot_come_back(auth_server: TestAuthorizationServer) -> None:
    request = RingCentral.authorization_request(CLIENT_ID, REDIRECT_URI, server=auth_server.url)
    rc = RingCentral.from_redirect(
        CLIENT_ID, CLIENT_SECRET, request, browse(auth_server, request), server=auth_server.url
    )
    with rc:
        old = rc.token()
        rc.revoke()  # POST /restapi/oauth/revoke, as RFC 7009 and RingCentral define it
        assert auth_server.revocations == 1
        bearer = {"Authorization": f"Bearer {old}"}
        assert httpx.get(auth_server.url + "/api/me", headers=bearer).status_code == 401
        with pytest.raises(TokenUnavailable):
            rc.token()  # the code was single-use and the refresh token died with the session
        rc.revoke()  # nothing left to revoke: a no-op
    assert auth_server.grant_types == ["authorization_code"]


@pytest.mark.parametrize("public", [False, True], ids=["confidential", "public"])
def test_docusigns_code_flow_against_the_real_server(auth_server: TestAuthorizationServer, public: bool) -> None:
    if public:  # a public integration: no secret, client_id and the verifier in the body
        auth_server.register(RegisteredClient("public-integration", auth_method="none"))
    key, secret = ("public-integration", None) if public else (CLIENT_ID, CLIENT_SECRET)
    request = Docusign.authorization_request(key, REDIRECT_URI, environment=auth_server.url, scopes=("profile",))
    assert urlsplit(request.url).path == "/oauth/auth"
    redirect = browse(auth_server, request)
    with Docusign.from_redirect(key, secret, request, redirect, environment=auth_server.url) as ds:
        assert ds.token()  # exchanged at /oauth/token; the server checked the PKCE verifier
        auth_server.expire_access_tokens()
        assert ds.http(auth_server.url).get("/api/me").status_code == 200  # renewed by refresh
    assert auth_server.grant_types == ["authorization_code", "refresh_token"]
