"""The token commands swept: every wrong flag is one line and exit 2; a missing ``[jwt]`` extra is
one line naming what to install and exit 11, from the installed command itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from grantwire_core.errors import MissingExtra
from grantwire_core.vendor_kit.cli import EXIT_CODES, token_command
from grantwire_docusign import Docusign
from grantwire_ringcentral import RingCentral
from grantwire_usegrant import UseGrant

from tests.bad_input.conftest import Keys
from tests.bad_input.disk import snapshot

DOORS = [RingCentral, Docusign, UseGrant]

FLAGS = [
    ([], "the following arguments are required: token"),
    (["tokens"], "argument token: invalid choice: 'tokens'"),
    (["token", "--nope"], "unrecognized arguments: --nope"),
    (["token", "extra"], "unrecognized arguments: extra"),
    (["token", "--with-refresh-token"], "--with-refresh-token needs --json"),
    (["token", "--json=yes"], "argument --json: ignored explicit argument 'yes'"),
]


@pytest.mark.parametrize("door", DOORS, ids=lambda door: door.__name__)
@pytest.mark.parametrize(("argv", "message"), FLAGS, ids=[" ".join(argv) or "nothing" for argv, _ in FLAGS])
def test_a_wrong_flag_is_one_line_and_exit_2(door: type[RingCentral], argv: list[str], message: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    prog = f"grantwire-{door.__name__.lower()}"

    def never() -> RingCentral:
        raise AssertionError("a usage error must not read the settings")

    assert token_command(prog, never, door.VARIABLES, argv, stdout=out, stderr=err) == 2
    assert out.getvalue() == ""
    assert err.getvalue().count("\n") == 1
    assert err.getvalue().startswith(f"{prog}")
    assert f": {message}" in err.getvalue()
    assert err.getvalue().endswith("(see --help)\n")


def test_the_exit_codes_are_distinct_and_the_catch_all_comes_last() -> None:
    codes = [code for _, code, _ in EXIT_CODES]
    assert len(set(codes)) == len(codes)
    assert EXIT_CODES[-1][1] == 10
    assert any(kind is MissingExtra and code == 11 for kind, code, _ in EXIT_CODES)


def without_pyjwt(tmp_path: Path) -> dict[str, str]:
    """An environment whose Python finds no PyJWT: a package named ``jwt`` that fails to import
    comes first on the path, as an install without the ``[jwt]`` extra has none."""
    shadow = tmp_path / "no-extra"
    (shadow / "jwt").mkdir(parents=True)
    (shadow / "jwt" / "__init__.py").write_text("raise ImportError(\"No module named 'jwt'\")\n")
    return {**os.environ, "PYTHONPATH": str(shadow)}


def test_the_docusign_command_without_the_jwt_extra_says_what_to_install(tmp_path: Path, keys: Keys) -> None:
    key_file = tmp_path / "key.pem"
    key_file.write_bytes(keys.rsa_private)
    env = without_pyjwt(tmp_path)
    env.update(
        DOCUSIGN_INTEGRATION_KEY="ik",
        DOCUSIGN_USER_ID="user",
        DOCUSIGN_PRIVATE_KEY_FILE=str(key_file),
        DOCUSIGN_ENVIRONMENT="http://127.0.0.1:9",  # never reached
    )
    before = snapshot(tmp_path)
    command = Path(sys.executable).with_name("grantwire-docusign")
    result = subprocess.run([str(command), "token"], capture_output=True, text=True, env=env, check=False, timeout=60)
    assert (result.returncode, result.stdout) == (11, "")
    assert result.stderr == (
        "grantwire-docusign: signing assertions needs an optional dependency: "
        "pip install 'grantwire-docusign[jwt]' (PyJWT and cryptography)\n"
    )
    assert snapshot(tmp_path) == before


def test_without_the_extra_the_error_is_still_an_import_error(tmp_path: Path) -> None:
    # Code written against the earlier ImportError keeps catching it.
    code = (
        "from grantwire_docusign.jwt import JWTAssertion\n"
        "try:\n    JWTAssertion('ik', 'user', b'key')\n"
        "except ImportError as error:\n    print(type(error).__name__, error.install)\n"
    )
    env = without_pyjwt(tmp_path)
    command = [sys.executable, "-c", code]
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=True, timeout=60)
    assert result.stdout == "MissingExtra pip install 'grantwire-docusign[jwt]' (PyJWT and cryptography)\n"
