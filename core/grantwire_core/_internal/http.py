"""The HTTP library grantwire runs on: httpx2 when it is installed, httpx 0.28 otherwise.

httpx2 is the maintained continuation of httpx (same API, imported as ``httpx2``); httpx has had no
release since 0.28.1. Following httpx2's advice for libraries, "support both, prefer httpx2", the
choice is made once, here, at import, and every other module uses ``httpx`` from this module:

- httpx2 when it can be imported (a default install: grantwire-core depends on it);
- httpx otherwise (an environment that cannot take httpx2 installs grantwire with ``--no-deps``
  and brings httpx itself);
- ``GRANTWIRE_HTTP=httpx`` (or ``=httpx2``) in the environment picks one explicitly, e.g. to keep
  one HTTP stack, or transports and mocks written for httpx, in an application that has both.

Type checkers see httpx2. Token sources are ``Auth`` of every library installed (``AUTH_BASE``), so
an application's own ``httpx.Client`` and ``httpx2.Client`` both accept them as ``auth=``.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import AsyncGenerator, Generator
from types import ModuleType
from typing import TYPE_CHECKING, Any

LIBRARIES = ("httpx2", "httpx")  # preferred first
_CHOICE_VARIABLE = "GRANTWIRE_HTTP"


def _choose() -> ModuleType:
    asked = os.environ.get(_CHOICE_VARIABLE, "").strip()
    if asked:
        if asked not in LIBRARIES:
            raise ImportError(f"{_CHOICE_VARIABLE} must be one of {', '.join(LIBRARIES)}, got {asked!r}")
        try:
            return importlib.import_module(asked)
        except ImportError:
            raise ImportError(f"{_CHOICE_VARIABLE}={asked} but {asked} is not installed") from None
    for name in LIBRARIES:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError("grantwire needs httpx2 (pip install httpx2) or httpx 0.28 (pip install 'httpx<0.29')")


def _installed_others(chosen: ModuleType) -> list[ModuleType]:
    """The other libraries already importable, for ``AUTH_BASE``. Only imported if installed: an
    application with one library pays nothing for the other."""
    others = []
    for name in LIBRARIES:
        if name == chosen.__name__:
            continue
        try:
            others.append(importlib.import_module(name))
        except ImportError:
            continue
    return others


if TYPE_CHECKING:
    import httpx2 as httpx

    AUTH_BASE = httpx.Auth
else:
    httpx = _choose()
    _bases = (httpx.Auth, *(other.Auth for other in _installed_others(httpx)))
    # One class deriving from every installed library's Auth: both define the same flow methods
    # (sync_auth_flow, async_auth_flow) and class attributes, and each client checks isinstance.
    AUTH_BASE = _bases[0] if len(_bases) == 1 else type("Auth", _bases, {"__module__": __name__})

#: ``"httpx2"`` or ``"httpx"``: the library in use, as the User-Agent and the logs name it.
NAME: str = httpx.__name__
VERSION: str = httpx.__version__


def is_auth(value: object) -> bool:
    """Whether ``value`` is an ``Auth`` of any of the libraries (without importing one)."""
    return any(base.__name__ == "Auth" and base.__module__.split(".")[0] in LIBRARIES for base in type(value).__mro__)


class _AdoptedAuth(httpx.Auth):
    """An ``Auth`` written for the other library (``httpx.BasicAuth`` in an application on httpx2),
    driving requests of the library in use: auth flows only read and set requests' headers, which
    both libraries spell the same way."""

    def __init__(self, auth: Any) -> None:
        self._auth = auth
        self.requires_request_body = auth.requires_request_body
        self.requires_response_body = auth.requires_response_body

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        flow: Generator[httpx.Request, httpx.Response, None] = self._auth.sync_auth_flow(request)
        return flow

    def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        flow: AsyncGenerator[httpx.Request, httpx.Response] = self._auth.async_auth_flow(request)
        return flow

    def __repr__(self) -> str:
        return repr(self._auth)


def adopt_auth(auth: Any) -> Any:
    """``auth`` as the library in use takes it: an ``Auth`` of the other library is wrapped, anything
    else (an own ``Auth``, a tuple, a callable, ``None``) is returned as it is."""
    if isinstance(auth, httpx.Auth) or not is_auth(auth):
        return auth
    return _AdoptedAuth(auth)


__all__ = ["AUTH_BASE", "LIBRARIES", "NAME", "VERSION", "adopt_auth", "httpx", "is_auth"]
