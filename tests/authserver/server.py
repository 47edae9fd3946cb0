"""A real OAuth 2.0 authorization server on loopback, built from Authlib's, for the token tests.

The protocol is Authlib's (``authlib.integrations.flask_oauth2.AuthorizationServer`` and its
grants): password, authorization code with PKCE (RFC 7636), refresh token, client credentials, the
RFC 7523 JWT bearer grant, and client authentication by ``client_secret_basic``, ``none`` or an
RFC 7523 client assertion (``private_key_jwt``/``client_secret_jwt``). What this module adds is
what Authlib leaves to a deployment: in-memory storage, and the policies the tests need to face:

- refresh tokens rotate (each refresh answers a new one and revokes the old), or, with
  ``rotate_refresh_tokens=False``, the refresh answer carries no ``refresh_token`` (RFC 6749 §6);
- reuse detection: redeeming a refresh token that was already rotated away revokes its whole
  family (OAuth 2.0 Security BCP §4.14), and so does replaying an authorization code (RFC 6749
  §4.1.2); with ``revoke_family_on_reuse=False`` the reused refresh token is only refused;
- ``fail_next(status, ...)`` answers the next token requests with an error instead;
- a protected resource at ``GET /api/me`` that answers 401 for any token not currently valid.

RingCentral's token endpoint (``/restapi/oauth/token``) answers Authlib's JSON reshaped the way
RingCentral shapes it: ``scope`` always present and ``refresh_token_expires_in`` with every refresh
token. ``token_type`` stays Authlib's ``Bearer`` (RingCentral writes ``bearer``; RFC 6749 §5.1 makes
it case-insensitive, and the clients must accept both). Docusign's (``/oauth/token``) is left as is.
"""

from __future__ import annotations

import itertools
import json
import secrets
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs, urlsplit

from authlib.integrations.flask_oauth2 import AuthorizationServer
from authlib.oauth2.rfc6749 import ClientMixin, grants
from authlib.oauth2.rfc6749.models import AuthorizationCodeMixin, TokenMixin
from authlib.oauth2.rfc7009 import RevocationEndpoint
from authlib.oauth2.rfc7523 import JWTBearerClientAssertion, JWTBearerGrant
from authlib.oauth2.rfc7636 import CodeChallenge
from flask import Flask, Response, has_request_context, jsonify, request
from joserfc.jwk import OctKey, RSAKey
from werkzeug.serving import WSGIRequestHandler, make_server

RINGCENTRAL_TOKEN_PATH = "/restapi/oauth/token"
DOCUSIGN_TOKEN_PATH = "/oauth/token"
RINGCENTRAL_REVOKE_PATH = "/restapi/oauth/revoke"
USER = "alice"
PASSWORD = "correct horse battery staple"
REDIRECT_URI = "https://app.example/callback"
AUTH_METHODS = ["client_secret_basic", "client_secret_post", "none", JWTBearerClientAssertion.CLIENT_AUTH_METHOD]
ALL_GRANTS = (
    "password",
    "authorization_code",
    "refresh_token",
    "client_credentials",
    JWTBearerGrant.GRANT_TYPE,
)


@dataclass
class RegisteredClient(ClientMixin):  # type: ignore[misc]
    """A client of the server. ``auth_method`` is how it must authenticate at the token endpoint;
    ``key`` verifies its assertions (an RSA public key PEM, or the shared secret for HS256)."""

    client_id: str
    client_secret: str = ""
    auth_method: str = "client_secret_basic"
    key: str | bytes = ""

    def get_client_id(self) -> str:
        return self.client_id

    def get_default_redirect_uri(self) -> str:
        return REDIRECT_URI

    def get_allowed_scope(self, scope: str) -> str:
        return scope or ""

    def check_redirect_uri(self, redirect_uri: str) -> bool:
        return redirect_uri == REDIRECT_URI

    def check_client_secret(self, client_secret: str) -> bool:
        return secrets.compare_digest(client_secret, self.client_secret)

    def check_endpoint_auth_method(self, method: str, endpoint: str) -> bool:
        return method == self.auth_method

    def check_response_type(self, response_type: str) -> bool:
        return response_type == "code"

    def check_grant_type(self, grant_type: str) -> bool:
        return grant_type in ALL_GRANTS


@dataclass
class Code(AuthorizationCodeMixin):  # type: ignore[misc]
    code: str
    client_id: str
    redirect_uri: str
    scope: str
    user: str
    code_challenge: str | None
    code_challenge_method: str | None
    family: int = 0

    def get_redirect_uri(self) -> str:
        # RFC 6749 §4.1.3 asks for the redirect URI again at the token endpoint, and RingCentral's
        # path checks it; Docusign's token endpoint does not (neither of its SDKs sends it).
        if has_request_context() and request.path == DOCUSIGN_TOKEN_PATH:
            return ""
        return self.redirect_uri

    def get_scope(self) -> str:
        return self.scope


@dataclass
class Token(TokenMixin):  # type: ignore[misc]
    access_token: str
    client_id: str
    scope: str
    user: str | None
    expires_in: int
    family: int
    issued_at: float = field(default_factory=time.time)
    refresh_token: str | None = None
    access_revoked: bool = False
    refresh_revoked: bool = False

    def check_client(self, client: RegisteredClient) -> bool:
        return self.client_id == client.client_id

    def get_scope(self) -> str:
        return self.scope

    def get_expires_in(self) -> int:
        return self.expires_in

    def is_expired(self) -> bool:
        return time.time() >= self.issued_at + self.expires_in

    def is_revoked(self) -> bool:
        return self.access_revoked

    def get_user(self) -> str | None:
        return self.user

    def get_client(self) -> str:
        return str(self.client_id)


class TestAuthorizationServer:
    """The server, its storage and what it has seen. Start it with ``running()``."""

    __test__ = False  # not a pytest test class

    def __init__(
        self, *, rotate_refresh_tokens: bool = True, access_lifetime: int = 3600, revoke_family_on_reuse: bool = True
    ) -> None:
        self.rotate_refresh_tokens = rotate_refresh_tokens
        self.revoke_family_on_reuse = revoke_family_on_reuse
        self.access_lifetime = access_lifetime
        self.clients: dict[str, RegisteredClient] = {}
        self.codes: dict[str, Code] = {}
        self.used_codes: dict[str, Code] = {}
        self.tokens: list[Token] = []
        self.grant_types: list[str] = []  # every token request, in order, by its grant_type
        self.request_times: list[float] = []  # and when it arrived (time.monotonic())
        self.outcomes: Counter[str] = Counter()  # "issued", "invalid_grant", "reuse_detected", …
        self.families = itertools.count(1)
        self.lock = threading.RLock()
        self._failures: list[tuple[int, dict[str, Any], dict[str, str]]] = []
        self.failure_delay = 0.0
        self.seen_jti: set[str] = set()
        self.revocations = 0  # sessions revoked at RINGCENTRAL_REVOKE_PATH
        self.url = ""
        self.app = self._build_app()

    # -- what the tests configure ---------------------------------------------------------------
    def register(self, client: RegisteredClient) -> RegisteredClient:
        self.clients[client.client_id] = client
        return client

    def fail_next(
        self,
        status: int,
        *,
        times: int = 1,
        body: dict[str, Any] | None = None,
        delay: float = 0.0,
        headers: dict[str, str] | None = None,
    ) -> None:
        """Answer the next ``times`` token requests with ``status`` (after counting them), each
        ``delay`` seconds late (so that concurrent callers are sure to overlap the failing one)."""
        with self.lock:
            self._failures.extend([(status, body or {"error": "temporarily_unavailable"}, headers or {})] * times)
            self.failure_delay = delay

    def authorization_code(self, client_id: str, *, code_challenge: str | None = None, scope: str = "profile") -> str:
        """A code, as the authorization endpoint hands it out after the user approves."""
        query: dict[str, str] = {"response_type": "code", "client_id": client_id, "redirect_uri": REDIRECT_URI}
        query["scope"] = scope
        if code_challenge:
            query.update(code_challenge=code_challenge, code_challenge_method="S256")
        with self.app.test_client() as browser:
            answer = browser.get("/authorize", query_string=query)
        location = answer.headers["Location"]
        return parse_qs(urlsplit(location).query)["code"][0]

    def expire_access_tokens(self) -> None:
        """Every access token issued so far is now rejected by the resource (revoked early)."""
        with self.lock:
            for token in self.tokens:
                token.access_revoked = True

    def count(self, grant_type: str) -> int:
        with self.lock:
            return self.grant_types.count(grant_type)

    @property
    def token_requests(self) -> int:
        with self.lock:
            return len(self.grant_types)

    # -- storage callbacks for Authlib ------------------------------------------------------------
    def query_client(self, client_id: str) -> RegisteredClient | None:
        return self.clients.get(client_id)

    def save_token(self, token: dict[str, Any], oauth_request: Any) -> None:
        with self.lock:
            previous = getattr(oauth_request, "refresh_token", None)
            code = getattr(oauth_request, "authorization_code", None)
            family = (
                previous.family if previous is not None else code.family if code is not None else next(self.families)
            )
            user = oauth_request.user
            self.tokens.append(
                Token(
                    access_token=token["access_token"],
                    client_id=oauth_request.client.client_id,
                    scope=token.get("scope", ""),
                    user=user if isinstance(user, str) or user is None else str(user),
                    expires_in=int(token["expires_in"]),
                    family=family,
                    refresh_token=token.get("refresh_token"),
                )
            )
            self.outcomes["issued"] += 1

    def revoke_family(self, family: int) -> None:
        with self.lock:
            for token in self.tokens:
                if token.family == family:
                    token.access_revoked = token.refresh_revoked = True

    # -- the app ----------------------------------------------------------------------------------
    def _build_app(self) -> Flask:
        app = Flask(__name__)
        app.config["OAUTH2_TOKEN_EXPIRES_IN"] = dict.fromkeys(ALL_GRANTS, self.access_lifetime)
        app.config["OAUTH2_REFRESH_TOKEN_GENERATOR"] = True
        oauth = AuthorizationServer(app, query_client=self.query_client, save_token=self.save_token)
        harness = self

        class PasswordGrant(grants.ResourceOwnerPasswordCredentialsGrant):  # type: ignore[misc]
            TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

            def authenticate_user(self, username: str, password: str) -> str | None:
                return USER if (username, password) == (USER, PASSWORD) else None

        class CodeGrant(grants.AuthorizationCodeGrant):  # type: ignore[misc]
            TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

            def save_authorization_code(self, code: str, oauth_request: Any) -> Code:
                data = oauth_request.payload.data
                saved = Code(
                    code=code,
                    client_id=oauth_request.client.client_id,
                    redirect_uri=oauth_request.payload.redirect_uri or REDIRECT_URI,
                    scope=oauth_request.payload.scope or "",
                    user=USER,
                    code_challenge=data.get("code_challenge"),
                    code_challenge_method=data.get("code_challenge_method"),
                    family=next(harness.families),
                )
                with harness.lock:
                    harness.codes[code] = saved
                return saved

            def query_authorization_code(self, code: str, client: RegisteredClient) -> Code | None:
                with harness.lock:
                    found = harness.codes.get(code)
                    if found is None and code in harness.used_codes:
                        # A replayed code: revoke every token issued from it (RFC 6749 §4.1.2).
                        harness.outcomes["code_replayed"] += 1
                        harness.revoke_family(harness.used_codes[code].family)
                return found if found is not None and found.client_id == client.client_id else None

            def delete_authorization_code(self, authorization_code: Code) -> None:
                with harness.lock:
                    harness.used_codes[authorization_code.code] = harness.codes.pop(authorization_code.code)

            def authenticate_user(self, authorization_code: Code) -> str:
                return authorization_code.user

        class RefreshGrant(grants.RefreshTokenGrant):  # type: ignore[misc]
            TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS
            INCLUDE_NEW_REFRESH_TOKEN = self.rotate_refresh_tokens

            def authenticate_refresh_token(self, refresh_token: str) -> Token | None:
                with harness.lock:
                    token = next((t for t in harness.tokens if t.refresh_token == refresh_token), None)
                    if token is None:
                        return None
                    if token.refresh_revoked:
                        # Reuse of a rotated refresh token: someone else may hold it; revoke the family.
                        harness.outcomes["reuse_detected"] += 1
                        if harness.revoke_family_on_reuse:
                            harness.revoke_family(token.family)
                        return None
                    return token

            def authenticate_user(self, refresh_token: Token) -> str | None:
                return refresh_token.user or "client"

            def revoke_old_credential(self, refresh_token: Token) -> None:
                with harness.lock:
                    refresh_token.access_revoked = True
                    if harness.rotate_refresh_tokens:
                        refresh_token.refresh_revoked = True
                    else:
                        # No new refresh token was issued: the old one stays the family's.
                        harness.tokens[-1].refresh_token = refresh_token.refresh_token
                        refresh_token.refresh_token = None

        class ClientCredentials(grants.ClientCredentialsGrant):  # type: ignore[misc]
            TOKEN_ENDPOINT_AUTH_METHODS = AUTH_METHODS

        class AssertionGrant(JWTBearerGrant):  # type: ignore[misc]
            def resolve_issuer_client(self, issuer: str) -> RegisteredClient | None:
                return harness.clients.get(issuer)

            def resolve_client_public_key(self, client: RegisteredClient) -> Any:
                return RSAKey.import_key(client.key)

            def authenticate_user(self, subject: str) -> str | None:
                return subject if subject == USER else None

            def has_granted_permission(self, client: RegisteredClient, user: str) -> bool:
                return True

            def get_audiences(self) -> list[str]:
                return [harness.url + RINGCENTRAL_TOKEN_PATH, harness.url + DOCUSIGN_TOKEN_PATH]

        class ClientAssertion(JWTBearerClientAssertion):  # type: ignore[misc]
            def resolve_client_public_key(self, client: RegisteredClient) -> Any:
                # A shared secret (bytes) verifies HS256 assertions, a public key PEM (str) RS256 ones.
                return OctKey.import_key(client.key) if isinstance(client.key, bytes) else RSAKey.import_key(client.key)

            def get_audiences(self) -> list[str]:
                return [harness.url + RINGCENTRAL_TOKEN_PATH, harness.url + DOCUSIGN_TOKEN_PATH]

            def validate_jti(self, claims: Any, jti: str) -> bool:
                # A fresh assertion every time: a replayed one is refused.
                with harness.lock:
                    fresh = jti not in harness.seen_jti
                    harness.seen_jti.add(jti)
                return fresh

        class Revocation(RevocationEndpoint):  # type: ignore[misc]
            # RFC 7009, as RingCentral applies it: revoking either token ends the whole session.
            CLIENT_AUTH_METHODS = AUTH_METHODS

            def query_token(self, token_string: str, token_type_hint: str | None) -> Token | None:
                with harness.lock:
                    return next((t for t in harness.tokens if token_string in (t.access_token, t.refresh_token)), None)

            def revoke_token(self, token: Token, oauth_request: Any) -> None:
                with harness.lock:
                    harness.revocations += 1
                harness.revoke_family(token.family)

        oauth.register_endpoint(Revocation)
        oauth.register_grant(PasswordGrant)
        oauth.register_grant(CodeGrant, [CodeChallenge(required=False)])
        oauth.register_grant(RefreshGrant)
        oauth.register_grant(ClientCredentials)
        oauth.register_grant(AssertionGrant)
        oauth.register_client_auth_method(ClientAssertion.CLIENT_AUTH_METHOD, ClientAssertion())

        def token_endpoint(reshape: bool) -> Response:
            with harness.lock:
                harness.grant_types.append(request.form.get("grant_type", ""))
                harness.request_times.append(time.monotonic())
                failure = harness._failures.pop(0) if harness._failures else None
            if failure is not None:
                time.sleep(harness.failure_delay)
                status, body, headers = failure
                refusal = jsonify(body)
                refusal.status_code = status
                refusal.headers.update(headers)
                return refusal
            answer: Response = oauth.create_token_response()
            if answer.status_code == 200 and reshape:
                answer.set_data(json.dumps(ringcentral_shape(json.loads(answer.get_data()))))
            elif answer.status_code != 200:
                with harness.lock:
                    harness.outcomes[json.loads(answer.get_data()).get("error", "error")] += 1
            return answer

        app.add_url_rule(RINGCENTRAL_TOKEN_PATH, "ringcentral", lambda: token_endpoint(True), methods=["POST"])
        app.add_url_rule(DOCUSIGN_TOKEN_PATH, "docusign", lambda: token_endpoint(False), methods=["POST"])

        app.add_url_rule(
            RINGCENTRAL_REVOKE_PATH,
            "revoke",
            lambda: oauth.create_endpoint_response(Revocation.ENDPOINT_NAME),
            methods=["POST"],
        )

        @app.get("/authorize")
        def authorize() -> Response:
            # The user is signed in and approves at once: the consent page of a real server.
            grant = oauth.get_consent_grant(end_user=USER)
            answer: Response = oauth.create_authorization_response(grant=grant, grant_user=USER)
            return answer

        @app.route("/api/me", methods=["GET", "POST"])
        def me() -> tuple[Response, int]:
            credential = request.headers.get("Authorization", "")
            scheme, _, value = credential.partition(" ")
            with harness.lock:
                token = next((t for t in harness.tokens if t.access_token == value), None)
                valid = scheme.lower() == "bearer" and token is not None and not token.is_revoked()
                valid = valid and token is not None and not token.is_expired()
            if not valid:
                return jsonify(error="invalid_token"), 401
            assert token is not None
            return jsonify(user=token.user, client=token.client_id, received=len(request.get_data())), 200

        return app

    @contextmanager
    def running(self) -> Iterator[TestAuthorizationServer]:
        """Serve on a free loopback port (threads: one per request) until the block ends."""
        server = make_server("127.0.0.1", 0, self.app, threaded=True, request_handler=_QuietHandler)
        self.url = f"http://127.0.0.1:{server.server_port}"
        thread = threading.Thread(target=server.serve_forever, name="authorization-server", daemon=True)
        thread.start()
        try:
            yield self
        finally:
            server.shutdown()
            server.server_close()
            thread.join(timeout=10)


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        pass  # request lines would carry codes and tokens in query strings; the tests read counters


def ringcentral_shape(body: dict[str, Any]) -> dict[str, Any]:
    """Authlib's token JSON as RingCentral's token endpoint shapes it (see the module docstring)."""
    shaped = {**body, "scope": body.get("scope", "")}
    if "refresh_token" in shaped:
        shaped["refresh_token_expires_in"] = 604800
    return shaped
