"""One TLS context for every client of the process, built once, and built ahead of need.

Building httpx's default TLS context loads the CA bundle: about 30 ms of CPU on a quiet machine,
several times that on a busy one, and it happens when an httpx client is built, even for plain
``http://``. Without sharing, every client (each ``Client``'s sync and async httpx clients, every
vendor's) paid it; and the first request of a process paid it on its critical path: in a fleet, the
process that happens to hold the renewal lock first builds its HTTP client while every other
process waits for it. So the context is shared, and the first ``Client`` made in a process starts
building it in a background thread, which the first request then joins instead of starting over.
"""

from __future__ import annotations

import os
import ssl
import threading

from .http import httpx

_lock = threading.Lock()
_context: ssl.SSLContext | None = None
_preloading = False


def shared_ssl_context() -> ssl.SSLContext:
    """httpx's own default context (certifi's CAs, ``SSL_CERT_FILE``/``SSL_CERT_DIR`` honoured),
    built once per process; a caller that arrives while it is being built waits for it."""
    global _context
    with _lock:
        if _context is None:
            _context = httpx.create_ssl_context()
        return _context


def preload() -> None:
    """Start building the shared context in a daemon thread, once per process."""
    global _preloading
    with _lock:
        if _preloading or _context is not None:
            return
        _preloading = True
    threading.Thread(target=shared_ssl_context, name="grantwire-tls-context", daemon=True).start()


def _after_fork_in_child() -> None:
    # A fork while the preloading thread held the lock leaves the child a lock nobody will release
    # (the thread did not come along): the child starts afresh, keeping a context already built.
    global _lock, _preloading
    _lock = threading.Lock()
    _preloading = False


os.register_at_fork(after_in_child=_after_fork_in_child)

__all__ = ["preload", "shared_ssl_context"]
