"""``grantwire-usegrant token``: a fresh access token for the shell (see ``grantwire_core.cli``)."""

from __future__ import annotations

from collections.abc import Sequence

from grantwire_core.cli import token_command

from .front_door import UseGrant

VARIABLES = {
    "USEGRANT_API_KEY": "a useGrant API key (required)",
    "USEGRANT_PROVIDER_ID": "the provider's id, a UUID (required)",
    "USEGRANT_CLIENT_ID": "the client's id, a UUID (required)",
    "USEGRANT_EXPIRES_IN": "the token's lifetime in seconds (optional, at most 172800)",
    "USEGRANT_SERVER_URL": "production (default) or a URL",
}


def main(argv: Sequence[str] | None = None) -> int:
    return token_command("grantwire-usegrant", UseGrant.from_env, VARIABLES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
