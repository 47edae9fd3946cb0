"""For the same inputs, our clients put on the wire what the vendors' official Python SDKs put there:
``ringcentral==0.9.2`` and ``docusign-esign==6.1.0``, their HTTP layer intercepted (no network).

Compared field by field: method, URL, form body, client authentication and Content-Type. Every
difference is listed in ``DIFFERENCES`` with its reason, and the test fails on any other, and on a
listed one that is gone. The SDKs pin old dependencies of their own, so they are installed only by
``nox -s official-sdks`` (a test-only environment); elsewhere these tests skip and say so.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import jwt
import pytest
from grantwire_core._internal.http import httpx

ringcentral_sdk = pytest.importorskip("ringcentral", reason="official SDKs are installed by nox -s official-sdks only")
docusign_esign = pytest.importorskip(
    "docusign_esign", reason="official SDKs are installed by nox -s official-sdks only"
)
requests = pytest.importorskip("requests")
urllib3 = pytest.importorskip("urllib3")

import grantwire_docusign  # noqa: E402
import grantwire_ringcentral  # noqa: E402
from grantwire_docusign.api.tokens import get_token as docusign_get_token  # noqa: E402
from grantwire_docusign.api.userinfo import get_user_info  # noqa: E402
from grantwire_docusign.jwt import JWTAssertion  # noqa: E402
from grantwire_docusign.models import AuthorizationCodeGrant as DocusignCodeGrant  # noqa: E402
from grantwire_docusign.models import JWTGrant  # noqa: E402
from grantwire_ringcentral.api.tokens import get_token as ringcentral_get_token  # noqa: E402
from grantwire_ringcentral.models import (  # noqa: E402
    AuthorizationCodeGrant,
    GetTokenRequest,
    JWTBearerGrant,
    PasswordGrant,
    RefreshTokenGrant,
)

from tests.keys import new_rsa_key  # noqa: E402

RC_SERVER = "https://platform.ringcentral.com"
RC_TOKEN: dict[str, Any] = {
    "access_token": "rc-access",
    "token_type": "bearer",
    "expires_in": 3600,
    "refresh_token": "rc-refresh",
    "refresh_token_expires_in": 604800,
    "scope": "SMS",
    "owner_id": "1",
}
DS_TOKEN = {"access_token": "ds-access", "token_type": "Bearer", "expires_in": 28800, "refresh_token": "ds-refresh"}
DS_USER = {"sub": "u-1", "name": "N", "email": "n@example.com", "accounts": []}
KEY, SECRET = "app-key", "app-secret"

# (case, what differs) → why. What differs is "form <field>" or "header <name>".
DIFFERENCES: dict[tuple[str, str], str] = {
    ("ringcentral-jwt", "form access_token_ttl"): (
        "ours sends the documented default (3600) with every grant; the SDK sends it with password and refresh "
        "only, and the server assumes the same value when it is absent"
    ),
    ("ringcentral-jwt", "form refresh_token_ttl"): "as access_token_ttl (604800)",
    ("ringcentral-code", "form access_token_ttl"): "as for the JWT grant",
    ("ringcentral-code", "form refresh_token_ttl"): "as for the JWT grant",
    ("ringcentral-code-sdk-default", "form access_token_ttl"): "as for the JWT grant",
    ("ringcentral-code-sdk-default", "form refresh_token_ttl"): "as for the JWT grant",
    ("ringcentral-code-sdk-default", "form redirect_uri"): (
        "a defect of the SDK: SDK(key, secret, server) defaults redirect_uri to None and sends the text 'None'; "
        "ours sends what the caller gives (here '', which RFC 6749 §3.2 reads as omitted)"
    ),
    ("ringcentral-code-pkce", "form access_token_ttl"): "as for the JWT grant",
    ("ringcentral-code-pkce", "form refresh_token_ttl"): "as for the JWT grant",
    ("docusign-userinfo", "header content-type"): (
        "the SDK labels its GET, which has no body, application/json; ours sends no Content-Type without a body"
    ),
}


@dataclass(frozen=True)
class Sent:
    """What one request carried, in comparable form."""

    method: str
    url: str
    form: dict[str, str]
    headers: dict[str, str]  # lower-case names; only those that carry meaning, see MEANINGFUL

    def differences(self, other: Sent) -> set[str]:
        found = {"method"} if self.method != other.method else set()
        found |= {"url"} if self.url != other.url else set()
        for name in self.form.keys() | other.form.keys():
            if self.form.get(name) != other.form.get(name):
                found.add(f"form {name}")
        for name in self.headers.keys() | other.headers.keys():
            if self.headers.get(name) != other.headers.get(name):
                found.add(f"header {name}")
        return found


# Headers that say something about the request; the others (User-Agent and the SDK's X-User-Agent
# copy, which name each library, and Accept, Accept-Encoding, Connection, Content-Length, which
# each HTTP library sets for itself) are not compared.
MEANINGFUL = ("authorization", "content-type")


def sent(method: str, url: str, body: bytes | str | None, headers: Any) -> Sent:
    text = body.decode() if isinstance(body, bytes) else (body or "")
    kept = {name.lower(): str(value) for name, value in dict(headers).items() if name.lower() in MEANINGFUL}
    if "content-type" in kept:  # parameters such as charset aside
        kept["content-type"] = kept["content-type"].split(";")[0].strip()
    parts = urlsplit(url)
    return Sent(
        method.upper(),
        f"{parts.scheme}://{parts.netloc}{parts.path}",
        dict(parse_qsl(text, keep_blank_values=True)),
        kept,
    )


@pytest.fixture
def official_requests(monkeypatch: pytest.MonkeyPatch) -> list[Sent]:
    """Every request the official SDKs send, answered with a token or user body."""
    captured: list[Sent] = []

    def answer(url: str) -> bytes:
        if "ringcentral" in url:
            return json.dumps(RC_TOKEN).encode()
        return json.dumps(DS_USER if url.endswith("/userinfo") else DS_TOKEN).encode()

    def requests_send(session: Any, request: Any, **kwargs: Any) -> Any:  # ringcentral: requests
        captured.append(sent(request.method, request.url, request.body, request.headers))
        response = requests.models.Response()
        response.status_code = 200
        response._content = answer(request.url)
        response.headers["Content-Type"] = "application/json"
        response.request = request
        return response

    def urllib3_urlopen(pool: Any, method: str, url: str, redirect: bool = True, **kwargs: Any) -> Any:  # docusign
        captured.append(sent(method, url, kwargs.get("body"), kwargs.get("headers") or {}))
        return urllib3.HTTPResponse(
            body=io.BytesIO(answer(url)), status=200, headers={"Content-Type": "application/json"}, preload_content=True
        )

    monkeypatch.setattr(requests.sessions.Session, "send", requests_send)
    monkeypatch.setattr(urllib3.PoolManager, "urlopen", urllib3_urlopen)
    return captured


def ours(call: Callable[[httpx.MockTransport], object], answer: dict[str, Any]) -> Sent:
    captured: list[Sent] = []

    def handle(request: httpx.Request) -> httpx.Response:
        captured.append(sent(request.method, str(request.url), request.read(), request.headers))
        return httpx.Response(200, json=answer)

    call(httpx.MockTransport(handle))
    [request] = captured
    return request


def ringcentral_token(body: GetTokenRequest) -> Callable[[httpx.MockTransport], object]:
    def call(transport: httpx.MockTransport) -> object:
        client = grantwire_ringcentral.Client(
            RC_SERVER, httpx_args={"transport": transport, "auth": httpx.BasicAuth(KEY, SECRET)}
        )
        return ringcentral_get_token.sync(client=client, body=body)

    return call


def check(case: str, official: Sent, our: Sent) -> None:
    found = official.differences(our)
    listed = {what for (where, what) in DIFFERENCES if where == case}
    assert found - listed == set(), f"{case}: unlisted differences {sorted(found - listed)}: {official} vs {our}"
    assert listed - found == set(), f"{case}: listed differences that are gone: {sorted(listed - found)}"


def rc_platform(**options: Any) -> Any:
    return ringcentral_sdk.SDK(KEY, SECRET, RC_SERVER, **options).platform()


def test_ringcentral_jwt_login(official_requests: list[Sent]) -> None:
    rc_platform().login(jwt="user-jwt-credential")
    our = ours(
        ringcentral_token(
            JWTBearerGrant(grant_type="urn:ietf:params:oauth:grant-type:jwt-bearer", assertion="user-jwt-credential")
        ),
        RC_TOKEN,
    )
    check("ringcentral-jwt", official_requests[-1], our)


def test_ringcentral_password_login(official_requests: list[Sent]) -> None:
    with pytest.warns(UserWarning, match="deprecated"):  # the SDK's own warning: the grant is on its way out
        rc_platform().login(username="+16501234567", extension="101", password="pw")
    our = ours(ringcentral_token(PasswordGrant(username="+16501234567", extension="101", password="pw")), RC_TOKEN)
    check("ringcentral-password", official_requests[-1], our)


def test_ringcentral_code_login_with_an_empty_redirect_uri(official_requests: list[Sent]) -> None:
    rc_platform(redirect_uri="").login(code="auth-code")
    our = ours(ringcentral_token(AuthorizationCodeGrant(code="auth-code", redirect_uri="")), RC_TOKEN)
    check("ringcentral-code", official_requests[-1], our)


def test_ringcentral_code_login_with_the_sdks_default_redirect_uri(official_requests: list[Sent]) -> None:
    rc_platform().login(code="auth-code")
    our = ours(ringcentral_token(AuthorizationCodeGrant(code="auth-code", redirect_uri="")), RC_TOKEN)
    check("ringcentral-code-sdk-default", official_requests[-1], our)


def test_ringcentral_code_login_with_pkce(official_requests: list[Sent]) -> None:
    rc_platform().login(code="auth-code", redirect_uri="https://app.example/cb", verifier="v" * 43)
    grant = AuthorizationCodeGrant(code="auth-code", redirect_uri="https://app.example/cb", code_verifier="v" * 43)
    check("ringcentral-code-pkce", official_requests[-1], ours(ringcentral_token(grant), RC_TOKEN))


def test_ringcentral_refresh(official_requests: list[Sent]) -> None:
    platform = rc_platform()
    platform.login(jwt="user-jwt-credential")
    platform.refresh()
    our = ours(ringcentral_token(RefreshTokenGrant(refresh_token="rc-refresh")), RC_TOKEN)
    check("ringcentral-refresh", official_requests[-1], our)


@pytest.fixture(scope="module")
def private_key() -> bytes:
    return new_rsa_key()[0]


def comparable_assertion(request: Sent) -> Sent:
    """The assertion's header and claims, with the signing moment taken out: each side signs at its
    own second, so ``iat`` and ``exp`` are compared as the lifetime between them."""
    token = request.form["assertion"]
    claims = jwt.decode(token, options={"verify_signature": False})
    header = jwt.get_unverified_header(token)
    claims["lifetime"] = claims.pop("exp") - claims.pop("iat")
    form = {**request.form, "assertion": json.dumps({"header": header, "claims": claims}, sort_keys=True)}
    return Sent(request.method, request.url, form, request.headers)


def test_docusign_jwt_user_token(official_requests: list[Sent], private_key: bytes) -> None:
    api = docusign_esign.ApiClient(oauth_host_name="account-d.docusign.com")
    api.request_jwt_user_token(
        KEY, "user-id", "account-d.docusign.com", private_key, 3600, ["signature", "impersonation"]
    )
    assertion = JWTAssertion(KEY, "user-id", private_key, environment="developer", lifetime=3600)

    def call(transport: httpx.MockTransport) -> object:
        client = grantwire_docusign.Client("https://account-d.docusign.com", httpx_args={"transport": transport})
        return docusign_get_token.sync(client=client, body=JWTGrant(assertion=assertion()))

    check("docusign-jwt", comparable_assertion(official_requests[-1]), comparable_assertion(ours(call, DS_TOKEN)))


def test_docusign_authorization_code(official_requests: list[Sent]) -> None:
    api = docusign_esign.ApiClient(oauth_host_name="account-d.docusign.com")
    api.generate_access_token(KEY, SECRET, "auth-code")

    def call(transport: httpx.MockTransport) -> object:
        client = grantwire_docusign.Client(
            "https://account-d.docusign.com", httpx_args={"transport": transport, "auth": httpx.BasicAuth(KEY, SECRET)}
        )
        return docusign_get_token.sync(client=client, body=DocusignCodeGrant(code="auth-code"))

    check("docusign-code", official_requests[-1], ours(call, DS_TOKEN))


def test_docusign_user_info(official_requests: list[Sent]) -> None:
    api = docusign_esign.ApiClient(oauth_host_name="account-d.docusign.com")
    api.get_user_info("ds-access")

    def call(transport: httpx.MockTransport) -> object:
        client = grantwire_docusign.AuthenticatedClient(
            "https://account-d.docusign.com", "ds-access", httpx_args={"transport": transport}
        )
        return get_user_info.sync(client=client)

    check("docusign-userinfo", official_requests[-1], ours(call, DS_USER))
