"""One call through each installed client, run inside the rehearsal's fresh virtualenv.

Standalone on purpose: it imports only what a user would have installed from the index.
Usage: python smoke.py docusign|ringcentral|usegrant
"""

from __future__ import annotations

import sys
import uuid
from collections.abc import Mapping

import httpx

TOKEN = {"access_token": "at", "token_type": "Bearer", "expires_in": 3600, "scope": "s", "refresh_token": "rt"}


def answer(status: int, body: Mapping[str, object]) -> httpx.MockTransport:
    return httpx.MockTransport(lambda request: httpx.Response(status, json=body))


def docusign() -> str:
    from grantwire_docusign import Client
    from grantwire_docusign.api.auth import get_token
    from grantwire_docusign.models import JWTGrant

    client = Client(base_url="https://account-d.docusign.com", httpx_args={"transport": answer(200, TOKEN)})
    return get_token.sync(client=client, body=JWTGrant(assertion="jwt")).token_type


def ringcentral() -> str:
    from grantwire_ringcentral import Client
    from grantwire_ringcentral.api.oauth import get_token
    from grantwire_ringcentral.models import PasswordGrant

    body = {**TOKEN, "token_type": "bearer"}  # RingCentral's spelling
    client = Client(base_url="https://platform.ringcentral.com", httpx_args={"transport": answer(200, body)})
    return str(get_token.sync(client=client, body=PasswordGrant(username="u", password="p")).token_type)


def usegrant() -> str:
    from grantwire_usegrant import AuthenticatedClient
    from grantwire_usegrant.api.tokens import create_token

    body = {"accessToken": "at", "expiresAt": "2030-01-01T00:00:00Z", "type": "Bearer"}
    client = AuthenticatedClient(
        base_url="https://sdk.usegrant.dev", token="k", httpx_args={"transport": answer(201, body)}
    )
    return create_token.sync(uuid.uuid4(), uuid.uuid4(), client=client).type_


if __name__ == "__main__":
    print(f"{sys.argv[1]}: token type {globals()[sys.argv[1]]()}")
