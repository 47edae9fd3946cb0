"""What the runtime needs to know about the client package it serves.

The runtime imports nothing generated: each client hands it one ``ClientPackage`` (built in the
client's ``_package`` module), and every call, log record and User-Agent uses the names in it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Mapping

from .._internal import http

_PYTHON = "{}.{}.{}".format(*sys.version_info[:3])


class ClientPackage:
    """One client distribution: its import name (also its logger's name), distribution name,
    version, and the version of the API description it was generated from."""

    __slots__ = ("api_version", "distribution", "logger", "package", "user_agent", "version")

    def __init__(self, *, package: str, distribution: str, version: str, api_version: str = "") -> None:
        #: The import name (``grantwire_ringcentral``).
        self.package = package
        #: The distribution name (``grantwire-ringcentral``).
        self.distribution = distribution
        #: The distribution's version.
        self.version = version
        #: The version of the API description it was generated from (the spec's ``info.version``).
        self.api_version = api_version
        #: The client's logger, ``grantwire.<client>`` (``grantwire.ringcentral``): every logger of
        #: grantwire is under ``grantwire`` (the tokens' is ``grantwire.tokens``).
        self.logger = logging.getLogger("grantwire." + package.removeprefix("grantwire_"))
        #: ``grantwire-ringcentral/0.1.0 python/3.11.7 httpx2/2.16.2``: the HTTP library in use.
        self.user_agent = f"{distribution}/{version} python/{_PYTHON} {http.NAME}/{http.VERSION}"

    def __repr__(self) -> str:
        return f"ClientPackage(package={self.package!r}, version={self.version!r})"

    def with_default_user_agent(self, headers: Mapping[str, str]) -> dict[str, str]:
        """``headers`` plus this package's User-Agent, unless they name one already (in any letter case)."""
        if any(name.lower() == "user-agent" for name in headers):
            return dict(headers)
        return {"User-Agent": self.user_agent, **headers}


__all__ = ["ClientPackage"]
