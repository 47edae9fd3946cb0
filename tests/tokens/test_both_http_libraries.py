"""A token source is ``auth=`` for the application's own client, whichever library it is on:
``httpx2.Client``/``AsyncClient`` and ``httpx.Client``/``AsyncClient`` alike, against the real
authorization server, renewing once on a 401 and retrying. Each library is tested where it is
installed (the default test session has both; ``nox -s libraries`` runs with one of them only)."""

from __future__ import annotations

import asyncio
import importlib
from types import ModuleType

import pytest
from grantwire_core._internal import http
from grantwire_ringcentral import Client
from grantwire_ringcentral.models import PasswordGrant
from grantwire_ringcentral.tokens import RingCentralTokenSource

from tests.authserver.server import PASSWORD, USER, TestAuthorizationServer
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET
from tests.tokens.token_server import Clock


def installed(name: str) -> ModuleType | None:
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


LIBRARIES = [
    pytest.param(name, marks=pytest.mark.skipif(installed(name) is None, reason=f"{name} is not installed here"))
    for name in http.LIBRARIES
]


def source_for(server: TestAuthorizationServer) -> RingCentralTokenSource:
    client = Client(server.url, httpx_args={"auth": http.httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    return RingCentralTokenSource(client, PasswordGrant(username=USER, password=PASSWORD), clock=Clock())


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_applications_sync_client_renews_once_on_401(auth_server: TestAuthorizationServer, library: str) -> None:
    module = importlib.import_module(library)
    source = source_for(auth_server)
    with module.Client(base_url=auth_server.url, auth=source) as api:
        assert api.get("/api/me").status_code == 200
        auth_server.expire_access_tokens()
        assert api.get("/api/me").status_code == 200  # 401, one renewal, one retry
    assert auth_server.grant_types == ["password", "refresh_token"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_the_applications_async_client_renews_once_on_401(auth_server: TestAuthorizationServer, library: str) -> None:
    module = importlib.import_module(library)
    source = source_for(auth_server)

    async def use() -> list[int]:
        async with module.AsyncClient(base_url=auth_server.url, auth=source) as api:
            first = (await api.get("/api/me")).status_code
            auth_server.expire_access_tokens()
            return [first, (await api.get("/api/me")).status_code]

    assert asyncio.run(use()) == [200, 200]
    assert auth_server.grant_types == ["password", "refresh_token"]


@pytest.mark.parametrize("library", LIBRARIES)
def test_client_credentials_given_as_either_librarys_basic_auth_are_sent(
    auth_server: TestAuthorizationServer, library: str
) -> None:
    module = importlib.import_module(library)
    client = Client(auth_server.url, httpx_args={"auth": module.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    source = RingCentralTokenSource(client, PasswordGrant(username=USER, password=PASSWORD), clock=Clock())
    assert source.token().access_token
    assert auth_server.grant_types == ["password"]
