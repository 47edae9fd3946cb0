# Hand-written in overrides/packages/docusign/cli.py, copied by grantwire. Do not edit here: edit overrides/packages/docusign/cli.py, then run `nox -s generate`.
"""``grantwire-docusign token``: a fresh access token for the shell (see ``grantwire_core.cli``)."""

from __future__ import annotations

from collections.abc import Sequence

from grantwire_core.cli import token_command

from .front_door import Docusign

VARIABLES = {
    "DOCUSIGN_INTEGRATION_KEY": "the integration key (required)",
    "DOCUSIGN_USER_ID": "the id of the user to act as (required)",
    "DOCUSIGN_PRIVATE_KEY_FILE": "the RSA private key's PEM file (or DOCUSIGN_PRIVATE_KEY: the PEM)",
    "DOCUSIGN_ENVIRONMENT": "developer (default), production, or the OAuth server's URL",
    "DOCUSIGN_REDIRECT_URI": "a registered redirect URI, for the consent URL (optional)",
}


def main(argv: Sequence[str] | None = None) -> int:
    return token_command("grantwire-docusign", Docusign.from_env, VARIABLES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
