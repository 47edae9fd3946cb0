"""grantwire-core's flat import paths keep working until 0.2, with a DeprecationWarning naming the new one.

Each old module of the table is imported in a fresh interpreter (the finder must work without any
new module imported first) and here: every public name it had is the new module's own object.
"""

from __future__ import annotations

import importlib
import subprocess
import sys
import warnings

import pytest
from grantwire_core._internal.moved import MOVED_MODULES, new_home


def public_names(module_name: str) -> list[str]:
    module = importlib.import_module(module_name)
    return [
        name for name, value in vars(module).items() if not name.startswith("_") and not isinstance(value, type(sys))
    ]


@pytest.mark.parametrize("old", sorted(MOVED_MODULES))
def test_each_name_of_an_old_module_is_the_new_object_with_a_warning(old: str) -> None:
    new = MOVED_MODULES[old]
    names = public_names(new)
    assert names, new
    module = importlib.import_module(old)
    for name in names:
        with pytest.warns(DeprecationWarning, match="the old path goes in") as caught:
            value = getattr(module, name)
        assert value is getattr(importlib.import_module(new_home(old, name)), name)
        message = str(caught[0].message)
        assert f"{new_home(old, name)}.{name}" in message, message
        assert caught[0].filename == __file__  # the warning points at the code that used the old path


def test_from_import_of_an_old_path_in_a_fresh_interpreter() -> None:
    code = (
        "import warnings; warnings.simplefilter('error');\n"
        "try:\n"
        "    from grantwire_core.store import AccessToken\n"
        "except DeprecationWarning as warning:\n"
        "    print(warning)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == (
        "grantwire_core.store.AccessToken moved to grantwire_core.tokens.access_token.AccessToken; "
        "the old path goes in grantwire-core 0.2"
    )


def test_an_unknown_name_of_an_old_module_is_an_attribute_error() -> None:
    module = importlib.import_module("grantwire_core.settings")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(AttributeError, match=r"'grantwire_core\.settings' has no attribute 'Nothing'"):
            module.Nothing  # noqa: B018


def test_new_paths_import_without_a_warning() -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for new in MOVED_MODULES.values():
            importlib.import_module(new)
