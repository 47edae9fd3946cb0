"""The front doors swept: every variable of ``from_env()`` and every argument of the constructors,
given missing, empty, of the wrong type or in the wrong format. Each is one line naming the
variable or argument and the rule (never the value), raised before anything is sent, with nothing
on disk changed; the token commands print that line and exit 3."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from grantwire_core.errors import ConfigurationError
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.vendor_kit.cli import token_command
from grantwire_docusign import Docusign
from grantwire_ringcentral import RingCentral
from grantwire_usegrant import UseGrant

from tests.bad_input.conftest import Keys
from tests.bad_input.disk import snapshot

SECRET = "pa55-SECRET-value"
PROVIDER = "0b0e9f1c-6a8e-4c1f-9a55-3f6f3c1b2a10"
CLIENT = "5d2c1b0a-9f8e-4d7c-8b6a-1e2f3a4b5c6d"

Door = type[RingCentral] | type[Docusign] | type[UseGrant]


def good_env(door: Door, tmp_path: Path, keys: Keys) -> dict[str, str]:
    """Variables that make ``door.from_env()`` work, for each case to break one of."""
    if door is RingCentral:
        return {"RC_APP_CLIENT_ID": "app", "RC_APP_CLIENT_SECRET": SECRET, "RC_USER_JWT": SECRET}
    if door is Docusign:
        key_file = tmp_path / "key.pem"
        key_file.write_bytes(keys.rsa_private)
        key_file.chmod(0o600)
        return {
            "DOCUSIGN_INTEGRATION_KEY": "ik",
            "DOCUSIGN_USER_ID": "user",
            "DOCUSIGN_PRIVATE_KEY_FILE": str(key_file),
        }
    return {"USEGRANT_API_KEY": SECRET, "USEGRANT_PROVIDER_ID": PROVIDER, "USEGRANT_CLIENT_ID": CLIENT}


# (door, variable, how it is wrong: a value, None for "missing", or a callable making the value, the
# message). Key material and paths come from fixtures, so they are built per case.
Change = str | None | Callable[[Path, Keys], str]
ENV_CASES: list[tuple[Door, str, Change, str]] = [
    (RingCentral, "RC_APP_CLIENT_ID", None, "RC_APP_CLIENT_ID is not set: it must hold the app's client id"),
    (RingCentral, "RC_APP_CLIENT_ID", "  ", "RC_APP_CLIENT_ID is not set: it must hold the app's client id"),
    (RingCentral, "RC_USER_JWT", None, "RC_USER_JWT is not set: it must hold the user's JWT credential"),
    (RingCentral, "RC_USER_JWT", "", "RC_USER_JWT is not set: it must hold the user's JWT credential"),
    (RingCentral, "RC_SERVER_URL", "staging", "RC_SERVER_URL must be one of production, sandbox or an http(s)://"),
    (RingCentral, "RC_SERVER_URL", "platform.ringcentral.com", "RC_SERVER_URL must be one of production, sandbox"),
    (RingCentral, "RC_SERVER_URL", f"https://me:{SECRET}@h.example", "RC_SERVER_URL must be one of production"),
    (RingCentral, "RC_SERVER_URL", "https://", "RC_SERVER_URL must be one of production, sandbox"),
    (Docusign, "DOCUSIGN_INTEGRATION_KEY", None, "DOCUSIGN_INTEGRATION_KEY is not set: it must hold the integ"),
    (Docusign, "DOCUSIGN_USER_ID", "", "DOCUSIGN_USER_ID is not set: it must hold the id of the user to act as"),
    (Docusign, "DOCUSIGN_PRIVATE_KEY_FILE", None, "DOCUSIGN_PRIVATE_KEY_FILE is not set (nor DOCUSIGN_PRIVATE_KEY)"),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY_FILE",
        lambda tmp, _: str(tmp / "missing.pem"),
        "DOCUSIGN_PRIVATE_KEY_FILE names a file that cannot be read (No such file or directory)",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY_FILE",
        lambda tmp, _: str(tmp),
        "DOCUSIGN_PRIVATE_KEY_FILE names a file that cannot be read (Is a directory)",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY_FILE",
        lambda tmp, _: _file(tmp / "settings.json", b'{"theme": "dark"}'),
        "DOCUSIGN_PRIVATE_KEY_FILE is not an unencrypted RSA private key in PEM form",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY_FILE",
        lambda tmp, _: _file(tmp / "empty.pem", b""),
        "DOCUSIGN_PRIVATE_KEY_FILE is empty",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY",
        f"-----BEGIN PRIVATE KEY-----\\n{SECRET}\\n-----END PRIVATE KEY-----",
        "DOCUSIGN_PRIVATE_KEY is not an unencrypted RSA private key in PEM form",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY",
        lambda _, keys: keys.rsa_public.decode(),
        "DOCUSIGN_PRIVATE_KEY is not an unencrypted RSA private key in PEM form",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY",
        lambda _, keys: keys.encrypted.decode(),
        "DOCUSIGN_PRIVATE_KEY is not an unencrypted RSA private key in PEM form",
    ),
    (
        Docusign,
        "DOCUSIGN_PRIVATE_KEY",
        lambda _, keys: keys.ec_private.decode(),
        "DOCUSIGN_PRIVATE_KEY is a private key, but not an RSA one (RS256 signs with RSA)",
    ),
    (Docusign, "DOCUSIGN_ENVIRONMENT", "demo", "DOCUSIGN_ENVIRONMENT must be one of developer, production or an"),
    (Docusign, "DOCUSIGN_REDIRECT_URI", "app.example/callback", "DOCUSIGN_REDIRECT_URI must be an absolute URI"),
    (UseGrant, "USEGRANT_API_KEY", None, "USEGRANT_API_KEY is not set: it must hold a useGrant API key"),
    (UseGrant, "USEGRANT_PROVIDER_ID", None, "USEGRANT_PROVIDER_ID is not set: it must hold the provider's id"),
    (UseGrant, "USEGRANT_PROVIDER_ID", "provider-1", "USEGRANT_PROVIDER_ID must be a UUID"),
    (UseGrant, "USEGRANT_CLIENT_ID", f"{CLIENT}x", "USEGRANT_CLIENT_ID must be a UUID"),
    (UseGrant, "USEGRANT_EXPIRES_IN", "an hour", "USEGRANT_EXPIRES_IN must be a number of seconds"),
    (UseGrant, "USEGRANT_EXPIRES_IN", "nan", "USEGRANT_EXPIRES_IN must be a number of seconds"),
    (UseGrant, "USEGRANT_EXPIRES_IN", "-5", "USEGRANT_EXPIRES_IN must be at least 0"),
    (UseGrant, "USEGRANT_EXPIRES_IN", "172801", "USEGRANT_EXPIRES_IN must be at most 172800"),
    (UseGrant, "USEGRANT_SERVER_URL", "ftp://sdk.usegrant.dev", "USEGRANT_SERVER_URL must be one of production or"),
]


def _file(path: Path, content: bytes) -> str:
    path.write_bytes(content)
    return str(path)


def broken_env(door: Door, variable: str, change: Change, tmp_path: Path, keys: Keys) -> dict[str, str]:
    env = good_env(door, tmp_path, keys)
    if variable == "DOCUSIGN_PRIVATE_KEY":
        del env["DOCUSIGN_PRIVATE_KEY_FILE"]  # the inline PEM is read when no file is named
    if change is None:
        env.pop(variable, None)
    else:
        env[variable] = change(tmp_path, keys) if callable(change) else change
    return env


def case_id(case: tuple[Door, str, Change, str]) -> str:
    door, variable, change, _ = case
    how = "missing" if change is None else "computed" if callable(change) else repr(change)[:16]
    return f"{door.__name__}-{variable}-{how}"


def one_line(text: str) -> str:
    assert text.count("\n") <= 1, text
    assert text.strip()
    return text.strip()


@pytest.mark.parametrize(("door", "variable", "change", "message"), ENV_CASES, ids=map(case_id, ENV_CASES))
def test_a_wrong_variable_is_one_configuration_error_naming_it(
    door: Door, variable: str, change: Change, message: str, tmp_path: Path, keys: Keys
) -> None:
    env = broken_env(door, variable, change, tmp_path, keys)
    store = FileTokenStore(tmp_path / "tokens" / "token.json")
    before = snapshot(tmp_path)
    with pytest.raises(ConfigurationError) as raised:
        door.from_env(env, store=store)
    assert one_line(str(raised.value)).startswith(message)
    assert raised.value.variable == variable
    assert SECRET not in str(raised.value)
    assert raised.value.__cause__ is None  # no chained traceback under the one line
    assert raised.value.__context__ is None or raised.value.__suppress_context__
    assert snapshot(tmp_path) == before  # no token file, no lock, the key file as it was


@pytest.mark.parametrize(("door", "variable", "change", "message"), ENV_CASES, ids=map(case_id, ENV_CASES))
def test_the_token_command_prints_that_one_line_and_exits_3(
    door: Door, variable: str, change: Change, message: str, tmp_path: Path, keys: Keys, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in door.VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv("DOCUSIGN_PRIVATE_KEY", raising=False)
    for name, value in broken_env(door, variable, change, tmp_path, keys).items():
        monkeypatch.setenv(name, value)
    out, err = io.StringIO(), io.StringIO()
    prog = f"grantwire-{door.__name__.lower()}"
    assert token_command(prog, door.from_env, door.VARIABLES, ["token"], stdout=out, stderr=err) == 3
    assert out.getvalue() == ""
    assert one_line(err.getvalue()).startswith(f"{prog}: {message}")
    assert SECRET not in err.getvalue()


def construct(door: Door, keys: Keys, **changes: Any) -> object:
    """``door`` built from good arguments with ``changes``; a change of ``None`` for a required
    positional argument leaves it out."""
    if door is RingCentral:
        arguments: dict[str, Any] = {"client_id": "app", "client_secret": SECRET, "jwt": SECRET}
    elif door is Docusign:
        arguments = {"integration_key": "ik", "user_id": "user", "private_key": keys.rsa_private}
    else:
        arguments = {"api_key": SECRET, "provider_id": PROVIDER, "client_id": CLIENT}
    return door(**{**arguments, **changes})


# (door, argument, wrong value, error type, message)
CONSTRUCTOR_CASES: list[tuple[Door, str, object, type[Exception], str]] = [
    (RingCentral, "client_id", "", ConfigurationError, "client_id is empty"),
    (RingCentral, "client_id", 42, TypeError, "client_id must be a str, got int"),
    (RingCentral, "client_secret", " ", ConfigurationError, "client_secret is empty"),
    (RingCentral, "client_secret", b"s", TypeError, "client_secret must be a str, got bytes"),
    (RingCentral, "jwt", "", ConfigurationError, "jwt is empty"),
    (RingCentral, "jwt", None, ValueError, "give exactly one of jwt= (the user's JWT credential) and grant="),
    (RingCentral, "server", "staging", ConfigurationError, "server must be one of production, sandbox or an"),
    (RingCentral, "server", f"https://me:{SECRET}@h.example", ConfigurationError, "server must be one of production"),
    (RingCentral, "server", None, TypeError, "server must be a str, got NoneType"),
    (RingCentral, "timeout", "fast", TypeError, "timeout must be a grantwire Timeouts or a number of seconds"),
    (RingCentral, "retry", 3, TypeError, "retry must be a grantwire RetryPolicy, got int"),
    (Docusign, "integration_key", "", ConfigurationError, "integration_key is empty"),
    (Docusign, "integration_key", None, TypeError, "integration_key must be a str, got NoneType"),
    (Docusign, "user_id", "\t", ConfigurationError, "user_id is empty"),
    (Docusign, "private_key", b"", ConfigurationError, "private_key is empty"),
    (Docusign, "private_key", None, TypeError, "private_key must be str or bytes, got NoneType"),
    (Docusign, "private_key", SECRET, ConfigurationError, "private_key is not an unencrypted RSA private key"),
    (Docusign, "environment", "demo", ConfigurationError, "environment must be one of developer, production"),
    (Docusign, "redirect_uri", "", ConfigurationError, "redirect_uri is empty"),
    (Docusign, "redirect_uri", "/callback", ConfigurationError, "redirect_uri must be an absolute URI"),
    (UseGrant, "api_key", "", ConfigurationError, "api_key is empty"),
    (UseGrant, "api_key", None, TypeError, "api_key must be a str, got NoneType"),
    (UseGrant, "provider_id", "provider-1", ConfigurationError, "provider_id must be a UUID"),
    (UseGrant, "client_id", 7, ConfigurationError, "client_id must be a UUID"),
    (UseGrant, "expires_in", -1, ConfigurationError, "expires_in must be at least 0"),
    (UseGrant, "expires_in", 200_000, ConfigurationError, "expires_in must be at most 172800"),
    (UseGrant, "expires_in", "3600", ConfigurationError, "expires_in must be a number, got str"),
    (UseGrant, "server", "sdk.usegrant.dev", ConfigurationError, "server must be one of production or an"),
]


@pytest.mark.parametrize(
    ("door", "argument", "value", "error", "message"),
    CONSTRUCTOR_CASES,
    ids=[f"{door.__name__}-{argument}-{value!r:.12}" for door, argument, value, _, _ in CONSTRUCTOR_CASES],
)
def test_a_wrong_argument_is_one_error_naming_it(
    door: Door, argument: str, value: object, error: type[Exception], message: str, keys: Keys
) -> None:
    with pytest.raises(error) as raised:
        construct(door, keys, **{argument: value})
    assert one_line(str(raised.value)).startswith(message)
    assert SECRET not in str(raised.value)


def test_a_malformed_key_fails_at_construction_not_at_the_first_token_call(keys: Keys) -> None:
    # The key is refused before a client exists: nothing could have been sent.
    with pytest.raises(ConfigurationError) as raised:
        Docusign("ik", "user", keys.rsa_public, environment="http://127.0.0.1:9")
    assert raised.value.variable == "private_key"


CALLBACK = "https://app.example/cb"
FLOW_CASES: list[tuple[Callable[[], object], type[Exception], str]] = [
    (lambda: RingCentral.authorization_request("app", CALLBACK, server="dev"), ConfigurationError, "server must be"),
    (lambda: RingCentral.authorization_request("", CALLBACK), ConfigurationError, "client_id is empty"),
    (lambda: RingCentral.authorization_request("app", ""), ConfigurationError, "redirect_uri is empty"),
    (lambda: RingCentral.authorization_request("app", "cb"), ConfigurationError, "redirect_uri must be an absolute"),
    (lambda: Docusign.authorization_request("ik", CALLBACK, environment="x"), ConfigurationError, "environment must"),
    (lambda: Docusign.authorization_request(None, CALLBACK), TypeError, "integration_key must be a str"),  # type: ignore[arg-type]
    (lambda: Docusign.authorization_request("ik", "/cb"), ConfigurationError, "redirect_uri must be an absolute URI"),
    (
        lambda: RingCentral.from_redirect("app", None, RingCentral.authorization_request("app", CALLBACK), 42),  # type: ignore[arg-type]
        TypeError,
        "redirect must be a str, got int",
    ),
    (
        lambda: Docusign.from_redirect("", None, Docusign.authorization_request("ik", CALLBACK), CALLBACK),
        ConfigurationError,
        "integration_key is empty",
    ),
]


@pytest.mark.parametrize(("make", "error", "message"), FLOW_CASES, ids=[message for _, _, message in FLOW_CASES])
def test_the_authorization_code_flow_checks_its_arguments(
    make: Callable[[], object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=f"^{message}"):
        make()


def test_good_arguments_still_build_every_front_door(keys: Keys) -> None:
    # The sweep's baseline: the same arguments, unchanged, are accepted.
    doors: list[Mapping[str, object]] = []
    for door in (RingCentral, Docusign, UseGrant):
        with construct(door, keys) as built:  # type: ignore[attr-defined]
            doors.append({"door": type(built).__name__})
    assert [entry["door"] for entry in doors] == ["RingCentral", "Docusign", "UseGrant"]
