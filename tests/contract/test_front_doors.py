"""Docusign's and useGrant's front doors against Prism: from their variables to a token, to the
user's default account and to HTTP clients, with every request valid for the spec.
(RingCentral's runs against the real authorization server: tests/tokens/test_front_door_and_cli.py.)"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import io
import json
import uuid
from pathlib import Path

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import ConfigurationError
from grantwire_docusign import Docusign
from grantwire_usegrant import UseGrant

from tests.contract.calls import violations
from tests.contract.conftest import PrismUrl
from tests.keys import new_rsa_key


@pytest.fixture(scope="module")
def private_key_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("keys") / "docusign.pem"
    path.write_bytes(new_rsa_key()[0])
    return path


def checked() -> dict[str, object]:
    """httpx settings that fail the test on any request Prism finds invalid."""

    def check(response: httpx.Response) -> None:
        assert violations(response.headers) == []

    return {"event_hooks": {"response": [check]}}


def test_docusign_from_env_to_token_account_and_esign_client(prism_url: PrismUrl, private_key_file: Path) -> None:
    env = {
        "DOCUSIGN_INTEGRATION_KEY": "integration-key",
        "DOCUSIGN_USER_ID": str(uuid.uuid4()),
        "DOCUSIGN_PRIVATE_KEY_FILE": str(private_key_file),
        "DOCUSIGN_ENVIRONMENT": prism_url("docusign"),
    }
    with Docusign.from_env(env, httpx_args=checked()) as ds:
        assert ds.token()
        account = ds.default_account()
        assert ds.api_base_url() == account.base_uri.rstrip("/") + "/restapi"
        esign = ds.http()
        assert str(esign.base_url).rstrip("/") == ds.api_base_url()
    assert esign.is_closed


def test_docusign_async_front_door(prism_url: PrismUrl, private_key_file: Path) -> None:
    async def use() -> str:
        async with Docusign(
            "integration-key", "user", private_key_file.read_bytes(), environment=prism_url("docusign")
        ) as ds:
            await ds.atoken()
            client = await ds.ahttp()
            return str(client.base_url)

    assert asyncio.run(use()).endswith("/restapi/")


def test_docusign_key_variables_are_named_when_missing_or_unreadable(tmp_path: Path) -> None:
    env = {"DOCUSIGN_INTEGRATION_KEY": "k", "DOCUSIGN_USER_ID": "u"}
    with pytest.raises(ConfigurationError, match=r"^DOCUSIGN_PRIVATE_KEY_FILE is not set \(nor DOCUSIGN_PRIVATE_KEY\)"):
        Docusign.from_env(env)
    with pytest.raises(ConfigurationError, match="DOCUSIGN_PRIVATE_KEY_FILE names a file that cannot be read"):
        Docusign.from_env({**env, "DOCUSIGN_PRIVATE_KEY_FILE": str(tmp_path / "absent.pem")})
    with pytest.raises(ConfigurationError, match="DOCUSIGN_ENVIRONMENT must be one of developer, production"):
        Docusign.from_env({**env, "DOCUSIGN_PRIVATE_KEY": "pem", "DOCUSIGN_ENVIRONMENT": "staging"})


def test_usegrant_from_env_to_token_and_client_for_your_api(prism_url: PrismUrl) -> None:
    env = {
        "USEGRANT_API_KEY": "uga_key",
        "USEGRANT_PROVIDER_ID": str(uuid.uuid4()),
        "USEGRANT_CLIENT_ID": str(uuid.uuid4()),
        "USEGRANT_EXPIRES_IN": "3600",
        "USEGRANT_SERVER_URL": prism_url("usegrant"),
    }
    with UseGrant.from_env(env, httpx_args=checked()) as ug:
        assert ug.token()
        api = ug.http("https://api.example.com")
        assert str(api.base_url) == "https://api.example.com"
        with pytest.raises(ConfigurationError, match="base_url is needed"):
            ug.http()


@pytest.mark.parametrize("variable", ["USEGRANT_PROVIDER_ID", "USEGRANT_CLIENT_ID"])
def test_usegrant_ids_must_be_uuids(variable: str) -> None:
    env = {"USEGRANT_API_KEY": "k", "USEGRANT_PROVIDER_ID": str(uuid.uuid4()), "USEGRANT_CLIENT_ID": str(uuid.uuid4())}
    env[variable] = "../../admin"
    with pytest.raises(ConfigurationError) as caught:
        UseGrant.from_env(env)
    assert str(caught.value) == f"{variable} must be a UUID"


@pytest.mark.parametrize("secret_key", [None, "secret-key"], ids=["public", "confidential"])
def test_docusign_authorization_code_flow(prism_url: PrismUrl, secret_key: str | None) -> None:
    request = Docusign.authorization_request("integration-key", "https://app.example/cb", environment="production")
    assert request.url.startswith(
        "https://account.docusign.com/oauth/auth?response_type=code&client_id=integration-key"
    )
    redirect = f"https://app.example/cb?code=from-docusign&state={request.state}"
    with Docusign.from_redirect(
        "integration-key", secret_key, request, redirect, environment=prism_url("docusign"), httpx_args=checked()
    ) as ds:
        assert ds.token()  # Prism validated the exchange: PKCE verifier, and client_id for a public client
        assert ds.default_account().base_uri


@pytest.mark.parametrize("vendor", ["docusign", "usegrant"])
def test_the_token_commands_print_a_token_from_prism(
    vendor: str, prism_url: PrismUrl, private_key_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = {
        "docusign": {
            "DOCUSIGN_INTEGRATION_KEY": "integration-key",
            "DOCUSIGN_USER_ID": "user",
            "DOCUSIGN_PRIVATE_KEY_FILE": str(private_key_file),
            "DOCUSIGN_ENVIRONMENT": prism_url("docusign"),
        },
        "usegrant": {
            "USEGRANT_API_KEY": "uga_key",
            "USEGRANT_PROVIDER_ID": str(uuid.uuid4()),
            "USEGRANT_CLIENT_ID": str(uuid.uuid4()),
            "USEGRANT_SERVER_URL": prism_url("usegrant"),
        },
    }[vendor]
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    main = importlib.import_module(f"grantwire_{vendor}.cli").main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["token", "--json"]) == 0
    assert json.loads(out.getvalue())["access_token"]
    assert err.getvalue() == ""

    monkeypatch.delenv(next(iter(settings)))
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["token"]) == 3  # a missing variable, named on stderr
    assert next(iter(settings)) in err.getvalue()
