"""The authorization-code flow around the browser: the URL to send a user to, with ``state``
(against cross-site request forgery) and a PKCE S256 challenge (RFC 7636); then the code from the
redirect back, once ``state`` matches, with the verifier to exchange it with.

    request = RingCentral.authorization_request(client_id, "https://app.example/callback")
    # keep request.state and request.code_verifier in the user's session; send them to request.url
    rc = RingCentral.from_redirect(client_id, client_secret, request, redirect_url)

Keep an ``AuthorizationRequest`` server side only: its verifier proves the code is yours.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlencode, urlsplit

from ..errors import AuthorizationDenied, StateMismatch


@dataclass(frozen=True)
class AuthorizationRequest:
    """Where to send the user (``url``), and what the redirect back is checked against."""

    url: str
    """The authorization endpoint's URL with every parameter: where to send the user."""
    redirect_uri: str
    """Where the browser comes back; the redirect must start with it."""
    state: str = field(repr=False)
    """The fresh ``state`` the redirect must carry back (against cross-site request forgery)."""
    code_verifier: str = field(repr=False)
    """The PKCE verifier sent with the code (never in a repr: it proves the code is yours)."""

    def code_from(self, redirect: str) -> str:
        """The code in ``redirect`` (the URL the browser came back to, or its query string), once
        its ``state`` matches; raises ``AuthorizationDenied`` or ``StateMismatch`` otherwise."""
        query = parse_qs(urlsplit(redirect).query if "?" in redirect else redirect)
        if "error" in query:
            raise AuthorizationDenied(query["error"][0], query.get("error_description", [None])[0])
        if not secrets.compare_digest(query.get("state", [""])[0].encode(), self.state.encode()):
            raise StateMismatch
        code = query.get("code", [""])[0]
        if not code:
            raise AuthorizationDenied("invalid_request", "the redirect carries no code")
        return code


def code_challenge(verifier: str) -> str:
    """RFC 7636 §4.2, S256: BASE64URL(SHA256(verifier)) without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii")).digest()).rstrip(b"=").decode("ascii")


def authorization_request(
    authorize_url: str, *, client_id: str, redirect_uri: str, scope: str | None = None, **extra: str
) -> AuthorizationRequest:
    """A fresh ``state`` and code verifier (from ``secrets``), and the URL that carries them."""
    verifier = secrets.token_urlsafe(64)  # 86 characters of [A-Za-z0-9_-], within RFC 7636's 43..128
    state = secrets.token_urlsafe(32)
    parameters = {
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "state": state,
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
        **({"scope": scope} if scope else {}),
        **extra,
    }
    return AuthorizationRequest(f"{authorize_url}?{urlencode(parameters)}", redirect_uri, state, verifier)


__all__ = ["AuthorizationDenied", "AuthorizationRequest", "StateMismatch", "authorization_request", "code_challenge"]
