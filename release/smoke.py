"""One call through each installed client, run inside the rehearsal's fresh virtualenv.

Standalone on purpose: it imports only what a user would have installed from the index.
Usage: python smoke.py core|docusign|ringcentral|usegrant
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Mapping

from grantwire_core._internal import http
from grantwire_core._internal.http import httpx

TOKEN = {"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "scope": "s", "refresh_token": "rt"}


def answer(status: int, body: Mapping[str, object]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def core() -> str:
    import grantwire_core

    assert issubclass(grantwire_core.RateLimitError, grantwire_core.GrantwireError)
    return f"grantwire-core {grantwire_core.__version__}"


def shares_core(package: str) -> None:
    """One hierarchy for every client: the classes a client exports are grantwire_core's own."""
    import importlib

    import grantwire_core

    assert importlib.import_module(package).RateLimitError is grantwire_core.RateLimitError, package


def docusign() -> str:
    from grantwire_docusign import Client
    from grantwire_docusign.api.tokens import get_token
    from grantwire_docusign.models import JWTGrant

    shares_core("grantwire_docusign")
    client = Client(base_url="https://account-d.docusign.com", httpx_args={"transport": answer(200, TOKEN)})
    return "token type " + get_token.sync(client=client, body=JWTGrant(assertion="jwt")).token_type


def ringcentral() -> str:
    from grantwire_ringcentral import Client
    from grantwire_ringcentral.api.tokens import get_token
    from grantwire_ringcentral.models import PasswordGrant
    from grantwire_ringcentral.tokens import RingCentralTokenSource

    shares_core("grantwire_ringcentral")
    body = {**TOKEN, "token_type": "bearer"}  # RingCentral's spelling
    client = Client(base_url="https://platform.ringcentral.com", httpx_args={"transport": answer(200, body)})
    token_type = get_token.sync(client=client, body=PasswordGrant(username="u", password="p")).token_type
    # The token source as auth= of the application's own client of the same library.
    source = RingCentralTokenSource(client, PasswordGrant(username="u", password="p"))
    seen: list[str] = []

    def api_answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(204)

    api = httpx.Client(auth=source, transport=httpx.MockTransport(api_answer))
    assert api.get("https://platform.ringcentral.com/restapi/v1.0/account/~").status_code == 204
    assert seen == ["Bearer at"], seen
    return f"token type {token_type}, token source as auth= of {http.NAME}.Client"


def usegrant() -> str:
    from grantwire_usegrant import AuthenticatedClient
    from grantwire_usegrant.api.tokens import create_token

    shares_core("grantwire_usegrant")
    body = {"accessToken": "at", "expiresAt": "2030-01-01T00:00:00Z", "type": "Bearer"}
    client = AuthenticatedClient(
        base_url="https://sdk.usegrant.dev", token="k", httpx_args={"transport": answer(201, body)}
    )
    return "token type " + create_token.sync(uuid.uuid4(), uuid.uuid4(), client=client).type_


if __name__ == "__main__":
    print(f"{sys.argv[1]} on {http.NAME} {http.VERSION}: {globals()[sys.argv[1]]()}")
