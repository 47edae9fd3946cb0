"""The import paths grantwire-core had before 0.1.0 put its modules in folders, kept until 0.2.

grantwire-core 0.1.0 put its modules in folders by audience (``runtime``, ``tokens``, ``vendor_kit`` and
the private ``_internal``). Code written for the flat layout keeps working: importing an old path gives a
stand-in module whose names are the new modules' own objects, and reading one warns with a
``DeprecationWarning`` that names the new path. This table is the one list of what moved; the
stand-ins are made on import by ``OldPaths`` (on ``sys.meta_path``), and ``grantwire_core.tokens``,
an old module that is now a folder, forwards its old names with the same function.
"""

from __future__ import annotations

import importlib
import sys
import warnings
from collections.abc import Callable, Sequence
from importlib.machinery import ModuleSpec
from types import ModuleType
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from importlib.abc import Loader  # not at run time: importlib.abc costs an import

# The old module -> the module that holds its names now.
MOVED_MODULES: dict[str, str] = {
    "grantwire_core.responses": "grantwire_core.runtime.responses",
    "grantwire_core.types": "grantwire_core.runtime.types",
    "grantwire_core.unions": "grantwire_core.runtime.unions",
    "grantwire_core.fields": "grantwire_core.runtime.fields",
    "grantwire_core.enums": "grantwire_core.runtime.enums",
    "grantwire_core.model_errors": "grantwire_core.runtime.model_errors",
    "grantwire_core.checks": "grantwire_core.runtime.checks",
    "grantwire_core.package": "grantwire_core.runtime.package",
    "grantwire_core.transport": "grantwire_core.runtime.transport",
    "grantwire_core.tokens": "grantwire_core.tokens.sources",
    "grantwire_core.store": "grantwire_core.tokens.store",
    "grantwire_core.file_store": "grantwire_core.tokens.file_store",
    "grantwire_core.file_lock": "grantwire_core.tokens.file_lock",
    "grantwire_core.redis_store": "grantwire_core.tokens.redis_store",
    "grantwire_core.shared_renewal": "grantwire_core.tokens.shared_renewal",
    "grantwire_core.renewal_outcome": "grantwire_core.tokens.renewal_outcome",
    "grantwire_core.single_flight": "grantwire_core.tokens.single_flight",
    "grantwire_core.front_door": "grantwire_core.vendor_kit.front_door",
    "grantwire_core.settings": "grantwire_core.vendor_kit.settings",
    "grantwire_core.jwt": "grantwire_core.vendor_kit.jwt",
    "grantwire_core.cli": "grantwire_core.vendor_kit.cli",
    "grantwire_core.authorization": "grantwire_core.vendor_kit.authorization",
    "grantwire_core.deadline": "grantwire_core._internal.deadline",
    "grantwire_core.http": "grantwire_core._internal.http",
    "grantwire_core.redact": "grantwire_core._internal.redact",
    "grantwire_core.telemetry": "grantwire_core._internal.telemetry",
    "grantwire_core.tls_context": "grantwire_core._internal.tls_context",
}

# Names that left their module's new home for another one: "old module.name" -> new module.
MOVED_NAMES: dict[str, str] = {
    "grantwire_core.authorization.AuthorizationDenied": "grantwire_core.errors",
    "grantwire_core.authorization.StateMismatch": "grantwire_core.errors",
    "grantwire_core.settings.ConfigurationError": "grantwire_core.errors",
    "grantwire_core.store.AccessToken": "grantwire_core.tokens.access_token",
    "grantwire_core.tokens.AccessToken": "grantwire_core.tokens.access_token",
    "grantwire_core.tokens.MemoryTokenStore": "grantwire_core.tokens.store",
    "grantwire_core.tokens.SharedTokenStore": "grantwire_core.tokens.store",
    "grantwire_core.tokens.TokenStore": "grantwire_core.tokens.store",
    "grantwire_core.tokens.TokenUnavailable": "grantwire_core.errors",
}

REMOVED_IN = "grantwire-core 0.2"


def new_home(old_module: str, name: str) -> str:
    """The module that holds ``name``, once imported from ``old_module``."""
    return MOVED_NAMES.get(f"{old_module}.{name}", MOVED_MODULES[old_module])


def forwarder(old_module: str) -> Callable[[str], object]:
    """A module ``__getattr__`` for ``old_module``: each name from its new home, with a warning."""

    def __getattr__(name: str) -> object:
        if name.startswith("__"):  # the import system probing (__path__, __file__...)
            raise AttributeError(f"module {old_module!r} has no attribute {name!r}")
        new_module = new_home(old_module, name)
        try:
            value = getattr(importlib.import_module(new_module), name)
        except AttributeError:
            raise AttributeError(f"module {old_module!r} has no attribute {name!r}") from None
        warnings.warn(
            f"{old_module}.{name} moved to {new_module}.{name}; the old path goes in {REMOVED_IN}",
            DeprecationWarning,
            stacklevel=2,
        )
        return value

    return __getattr__


class OldPaths:
    """Finds and loads the old module paths (a meta path finder and its loader in one)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname not in MOVED_MODULES or fullname == "grantwire_core.tokens":
            return None  # grantwire_core.tokens is a real package now; it forwards by itself
        return ModuleSpec(fullname, cast("Loader", self))

    def create_module(self, spec: ModuleSpec) -> None:
        return None  # an ordinary empty module

    def exec_module(self, module: ModuleType) -> None:
        module.__doc__ = f"Moved to {MOVED_MODULES[module.__name__]} (this path goes in {REMOVED_IN})."
        module.__getattr__ = forwarder(module.__name__)  # type: ignore[method-assign]


def install() -> None:
    """Put ``OldPaths`` on ``sys.meta_path`` once."""
    if not any(isinstance(finder, OldPaths) for finder in sys.meta_path):
        sys.meta_path.append(OldPaths())
