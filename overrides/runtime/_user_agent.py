"""The User-Agent every client sends unless the caller sets one."""

from __future__ import annotations

import platform
from collections.abc import Mapping

import httpx

from ._package import DISTRIBUTION, VERSION

USER_AGENT = f"{DISTRIBUTION}/{VERSION} python/{platform.python_version()} httpx/{httpx.__version__}"


def with_default_user_agent(headers: Mapping[str, str]) -> dict[str, str]:
    """``headers`` plus our User-Agent, unless they name one already (in any letter case)."""
    if any(name.lower() == "user-agent" for name in headers):
        return dict(headers)
    return {"User-Agent": USER_AGENT, **headers}


__all__ = ["USER_AGENT", "with_default_user_agent"]
