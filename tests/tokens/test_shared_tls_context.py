"""Every client with the default TLS verification shares one TLS context, built once per process
(building one loads the CA bundle: tens of milliseconds of CPU per httpx client otherwise) and
ahead of the first request; a client that asks for its own verification keeps it."""

from __future__ import annotations

import ssl
import subprocess
import sys
from typing import Any

from grantwire_ringcentral import Client


def context_of(httpx_client: Any) -> ssl.SSLContext:
    return httpx_client._transport._pool._ssl_context  # type: ignore[no-any-return]


def test_clients_share_one_tls_context_sync_and_async() -> None:
    first, second = Client(base_url="https://platform.ringcentral.com"), Client(base_url="https://x.example")
    contexts = {
        id(context_of(first.get_httpx_client())),
        id(context_of(first.get_async_httpx_client())),
        id(context_of(second.get_httpx_client())),
    }
    assert len(contexts) == 1
    assert context_of(first.get_httpx_client()).verify_mode == ssl.CERT_REQUIRED


def test_a_client_with_its_own_verification_keeps_it() -> None:
    own = ssl.create_default_context()
    mine = Client(base_url="https://platform.ringcentral.com", verify_ssl=own)
    assert context_of(mine.get_httpx_client()) is own
    unverified = Client(base_url="https://platform.ringcentral.com", verify_ssl=False)
    assert context_of(unverified.get_httpx_client()).verify_mode == ssl.CERT_NONE
    shared = context_of(Client(base_url="https://platform.ringcentral.com").get_httpx_client())
    http2 = Client(base_url="https://platform.ringcentral.com", httpx_args={"http2": False})
    assert context_of(http2.get_httpx_client()) is not shared


def test_the_first_client_of_a_process_builds_the_context_ahead_of_the_first_request() -> None:
    # In a fresh interpreter: making a Client starts the build; the first request finds it done.
    script = (
        "import threading\n"
        "from grantwire_core._internal import tls_context\n"
        "from grantwire_ringcentral import Client\n"
        "assert tls_context._context is None\n"
        "client = Client(base_url='https://platform.ringcentral.com')\n"
        "for thread in threading.enumerate():\n"
        "    if thread.name == 'grantwire-tls-context':\n"
        "        thread.join(60)\n"
        "ready = tls_context._context\n"
        "assert ready is not None\n"
        "assert client.get_httpx_client()._transport._pool._ssl_context is ready\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=120)
