"""Calling a generated operation the way a user would, sync or async, and checking Prism's verdict."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from typing import Any

MODES = ("sync", "async")
# Prism names each way a request breaks the spec in this header; a valid request gets none.
VIOLATIONS = "sl-violations"


def call(mode: str, operation: Any, *args: Any, client: Any, **kwargs: Any) -> Any:
    """``operation`` through ``client`` used as a context manager, so its connections are closed."""
    if mode == "sync":
        with client:
            return operation.sync_detailed(*args, client=client, **kwargs)

    async def run() -> Any:
        async with client:
            return await operation.asyncio_detailed(*args, client=client, **kwargs)

    return asyncio.run(run())


def violations(headers: Mapping[str, str]) -> list[dict[str, Any]]:
    raw = headers.get(VIOLATIONS)
    return [] if raw is None else list(json.loads(raw))


def prefer(status: int) -> dict[str, str]:
    """Prism's header for forcing a documented response."""
    return {"Prefer": f"code={status}"}
