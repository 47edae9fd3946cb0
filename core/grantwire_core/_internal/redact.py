"""Keeping secrets out of reprs, log records and exception messages.

Models mark the fields the spec calls secret (``format: password`` or ``writeOnly``) with
``secret_repr``; bodies are only ever described by shape (``body_excerpt``); URLs are logged
without user info or query values (``loggable_url``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from ..runtime.types import Unset
from .http import httpx

MASK = "'***'"
_EXCERPT_CHARS = 120


def secret_repr(value: object) -> str:
    """``repr`` of a secret field: whether it is set, never what it is."""
    return repr(value) if isinstance(value, Unset) or value is None else MASK


def additional_properties_repr(value: Mapping[str, Any]) -> str:
    """Fields the spec does not name may hold anything: show their names only."""
    return "{" + ", ".join(f"{key!r}: {MASK}" for key in value) + "}"


def url_without_userinfo(url: str) -> str:
    """``url`` with any ``user:password@`` replaced by ``***@`` (for reprs of a configured base URL)."""
    scheme, separator, rest = url.partition("://")
    if not separator:
        return url
    authority, slash, path = rest.partition("/")
    if "@" not in authority:
        return url
    return f"{scheme}://***@{authority.rpartition('@')[2]}{slash}{path}"


def loggable_url(url: httpx.URL) -> str:
    """``url`` without credentials or fragment, and with every query value shown as ``***``."""
    query = "&".join(f"{key}=***" for key in url.params)
    return str(url.copy_with(username=None, password=None, query=None, fragment=None)) + (f"?{query}" if query else "")


def body_excerpt(content: bytes, content_type: str | None) -> str:
    """A value-free sketch of a body: JSON as its keys and value types, anything else (HTML, a
    form-encoded token, bytes) as its content type and length only: no byte of it is echoed."""
    if not content:
        return "(empty body)"
    kind = content_type or "no content type"
    try:
        shape = _shape(json.loads(content), depth=2)
    except (ValueError, RecursionError):
        return _clip(f"({len(content)} bytes of {kind}, not JSON)")
    return _clip(f"JSON {shape}")


def _shape(value: Any, depth: int) -> str:
    if isinstance(value, dict):
        if depth == 0:
            return "{…}"
        return "{" + ", ".join(f"{json.dumps(key)}: {_shape(inner, depth - 1)}" for key, inner in value.items()) + "}"
    if isinstance(value, list):
        return f"[{len(value)} items]"
    return "null" if value is None else type(value).__name__


def _clip(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= _EXCERPT_CHARS else flat[: _EXCERPT_CHARS - 1] + "…"


__all__ = [
    "MASK",
    "additional_properties_repr",
    "body_excerpt",
    "loggable_url",
    "secret_repr",
    "url_without_userinfo",
]
