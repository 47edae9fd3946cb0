"""Loaded by the README block runs (PYTHONPATH): sends the vendors' hosts to local servers.

``GRANTWIRE_README_ROUTES`` is a JSON list of ``[host, path prefix, local base URL]``: a request to
``https://platform.ringcentral.com/restapi/oauth/token`` goes to the Prism mock of our RingCentral
spec instead, so a block runs as written, with its real URLs, and nothing leaves the machine.
"""

from __future__ import annotations

import importlib
import json
import os
from typing import Any

_ROUTES = [tuple(route) for route in json.loads(os.environ.get("GRANTWIRE_README_ROUTES", "[]"))]


def _rerouted(request: Any) -> None:
    for host, prefix, base in _ROUTES:
        if request.url.host == host and request.url.path.startswith(prefix):
            target = type(request.url)(base)
            request.url = request.url.copy_with(scheme=target.scheme, host=target.host, port=target.port)
            return
    raise RuntimeError(f"README block tried to reach {request.url.host}{request.url.path}: no local route")


def _patch(library: str) -> None:
    try:
        module = importlib.import_module(library)
    except ImportError:
        return
    sync_send = module.HTTPTransport.handle_request
    async_send = module.AsyncHTTPTransport.handle_async_request

    def handle_request(self: Any, request: Any) -> Any:
        _rerouted(request)
        return sync_send(self, request)

    async def handle_async_request(self: Any, request: Any) -> Any:
        _rerouted(request)
        return await async_send(self, request)

    module.HTTPTransport.handle_request = handle_request
    module.AsyncHTTPTransport.handle_async_request = handle_async_request


if _ROUTES:
    for _library in ("httpx2", "httpx"):
        _patch(_library)
