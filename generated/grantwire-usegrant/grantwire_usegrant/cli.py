# Hand-written in overrides/packages/usegrant/cli.py, copied by grantwire. Do not edit here: edit overrides/packages/usegrant/cli.py, then run `nox -s generate`.
"""``grantwire-usegrant token``: a fresh access token for the shell (see ``grantwire_core.cli``)."""

from __future__ import annotations

from collections.abc import Sequence

from grantwire_core.cli import token_command

from .front_door import UseGrant


def main(argv: Sequence[str] | None = None) -> int:
    """``grantwire-usegrant token``: print a fresh access token from the variables ``UseGrant.from_env``
    reads; returns the exit code (``--help`` lists the variables and the codes)."""
    return token_command("grantwire-usegrant", UseGrant.from_env, UseGrant.VARIABLES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
