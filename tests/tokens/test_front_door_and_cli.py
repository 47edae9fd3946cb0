"""The first hour, against the real authorization server: RingCentral's front door from the
official SDK samples' variables to a token and to an authenticated HTTP client, and the
``grantwire-ringcentral token`` command with its exit codes and nothing secret on stderr."""

from __future__ import annotations

import io
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import jwt
import pytest
from grantwire_core.errors import ConfigurationError
from grantwire_ringcentral import RingCentral
from grantwire_ringcentral.cli import main

from tests.authserver.server import RINGCENTRAL_TOKEN_PATH, USER, RegisteredClient, TestAuthorizationServer
from tests.keys import new_rsa_key
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET, KeyPair


@pytest.fixture
def jwt_server(rsa_keys: KeyPair) -> TestAuthorizationServer:
    """A server that knows the app (Basic) and the key the user's JWT credential is signed with."""
    server = TestAuthorizationServer()
    server.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET, key=rsa_keys.public_pem))
    return server


def user_jwt(server: TestAuthorizationServer, keys: KeyPair) -> str:
    """A JWT credential as RingCentral issues one (here signed by the test server's key for it)."""
    now = int(time.time())
    claims = {"iss": CLIENT_ID, "sub": USER, "aud": server.url + RINGCENTRAL_TOKEN_PATH, "iat": now, "exp": now + 600}
    return jwt.encode(claims, keys.private_pem, algorithm="RS256")


def environment(server: TestAuthorizationServer, keys: KeyPair) -> dict[str, str]:
    return {
        "RC_APP_CLIENT_ID": CLIENT_ID,
        "RC_APP_CLIENT_SECRET": CLIENT_SECRET,
        "RC_SERVER_URL": server.url,
        "RC_USER_JWT": user_jwt(server, keys),
    }


def test_from_env_to_a_token_and_an_authenticated_client(
    jwt_server: TestAuthorizationServer, rsa_keys: KeyPair
) -> None:
    with jwt_server.running():
        env = environment(jwt_server, rsa_keys)
        with RingCentral.from_env(env) as rc:
            assert rc.token()
            api = rc.http()
            assert api.get("/api/me").status_code == 200
            jwt_server.expire_access_tokens()
            assert api.get("/api/me").status_code == 200  # renewed, then retried
    # Authlib's RFC 7523 grant issues no refresh token (RingCentral's does), so the renewal repeats
    # the JWT grant: the credential is repeatable.
    assert jwt_server.grant_types == ["urn:ietf:params:oauth:grant-type:jwt-bearer"] * 2
    assert api.is_closed


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("RC_APP_CLIENT_ID", "RC_APP_CLIENT_ID is not set: it must hold the app's client id"),
        ("RC_USER_JWT", "RC_USER_JWT is not set: it must hold the user's JWT credential"),
    ],
)
def test_a_missing_variable_is_named(missing: str, message: str) -> None:
    env = {"RC_APP_CLIENT_ID": "id", "RC_USER_JWT": "secret.jwt.value", "RC_APP_CLIENT_SECRET": "hunter2"}
    del env[missing]
    with pytest.raises(ConfigurationError) as caught:
        RingCentral.from_env(env)
    assert str(caught.value) == message
    assert caught.value.variable == missing


def test_a_malformed_server_is_named_without_its_value() -> None:
    env = {"RC_APP_CLIENT_ID": "id", "RC_USER_JWT": "j", "RC_SERVER_URL": "https://user:pa55word@evil.example"}
    with pytest.raises(ConfigurationError) as caught:
        RingCentral.from_env(env)
    assert "RC_SERVER_URL must be one of production, sandbox or an http(s):// URL" in str(caught.value)
    assert "pa55word" not in str(caught.value)


def test_named_environments_come_from_the_spec() -> None:
    rc = RingCentral("id", jwt="j", server="sandbox")
    assert rc.api_base_url() == "https://platform.devtest.ringcentral.com"
    assert RingCentral("id", jwt="j").api_base_url() == "https://platform.ringcentral.com"


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    from grantwire_core.vendor_kit.cli import token_command

    status = token_command(
        "grantwire-ringcentral", RingCentral.from_env, RingCentral.VARIABLES, argv, stdout=out, stderr=err
    )
    return status, out.getvalue(), err.getvalue()


def test_the_token_command_prints_a_token(
    jwt_server: TestAuthorizationServer, rsa_keys: KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    with jwt_server.running():
        for name, value in environment(jwt_server, rsa_keys).items():
            monkeypatch.setenv(name, value)
        status, out, err = run(["token"])
        assert (status, err) == (0, "")
        assert out.strip()
        assert "\n" not in out.strip()

        status, out, _ = run(["token", "--json"])
        shown = json.loads(out)
        assert status == 0
        assert set(shown) == {"access_token", "token_type", "expires_in", "scope"}  # no refresh token unasked
        status, out, _ = run(["token", "--json", "--with-refresh-token"])
        assert "refresh_token" in json.loads(out)  # asked for (this grant has none: null)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_exit_codes_name_the_error_family_and_stderr_holds_no_secret(
    jwt_server: TestAuthorizationServer, rsa_keys: KeyPair, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("RC_USER_JWT", raising=False)
    monkeypatch.setenv("RC_APP_CLIENT_ID", CLIENT_ID)
    monkeypatch.setenv("RC_APP_CLIENT_SECRET", CLIENT_SECRET)
    status, out, err = run(["token"])
    assert (status, out) == (3, "")
    assert "RC_USER_JWT is not set" in err

    with jwt_server.running():
        forged = user_jwt(jwt_server, KeyPair(*new_rsa_key()))  # not signed by the registered key
        monkeypatch.setenv("RC_SERVER_URL", jwt_server.url)
        monkeypatch.setenv("RC_USER_JWT", forged)
        status, out, err = run(["token"])
        assert (status, out) == (4, "")  # the grant was refused (invalid_grant)
        assert forged not in err
        assert CLIENT_SECRET not in err

    monkeypatch.setenv("RC_SERVER_URL", f"http://127.0.0.1:{free_port()}")  # nothing listens there
    status, _, err = run(["token"])
    assert status == 7
    assert forged not in err

    assert run(["token", "--with-refresh-token"])[0] == 2  # needs --json


def test_the_installed_command_shows_the_variables_and_exit_codes() -> None:
    command = Path(sys.executable).with_name("grantwire-ringcentral")
    result = subprocess.run([str(command), "token", "--help"], capture_output=True, text=True, check=False)
    assert result.returncode == 0
    for name in ("RC_APP_CLIENT_ID", "RC_APP_CLIENT_SECRET", "RC_SERVER_URL", "RC_USER_JWT", "exit status"):
        assert name in result.stdout
    assert main(["--version-does-not-exist"]) == 2


def test_revoking_a_jwt_session_and_starting_a_new_one(jwt_server: TestAuthorizationServer, rsa_keys: KeyPair) -> None:
    with jwt_server.running(), RingCentral.from_env(environment(jwt_server, rsa_keys)) as rc:
        first = rc.token()
        rc.revoke()
        assert jwt_server.revocations == 1
        second = rc.token()  # the JWT credential is repeatable: a new session
        assert second != first
        assert rc.http().get("/api/me").status_code == 200
    assert jwt_server.grant_types == ["urn:ietf:params:oauth:grant-type:jwt-bearer"] * 2
