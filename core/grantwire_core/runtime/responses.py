"""From a response to a result: the success model, or the package's exception for it."""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

from .._internal.http import httpx
from .._internal.redact import body_excerpt
from ..errors import (
    APIStatusError,
    BadRequestError,
    ConflictError,
    ForbiddenError,
    NotFoundError,
    OAuthBadRequestError,
    OAuthConflictError,
    OAuthError,
    OAuthForbiddenError,
    OAuthNotFoundError,
    OAuthRateLimitError,
    OAuthServerError,
    OAuthUnauthorizedError,
    OAuthUnprocessableEntityError,
    ParseError,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    UnauthorizedError,
    UnprocessableEntityError,
)
from .model_errors import PARSE_FAILURES
from .types import Response

# status → (plain class, class for an OAuth error body)
_FAMILIES: dict[int, tuple[type[APIStatusError], type[APIStatusError]]] = {
    400: (BadRequestError, OAuthBadRequestError),
    401: (UnauthorizedError, OAuthUnauthorizedError),
    403: (ForbiddenError, OAuthForbiddenError),
    404: (NotFoundError, OAuthNotFoundError),
    409: (ConflictError, OAuthConflictError),
    422: (UnprocessableEntityError, OAuthUnprocessableEntityError),
    429: (RateLimitError, OAuthRateLimitError),
}
_SERVER = (ServerError, OAuthServerError)
_OTHER = (APIStatusError, OAuthError)


_STANDARD_STATUSES = {status.value: status for status in HTTPStatus}


def http_status(code: int) -> int:
    """An ``HTTPStatus`` for a standard code, the plain number for any other (e.g. 599)."""
    return _STANDARD_STATUSES.get(code, code)


def validation_error(response: httpx.Response, operation: str, failure: BaseException) -> ResponseValidationError:
    """The ``ResponseValidationError`` for a success body of ``operation`` that did not parse."""
    return ResponseValidationError(
        operation=operation,
        status_code=response.status_code,
        problem=_describe(failure),
        excerpt=body_excerpt(response.content, response.headers.get("Content-Type")),
        attempts=int(response.extensions.get("grantwire.attempts", 1)),
    )


def expect_success(response: Response[Any], operation: str) -> Any:
    """The parsed success model, or the exception the status and body call for."""
    status = int(response.status_code)
    if 200 <= status < 300:
        if response.parsed is None:
            raise ResponseValidationError(
                operation=operation,
                status_code=status,
                problem="a success status the spec does not document",
                excerpt=body_excerpt(response.content, response.headers.get("Content-Type")),
                attempts=response.attempts,
            )
        return response.parsed
    raise status_error(response, operation)


def status_error(response: Response[Any], operation: str) -> APIStatusError:
    """The ``APIStatusError`` family member for ``response``'s status (with ``OAuthError`` mixed in
    when its body is an RFC 6749 error)."""
    status = int(response.status_code)
    fields = _error_fields(response)
    plain, oauth = _FAMILIES.get(status, _SERVER if 500 <= status < 600 else _OTHER)
    return (oauth if fields.oauth else plain)(
        operation=operation,
        status_code=status,
        headers=response.headers,
        body=response.parsed,
        error=fields.error,
        error_description=fields.description,
        error_uri=fields.uri,
        attempts=response.attempts,
        response=response,
    )


class _ErrorFields:
    def __init__(self, data: object) -> None:
        mapping = data if isinstance(data, dict) else {}
        self.oauth = isinstance(mapping.get("error"), str)
        # RFC 6749 §5.2 names them error/error_description/error_uri; useGrant says code/message,
        # RingCentral's throttling and API errors errorCode/message.
        self.error = _text(mapping.get("error") if self.oauth else mapping.get("code", mapping.get("errorCode")))
        self.description = _text(mapping.get("error_description") if self.oauth else mapping.get("message"))
        self.uri = _text(mapping.get("error_uri")) if self.oauth else None


def _error_fields(response: Response[Any]) -> _ErrorFields:
    body = response.parsed
    if body is not None and hasattr(body, "to_dict"):
        return _ErrorFields(body.to_dict())
    # An undocumented status (a 503 from the vendor's edge) may still carry an error body.
    try:
        return _ErrorFields(json.loads(response.content))
    except PARSE_FAILURES:
        return _ErrorFields(None)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _describe(failure: BaseException) -> str:
    # Our own parse errors name the model and field and carry no field values; a builtin's
    # message may quote the offending value, so only its kind is reported.
    if isinstance(failure, ParseError):
        return str(failure)
    if isinstance(failure, KeyError) and failure.args and isinstance(failure.args[0], str):
        return f"required field {failure.args[0]!r} is missing"
    if isinstance(failure, json.JSONDecodeError):
        return "not valid JSON"
    if isinstance(failure, UnicodeDecodeError):
        return "not UTF-8 text"
    if isinstance(failure, RecursionError):
        return "nested too deeply"
    return f"a value of the wrong type or format ({type(failure).__name__})"


__all__ = ["PARSE_FAILURES", "expect_success", "http_status", "status_error", "validation_error"]
