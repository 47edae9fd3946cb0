"""The package surface: lazy exports, nothing generated imported, one hierarchy for every client."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grantwire_core
import grantwire_docusign
import grantwire_ringcentral
import grantwire_usegrant
import pytest
from grantwire_docusign import types as docusign_types
from grantwire_ringcentral import types as ringcentral_types

CORE_SOURCE = Path(grantwire_core.__file__).resolve().parent


def test_every_export_resolves_and_all_lists_them() -> None:
    exported = {name for name in grantwire_core.__all__ if name != "__version__"}
    assert exported == set(grantwire_core._EXPORTS)
    for name in exported:
        assert getattr(grantwire_core, name) is not None
    with pytest.raises(AttributeError, match="has no attribute 'Nope'"):
        getattr(grantwire_core, "Nope")  # noqa: B009 (the lazy lookup is what is tested)


def test_core_source_imports_nothing_generated() -> None:
    for module in sorted(CORE_SOURCE.glob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            names = [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            for name in names:
                assert not (name.startswith("grantwire_") and not name.startswith("grantwire_core")), (module, name)


def test_importing_core_alone_pulls_in_no_client_and_no_asyncio() -> None:
    # A fresh interpreter: the package's names are imported on first use, not up front.
    code = (
        "import sys, grantwire_core; "
        "print(sorted(m for m in sys.modules if m.startswith(('grantwire', 'asyncio', 'httpx'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    # Besides the package: only the table of the old import paths it keeps working (and its folder).
    assert loaded.strip() == "['grantwire_core', 'grantwire_core._internal', 'grantwire_core._internal.moved']"


def test_every_client_raises_cores_exceptions() -> None:
    for package in (grantwire_docusign, grantwire_ringcentral, grantwire_usegrant):
        assert package.RateLimitError is grantwire_core.RateLimitError
        assert package.RetryPolicy is grantwire_core.RetryPolicy
        assert package.Timeouts is grantwire_core.Timeouts
        assert issubclass(package.ResponseValidationError, grantwire_core.GrantwireError)
    assert docusign_types.UNSET is ringcentral_types.UNSET is grantwire_core.UNSET
