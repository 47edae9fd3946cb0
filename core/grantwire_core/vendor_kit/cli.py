"""The ``token`` command every client package installs (``grantwire-ringcentral token``): a fresh
access token for shell scripts and ``curl``, from the same variables as the package's ``from_env()``.

    curl -H "Authorization: Bearer $(grantwire-ringcentral token)" https://…

Exit codes name the error family, so a script can tell "fix your settings" from "try later".
Nothing secret reaches stderr: messages are the exceptions' own, which never carry a credential.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from typing import NoReturn, TextIO

from ..errors import (
    APIStatusError,
    ConfigurationError,
    GrantwireError,
    MissingExtra,
    RateLimitError,
    ResponseValidationError,
    ServerError,
    StoreUnavailable,
    TransportError,
)
from .front_door import FrontDoor

#: Exit status per error family, most specific first (the first that matches wins).
EXIT_CODES: tuple[tuple[type[BaseException], int, str], ...] = (
    (ConfigurationError, 3, "a variable is missing or malformed"),
    (RateLimitError, 5, "rate limited: try again later"),
    (ServerError, 6, "the server failed: try again later"),
    (APIStatusError, 4, "the credentials or the grant were refused"),
    (TransportError, 7, "the network failed (connect or timeout)"),
    (ResponseValidationError, 8, "the server's answer was not the documented one"),
    (StoreUnavailable, 9, "the shared token store is unavailable"),
    (MissingExtra, 11, "an optional dependency is missing: the message says what to install"),
    (GrantwireError, 10, "any other grantwire error"),
)


def token_command(
    prog: str,
    make: Callable[[], FrontDoor],
    variables: Mapping[str, str],
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
) -> int:
    """Run ``prog token [--json] [--with-refresh-token]``; return the exit status."""
    out, err = stdout or sys.stdout, stderr or sys.stderr
    parser = _parser(prog, variables)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            arguments = parser.parse_args(argv)
            if arguments.with_refresh_token and not arguments.json:
                parser.error("--with-refresh-token needs --json")
    except SystemExit as exit_:  # --help (0) or a usage error (2), already printed by argparse
        return int(exit_.code or 0)
    try:
        with make() as door:
            token = door.tokens.token()
    except GrantwireError as error:
        status = next(code for kind, code, _ in EXIT_CODES if isinstance(error, kind))
        print(f"{prog}: {error}", file=err)
        return status
    if not arguments.json:
        print(token.access_token, file=out)
        return 0
    shown = {
        "access_token": token.access_token,
        "token_type": token.token_type,
        "expires_in": max(0, int(token.expires_at - time.time())),
        "scope": token.scope,
    }
    if arguments.with_refresh_token:
        shown["refresh_token"] = token.refresh_token
    print(json.dumps(shown), file=out)
    return 0


class _OneLineParser(argparse.ArgumentParser):
    """A usage error in one line, pointing at ``--help`` (argparse's own prints the usage first)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"{self.prog}: {message} (see --help)\n")


def _parser(prog: str, variables: Mapping[str, str]) -> argparse.ArgumentParser:
    settings = "\n".join(f"  {name:<28} {meaning}" for name, meaning in variables.items())
    codes = "\n".join(f"  {code:<3} {meaning}" for _, code, meaning in EXIT_CODES)
    epilog = (
        f"environment variables:\n{settings}\n\nexit status:\n  0   a token was printed\n  2   usage error\n{codes}"
    )
    raw = argparse.RawDescriptionHelpFormatter
    parser = _OneLineParser(prog=prog, description="Access tokens.", formatter_class=raw, epilog=epilog)
    commands = parser.add_subparsers(dest="command", required=True, metavar="token")
    token = commands.add_parser(
        "token",
        help="print a fresh access token",
        description="Print a fresh access token.",
        formatter_class=raw,
        epilog=epilog,
    )
    token.add_argument("--json", action="store_true", help="print the token, its type, lifetime and scope as JSON")
    token.add_argument(
        "--with-refresh-token", action="store_true", help="with --json: include the refresh token (a long-lived secret)"
    )
    return parser


__all__ = ["EXIT_CODES", "token_command"]
