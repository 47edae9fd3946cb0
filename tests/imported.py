"""Importing a package generated into a temporary folder, and forgetting it afterwards."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType


@contextmanager
def imported(tree: Path, module: str) -> Iterator[ModuleType]:
    """``module`` imported from ``tree``; on exit the folder leaves ``sys.path`` and the package
    leaves ``sys.modules``, so the next test can generate another package of the same name."""
    package = module.split(".")[0]
    sys.path.insert(0, str(tree))
    try:
        yield importlib.import_module(module)
    finally:
        sys.path.remove(str(tree))
        for name in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[name]
