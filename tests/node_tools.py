"""Where the Node tools (Prism, Spectral) are, and what to do when they are missing.

``nox -s tests``, ``contract`` and ``lint-specs`` install them with ``npm ci`` into the git-ignored
``node_modules/`` and set GRANTWIRE_REQUIRE_NODE_TOOLS, so there a missing tool is a failure; a
bare ``pytest`` without them skips those tests and says how to get them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NODE_BIN = ROOT / "node_modules" / ".bin"


def node_tool(name: str) -> Path:
    executable = NODE_BIN / name
    if executable.exists():
        return executable
    message = f"{name} is not installed in {NODE_BIN.relative_to(ROOT)}: `nox -s contract` installs it (npm ci)"
    if os.environ.get("GRANTWIRE_REQUIRE_NODE_TOOLS"):
        pytest.fail(message)
    pytest.skip(message)
