"""One list of public names: grantwire_core.__all__, its lazy table, the errors module and what each
vendor package re-exports all agree, and every exception of the core is defined in errors."""

from __future__ import annotations

import importlib
import pkgutil

import grantwire_core
import grantwire_core.errors
import pytest

VENDORS = ["grantwire_docusign", "grantwire_ringcentral", "grantwire_usegrant"]


def test_the_lazy_table_serves_exactly_the_public_names() -> None:
    assert set(grantwire_core._EXPORTS) | {"__version__"} == set(grantwire_core.__all__)
    for name in grantwire_core.__all__:
        assert getattr(grantwire_core, name) is not None, name


def test_every_exception_of_the_core_lives_in_errors_and_is_public() -> None:
    found = {}
    for info in pkgutil.walk_packages(grantwire_core.__path__, "grantwire_core."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, BaseException)
                and value.__module__.startswith("grantwire_core")
            ):
                found[value.__qualname__] = value.__module__
    assert found, "no exception found"
    assert {module for module in found.values()} == {"grantwire_core.errors"}, found
    assert set(found) == set(grantwire_core.errors.__all__)
    assert set(grantwire_core.errors.__all__) <= set(grantwire_core.__all__)


@pytest.mark.parametrize("vendor", VENDORS)
def test_each_vendor_package_exports_every_exception_of_the_core(vendor: str) -> None:
    package = importlib.import_module(vendor)
    for name in grantwire_core.errors.__all__:
        assert name in package.__all__, (vendor, name)
        assert getattr(package, name) is getattr(grantwire_core.errors, name), (vendor, name)
