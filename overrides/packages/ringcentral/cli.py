"""``grantwire-ringcentral token``: a fresh access token for the shell (see ``grantwire_core.cli``)."""

from __future__ import annotations

from collections.abc import Sequence

from grantwire_core.cli import token_command

from .front_door import RingCentral

VARIABLES = {
    "RC_APP_CLIENT_ID": "the app's client id (required)",
    "RC_APP_CLIENT_SECRET": "the app's client secret (absent for a public app)",
    "RC_SERVER_URL": "production (default), sandbox, or a URL",
    "RC_USER_JWT": "the user's JWT credential (required)",
}


def main(argv: Sequence[str] | None = None) -> int:
    return token_command("grantwire-ringcentral", RingCentral.from_env, VARIABLES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
