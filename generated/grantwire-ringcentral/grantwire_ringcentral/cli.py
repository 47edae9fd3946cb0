# Hand-written in overrides/packages/ringcentral/cli.py, copied by grantwire. Do not edit here: edit overrides/packages/ringcentral/cli.py, then run `nox -s generate`.
"""``grantwire-ringcentral token``: a fresh access token for the shell (see ``grantwire_core.cli``)."""

from __future__ import annotations

from collections.abc import Sequence

from grantwire_core.cli import token_command

from .front_door import RingCentral


def main(argv: Sequence[str] | None = None) -> int:
    """``grantwire-ringcentral token``: print a fresh access token from the variables ``RingCentral.from_env``
    reads; returns the exit code (``--help`` lists the variables and the codes)."""
    return token_command("grantwire-ringcentral", RingCentral.from_env, RingCentral.VARIABLES, argv)


if __name__ == "__main__":
    raise SystemExit(main())
