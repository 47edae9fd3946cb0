"""One token call per client through a transport the test controls, with captured log output."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import grantwire_docusign as docusign
import grantwire_ringcentral as ringcentral
import grantwire_usegrant as usegrant
from grantwire_core._internal.http import httpx
from grantwire_docusign.api.tokens import get_token as docusign_get_token
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_ringcentral.api.tokens import get_token as ringcentral_get_token
from grantwire_usegrant.api.tokens import create_token
from grantwire_usegrant.models import CreateTokenRequest

from tests.grant_payloads import DOCUSIGN, RINGCENTRAL
from tests.runtime.test_values import CLIENT_ID, PROVIDER_ID, TOKEN_INFO

#: Examples per property test (hypothesis); `GRANTWIRE_PROPERTY_EXAMPLES=10000` searches deeper, and the
#: per-library and per-interpreter sessions use fewer: they check compatibility, not depth.
PROPERTY_EXAMPLES = int(os.environ.get("GRANTWIRE_PROPERTY_EXAMPLES", "1000"))

Handler = Callable[[httpx.Request], httpx.Response]

PACKAGES: dict[str, Any] = {"docusign": docusign, "ringcentral": ringcentral, "usegrant": usegrant}
PAYLOADS = {"docusign": DOCUSIGN, "ringcentral": RINGCENTRAL}
PARSERS = {"docusign": docusign.models.parse_token_request, "ringcentral": ringcentral.models.parse_get_token_request}
VALID_SUCCESS_BODIES: dict[tuple[str, str], dict[str, Any]] = {
    ("ringcentral", "TokenInfo"): TOKEN_INFO,
    ("docusign", "TokenResponse"): {"access_token": "eyJ0eXAi", "token_type": "Bearer", "expires_in": 28800},
    ("docusign", "UserInfo"): {"sub": "u", "email": "e@example.com", "accounts": []},
    ("usegrant", "Token"): {"accessToken": "eyJhbGciOi", "expiresAt": "2026-01-01T00:00:00Z", "type": "Bearer"},
}


def token_call(client: str, handler: Handler, body: Any = None, operation: str = "token", retry: Any = None) -> Any:
    """The client's token operation (or Docusign's userinfo) via ``sync()``, no retries unless given."""
    transport = httpx.MockTransport(handler)
    package = PACKAGES[client]
    options: dict[str, Any] = {"httpx_args": {"transport": transport}, "retry": retry or package.NO_RETRIES}
    if client == "usegrant":
        api = usegrant.AuthenticatedClient(base_url="https://sdk.usegrant.dev", token="api-key", **options)
        return create_token.sync(PROVIDER_ID, CLIENT_ID, client=api, body=body or CreateTokenRequest())
    if operation == "userinfo":
        authed = docusign.AuthenticatedClient(base_url="https://account-d.docusign.com", token="t", **options)
        return get_user_info.sync(client=authed)
    api = package.Client(base_url="https://token.example", **options)
    get_token = docusign_get_token if client == "docusign" else ringcentral_get_token
    return get_token.sync(client=api, body=body if body is not None else PARSERS[client](PAYLOADS[client][0][0]))


class ListHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))


@contextmanager
def captured_logs(*packages: str) -> Iterator[ListHandler]:
    handler = ListHandler()
    loggers = [logging.getLogger(name) for name in packages]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        yield handler
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.removeHandler(handler)
            logger.setLevel(level)
