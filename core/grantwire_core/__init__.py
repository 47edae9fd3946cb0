"""grantwire-core: the runtime every grantwire client shares.

One exception hierarchy (``GrantwireError`` catches every client's errors), the retry policy and
timeouts, the transport that sends a generated operation's request, discriminated-union parsing,
secret-safe reprs and logs, and token sources with their stores. It imports nothing generated: each
client hands it a ``ClientPackage`` naming itself.

Names are imported on first use, so ``import grantwire_core`` costs almost nothing and a token call
pays only for the modules it needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

from ._internal.moved import install as _install_old_paths

_install_old_paths()  # the flat module paths of earlier builds keep working, with a warning, until 0.2

if TYPE_CHECKING:
    from .client import AuthenticatedClient, Client
    from .errors import (
        APIStatusError,
        AuthorizationDenied,
        BadRequestError,
        ConfigurationError,
        ConflictError,
        ConnectError,
        ConsentRequired,
        DiscriminatorError,
        FieldError,
        FieldTypeError,
        ForbiddenError,
        GrantwireError,
        MissingExtra,
        MissingFieldError,
        NotATokenFile,
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
        RenewalFailed,
        RequestTimeout,
        RequestValidationError,
        ResponseValidationError,
        ServerError,
        StateMismatch,
        StoreRefused,
        StoreUnavailable,
        TokenUnavailable,
        TransportError,
        UnauthorizedError,
        UnexpectedStatus,
        UnprocessableEntityError,
        VariantError,
    )
    from .retry import NO_RETRIES, RetryPolicy
    from .runtime.package import ClientPackage
    from .runtime.types import UNSET, Response, Unset
    from .timeouts import Timeouts
    from .tokens.access_token import AccessToken
    from .tokens.file_store import FileTokenStore
    from .tokens.redis_store import RedisTokenStore
    from .tokens.sources import GrantTokenSource, TokenSource
    from .tokens.store import MemoryTokenStore, SharedTokenStore, TokenStore, WakingTokenStore

_EXPORTS = {
    "APIStatusError": "errors",
    "AuthorizationDenied": "errors",
    "BadRequestError": "errors",
    "ConfigurationError": "errors",
    "ConflictError": "errors",
    "ConsentRequired": "errors",
    "ConnectError": "errors",
    "DiscriminatorError": "errors",
    "FieldError": "errors",
    "FieldTypeError": "errors",
    "ForbiddenError": "errors",
    "GrantwireError": "errors",
    "MissingExtra": "errors",
    "MissingFieldError": "errors",
    "NotATokenFile": "errors",
    "NotFoundError": "errors",
    "OAuthBadRequestError": "errors",
    "OAuthConflictError": "errors",
    "OAuthError": "errors",
    "OAuthForbiddenError": "errors",
    "OAuthNotFoundError": "errors",
    "OAuthRateLimitError": "errors",
    "OAuthServerError": "errors",
    "OAuthUnauthorizedError": "errors",
    "OAuthUnprocessableEntityError": "errors",
    "ParseError": "errors",
    "RateLimitError": "errors",
    "RenewalFailed": "errors",
    "RequestTimeout": "errors",
    "RequestValidationError": "errors",
    "ResponseValidationError": "errors",
    "ServerError": "errors",
    "StateMismatch": "errors",
    "StoreRefused": "errors",
    "StoreUnavailable": "errors",
    "TokenUnavailable": "errors",
    "TransportError": "errors",
    "UnauthorizedError": "errors",
    "UnexpectedStatus": "errors",
    "UnprocessableEntityError": "errors",
    "VariantError": "errors",
    "AuthenticatedClient": "client",
    "Client": "client",
    "FileTokenStore": "tokens.file_store",
    "RedisTokenStore": "tokens.redis_store",
    "ClientPackage": "runtime.package",
    "NO_RETRIES": "retry",
    "RetryPolicy": "retry",
    "Timeouts": "timeouts",
    "AccessToken": "tokens.access_token",
    "GrantTokenSource": "tokens.sources",
    "MemoryTokenStore": "tokens.store",
    "SharedTokenStore": "tokens.store",
    "TokenSource": "tokens.sources",
    "TokenStore": "tokens.store",
    "WakingTokenStore": "tokens.store",
    "UNSET": "runtime.types",
    "Response": "runtime.types",
    "Unset": "runtime.types",
}


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'grantwire_core' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])


__all__ = [
    "NO_RETRIES",
    "UNSET",
    "APIStatusError",
    "AccessToken",
    "AuthenticatedClient",
    "AuthorizationDenied",
    "BadRequestError",
    "Client",
    "ClientPackage",
    "ConfigurationError",
    "ConflictError",
    "ConnectError",
    "ConsentRequired",
    "DiscriminatorError",
    "FieldError",
    "FieldTypeError",
    "FileTokenStore",
    "ForbiddenError",
    "GrantTokenSource",
    "GrantwireError",
    "MemoryTokenStore",
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
    "RedisTokenStore",
    "RenewalFailed",
    "RequestTimeout",
    "RequestValidationError",
    "Response",
    "ResponseValidationError",
    "RetryPolicy",
    "ServerError",
    "SharedTokenStore",
    "StateMismatch",
    "StoreRefused",
    "StoreUnavailable",
    "Timeouts",
    "TokenSource",
    "TokenStore",
    "TokenUnavailable",
    "TransportError",
    "UnauthorizedError",
    "UnexpectedStatus",
    "UnprocessableEntityError",
    "Unset",
    "VariantError",
    "WakingTokenStore",
    "__version__",
]
