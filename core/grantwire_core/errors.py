"""Every exception grantwire-core raises on purpose; all derive from ``GrantwireError``.

The hierarchy (docs/errors.md draws the same tree; tests/docs checks both against the classes)::

    GrantwireError
    ├── TransportError                the connection broke without a response
    │   ├── ConnectError
    │   └── RequestTimeout
    ├── APIStatusError                a status the operation does not succeed with
    │   ├── BadRequestError (400), UnauthorizedError (401), ForbiddenError (403),
    │   │   NotFoundError (404), ConflictError (409), UnprocessableEntityError (422),
    │   │   RateLimitError (429), ServerError (5xx)
    │   └── OAuthError                mixed in when the body is an RFC 6749 error:
    │                                 OAuthBadRequestError is an OAuthError and a BadRequestError, ...
    ├── ResponseValidationError       a success body that is not the documented one
    ├── UnexpectedStatus              a status the spec does not document
    ├── RequestValidationError        a request the spec forbids, refused before it is sent (ValueError)
    ├── ParseError                    a payload that does not match its schema (ValueError)
    │   ├── DiscriminatorError
    │   ├── FieldError
    │   └── VariantError
    ├── ConfigurationError            a front door's variable is missing or malformed (ValueError)
    ├── StoreUnavailable              the shared token store cannot be reached
    │   └── StoreRefused
    ├── RenewalFailed                 the renewal another process ran for this one failed
    ├── TokenUnavailable              sign in again: no token without the user
    ├── ConsentRequired               the user must grant consent first (grantwire-docusign)
    ├── StateMismatch, AuthorizationDenied   the authorization-code redirect was not the expected one
    ├── NotATokenFile                 a token file holds something else (ValueError)
    └── MissingExtra                  an optional dependency is missing (ImportError)

Every vendor package re-exports all of these (its ``errors`` module and its top level), so
``grantwire_docusign.TokenUnavailable is grantwire_core.TokenUnavailable``.

Messages name the operation, model or field and what was expected, and never carry a request or
response body: bodies hold passwords, assertions, codes and tokens.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from .retry import parse_retry_after

if TYPE_CHECKING:
    from .runtime.types import Response


class GrantwireError(Exception):
    """Base class of every exception this package raises on purpose."""


class TransportError(GrantwireError):
    """The request got no HTTP response: ``attempts`` says how often it was tried."""

    def __init__(self, message: str, *, attempts: int) -> None:
        self.attempts = attempts
        super().__init__(message)


class ConnectError(TransportError):
    """No connection could be made (DNS, refused, TLS, connect timeout): the server saw nothing."""


class RequestTimeout(TransportError):
    """A read, write or pool timeout, or the call's total deadline ran out."""


#: Where the vendors put their id for a request: RingCentral's ``RCRequestId`` (its API reference,
#: "Troubleshooting"), Docusign's ``X-DocuSign-TraceToken`` (its API troubleshooting guide), and the
#: common ``X-Request-Id``.
REQUEST_ID_HEADERS = ("RCRequestId", "X-DocuSign-TraceToken", "X-Request-Id")
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def request_id_of(headers: Mapping[str, str]) -> str | None:
    """The request id a vendor sent, if it looks like one (it is quoted in messages, so anything
    else, such as a header holding line breaks, is left out)."""
    for name in REQUEST_ID_HEADERS:
        value = headers.get(name)
        if value is not None and _REQUEST_ID.fullmatch(value.strip()):
            return value.strip()
    return None


class APIStatusError(GrantwireError):
    """The server answered with a status that is not a success.

    ``body`` is the parsed error model when the spec documents one for this status and the body
    matched it, else ``None``. ``error`` and ``error_description`` carry the machine-readable code and
    the human text: OAuth's ``error``/``error_description`` (RFC 6749 §5.2) or useGrant's
    ``code``/``message``. The message names the operation, the status and the error code, never the
    description or the body (servers echo input there).
    """

    def __init__(
        self,
        *,
        operation: str,
        status_code: int,
        headers: Mapping[str, str],
        body: object,
        error: str | None,
        error_description: str | None,
        error_uri: str | None = None,
        attempts: int = 1,
        response: Response[Any] | None = None,
    ) -> None:
        self.operation = operation
        self.status_code = status_code
        self.headers = headers
        self.body = body
        self.error = error
        self.error_description = error_description
        self.error_uri = error_uri
        self.attempts = attempts
        #: The whole answer (``status_code``, ``headers``, ``content``, ``parsed``), when there is one.
        self.response = response
        #: The vendor's id for this request, to quote to its support (``REQUEST_ID_HEADERS``).
        self.request_id = request_id_of(headers)
        code = f" {_preview_code(error)}" if error else ""
        tries = f" after {attempts} attempts" if attempts > 1 else ""
        request = f" (request id {self.request_id})" if self.request_id else ""
        super().__init__(f"{operation}: HTTP {status_code}{code}{tries}{request}")


class BadRequestError(APIStatusError):
    """400."""


class UnauthorizedError(APIStatusError):
    """401."""


class ForbiddenError(APIStatusError):
    """403."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409."""


class UnprocessableEntityError(APIStatusError):
    """422."""


class RateLimitError(APIStatusError):
    """429. ``retry_after`` is the server's ``Retry-After`` in seconds, when it sent one."""

    @property
    def retry_after(self) -> float | None:
        """Seconds the server asked to wait (``Retry-After``, as seconds or a date), or None."""
        return parse_retry_after(self.headers.get("Retry-After"))


class ServerError(APIStatusError):
    """5xx."""


class OAuthError(APIStatusError):
    """An RFC 6749 §5.2 error body (``error``, ``error_description``, ``error_uri``).

    Raised as the class that combines it with the status family, so both
    ``except OAuthError as e: e.error == "invalid_grant"`` and ``except BadRequestError`` work.
    """


class OAuthBadRequestError(OAuthError, BadRequestError):
    """400 with an OAuth error body (``invalid_grant``, ``consent_required``, …)."""


class OAuthUnauthorizedError(OAuthError, UnauthorizedError):
    """401 with an OAuth error body (``invalid_client``, ``invalid_token``, …)."""


class OAuthForbiddenError(OAuthError, ForbiddenError):
    """403 with an OAuth error body."""


class OAuthNotFoundError(OAuthError, NotFoundError):
    """404 with an OAuth error body."""


class OAuthConflictError(OAuthError, ConflictError):
    """409 with an OAuth error body."""


class OAuthUnprocessableEntityError(OAuthError, UnprocessableEntityError):
    """422 with an OAuth error body."""


class OAuthRateLimitError(OAuthError, RateLimitError):
    """429 with an OAuth error body."""


class OAuthServerError(OAuthError, ServerError):
    """5xx with an OAuth error body."""


class ResponseValidationError(GrantwireError):
    """A status the spec documents, with a body that does not match it (HTML from a proxy,
    truncated JSON, wrong types, missing fields).

    ``excerpt`` is a short, value-free sketch of what came back: JSON shows its keys and value
    types, anything else its content type and length.
    """

    def __init__(self, *, operation: str, status_code: int, problem: str, excerpt: str, attempts: int = 1) -> None:
        self.operation = operation
        self.status_code = status_code
        self.problem = problem
        self.excerpt = excerpt
        self.attempts = attempts
        super().__init__(f"{operation}: HTTP {status_code} body does not match the spec ({problem}): {excerpt}")


class UnexpectedStatus(GrantwireError):
    """A status the spec does not document, with ``Client.raise_on_unexpected_status`` set.

    The body stays on ``content`` for the caller to inspect; it is kept out of the message.
    """

    def __init__(self, status_code: int, content: bytes) -> None:
        self.status_code = status_code
        self.content = content
        super().__init__(f"Unexpected status code: {status_code} ({len(content)} bytes of content)")


class StoreUnavailable(GrantwireError):
    """A shared token store (a file, Redis) could not be reached or used while a token had to be
    renewed through it. Tokens still fresh in memory keep being served; no renewal happens behind
    the store's back, since with rotating refresh tokens two processes renewing at once would
    revoke the user's session."""


class StoreRefused(StoreUnavailable):
    """The shared store answered but refused this client: a wrong password, an ACL user without
    the keys or commands the store needs, a TLS certificate not trusted. Raised at once (waiting
    would not help); the message names the host, never the password."""


class RenewalFailed(GrantwireError):
    """Another process's renewal, which this one waited on, failed with an error of a class not
    rebuilt here: ``error_class`` names it, and the message is that error's."""

    def __init__(self, error_class: str, message: str) -> None:
        self.error_class = error_class
        super().__init__(f"the renewal another process made failed ({error_class}): {message}")


class TokenUnavailable(GrantwireError):
    """No token can be had without the user: the server rejected the refresh token (``invalid_grant``:
    expired, revoked, or already used) or there is none, and the original grant cannot be repeated
    (an authorization code is single-use). Start the sign-in again.

    Any other failure (the token endpoint answering 503 or 429, a connection that fails) raises its
    own typed error instead: the next call may well succeed.
    """


class ConfigurationError(GrantwireError, ValueError):
    """A setting is missing or malformed: ``variable`` names it, ``rule`` says what it must be."""

    def __init__(self, variable: str, rule: str) -> None:
        self.variable = variable
        self.rule = rule
        super().__init__(f"{variable} {rule}")


class AuthorizationDenied(GrantwireError):
    """The redirect carries an error (``access_denied`` when the user said no) or no code."""

    def __init__(self, error: str, error_description: str | None = None) -> None:
        self.error = error
        self.error_description = error_description
        super().__init__(f"authorization failed: {error}" + (f" ({error_description})" if error_description else ""))


class StateMismatch(GrantwireError):
    """The redirect's ``state`` is not the one this request sent: it may be forged; no code is used."""

    def __init__(self) -> None:
        super().__init__("the redirect's state does not match the authorization request's; the code was not used")


class ConsentRequired(GrantwireError):
    """The user has not granted the integration consent yet (OpenID Connect's ``consent_required``;
    grantwire-docusign raises it): open ``consent_url`` once, as that user, then try again."""

    def __init__(self, consent_url: str) -> None:
        self.consent_url = consent_url
        super().__init__(f"consent_required: grant consent once at {consent_url}")


class NotATokenFile(GrantwireError, ValueError):
    """``FileTokenStore`` was given a file that is not one of its own (a ``settings.json`` by
    mistake): it is refused, and left exactly as it was. ``path`` names it."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        super().__init__(f"{path} {problem}; it was left untouched: give the store a path of its own")


class MissingExtra(GrantwireError, ImportError):
    """An optional dependency is not installed: ``install`` is what to install (``pip install …``)."""

    def __init__(self, needed_for: str, install: str) -> None:
        self.install = install
        super().__init__(f"{needed_for} needs an optional dependency: {install}")


class ParseError(GrantwireError, ValueError):
    """Data that does not match the spec's schema."""


class RequestValidationError(GrantwireError, ValueError):
    """A request the spec forbids, refused before anything was sent: ``model``, ``field`` and
    ``rule`` say which and why (never the value, which may be a secret)."""

    def __init__(self, model: str, field: str, rule: str) -> None:
        self.model = model
        self.field = field
        self.rule = rule
        where = f"{field} (path parameter)" if model == "path" else f"{model}.{field}"
        super().__init__(f"{where} {rule}; nothing was sent")


class FieldError(ParseError):
    """One field of a model does not match its schema (e.g. a value outside its enum).

    ``model`` names the model whose ``from_dict`` failed (``None`` while the error is on its way out
    of it), ``field`` the path to the field inside that model (``accounts[0].base_uri``; empty when
    the payload as a whole is wrong, e.g. not an object) and ``problem`` what was expected. None of
    them carries the value, which may be a secret in the wrong place.
    """

    def __init__(self, field: str, problem: str, model: str | None = None) -> None:
        self.field = field
        self.problem = problem
        self.model = model
        where = ".".join(part for part in (model, field) if part)
        super().__init__(f"{where}: {problem}")


class MissingFieldError(FieldError, KeyError):
    """A required field is absent: a ``FieldError`` that is also the ``KeyError`` an
    openapi-python-client model raises there, so code written against stock clients
    (``except KeyError``) keeps catching it."""

    # KeyError's str() quotes its argument; the message reads as every other FieldError's.
    __str__ = BaseException.__str__


class FieldTypeError(FieldError, TypeError):
    """A value of the wrong JSON type, or one outside a ``Literal`` enum: a ``FieldError`` that is
    also the ``TypeError`` an openapi-python-client model (and its literal checks) raises there."""


class DiscriminatorError(ParseError):
    """A union's discriminator is missing, not a string, or not one of the mapped values."""

    def __init__(self, union: str, field: str, received: object, allowed: Sequence[str], *, missing: bool) -> None:
        self.union = union
        self.field = field
        self.received = None if missing else received
        self.allowed = tuple(allowed)
        choices = ", ".join(self.allowed)
        if missing:
            problem = f"{field!r} is missing"
        elif not isinstance(received, str):
            problem = f"{field!r} must be a string, got {type(received).__name__}"
        else:
            # ``received`` keeps the value; the message does not show it (it may come from a server).
            problem = f"{field!r} is not one of the known values"
        super().__init__(f"{union}: {problem}; expected one of: {choices}")


class VariantError(ParseError):
    """A payload selected a variant but does not fit it: the message names the variant and field."""

    def __init__(self, union: str, variant: str, field: str | None, problem: str) -> None:
        self.union = union
        self.variant = variant
        self.field = field
        where = f"{variant}.{field}" if field else variant
        super().__init__(f"{union} as {where}: {problem}")


# The shapes error codes take: RFC 6749's (invalid_grant), RingCentral's (OAU-213, CMN-301) and
# constant-style ones (NOT_FOUND). Anything else is not echoed: a server may put input there.
_ERROR_CODE = re.compile(r"[a-z][a-z0-9_]{0,47}|[A-Z]{2,6}-[0-9]{1,5}|[A-Z][A-Z0-9_]{0,47}")


def _preview_code(code: str) -> str:
    return code if _ERROR_CODE.fullmatch(code) else "(unrecognised error code)"


__all__ = [
    "APIStatusError",
    "AuthorizationDenied",
    "BadRequestError",
    "ConfigurationError",
    "ConflictError",
    "ConnectError",
    "ConsentRequired",
    "DiscriminatorError",
    "FieldError",
    "FieldTypeError",
    "ForbiddenError",
    "GrantwireError",
    "MissingExtra",
    "MissingFieldError",
    "NotATokenFile",
    "NotFoundError",
    "OAuthBadRequestError",
    "OAuthConflictError",
    "OAuthError",
    "OAuthForbiddenError",
    "OAuthNotFoundError",
    "OAuthRateLimitError",
    "OAuthServerError",
    "OAuthUnauthorizedError",
    "OAuthUnprocessableEntityError",
    "ParseError",
    "RateLimitError",
    "RenewalFailed",
    "RequestTimeout",
    "RequestValidationError",
    "ResponseValidationError",
    "ServerError",
    "StateMismatch",
    "StoreRefused",
    "StoreUnavailable",
    "TokenUnavailable",
    "TransportError",
    "UnauthorizedError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "VariantError",
]
