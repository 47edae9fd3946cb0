"""Writes the API reference pages (docs/reference/<package>.md) before Sphinx reads the sources.

One page per package, one section per public module, found by walking the installed package: a
module added to a package is in the reference at the next build, without a list to keep up to date.
Each module documents the names it defines (``:ignore-module-all:``): a name imported from elsewhere
(a vendor's ``tokens`` re-exporting grantwire_core's ``AccessToken``) is documented once, where it
is defined. Two kinds of module differ:

- a package root (``grantwire_core``, ``grantwire_ringcentral``) shows its docstring only: its
  names are re-exported from its modules, documented there;
- a models package (``grantwire_ringcentral.models``) documents the names it exports, because that
  is where users import the models from; the one-model modules under it are not listed separately.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

HEADER = "<!-- Written by docs/_ext/reference_pages.py at each build; edit that file or the docstrings. -->\n\n"
MODELS_NOTE = (
    "Each model lists its fields in its docstring. Every model also has the same four members, which "
    "the generator (upstream openapi-python-client's model template) writes without docstrings and "
    "this reference leaves out: `to_dict()` (the JSON object), the class method `from_dict(src)` (the "
    "reverse), `additional_properties` (the fields the spec does not name, a dict) and "
    "`additional_keys` (their names).\n\n"
)


def public_modules(package: str) -> list[str]:
    """``package`` and every module under it whose dotted name has no ``_private`` part."""
    module = importlib.import_module(package)
    found = [package]
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), f"{package}."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            found.append(info.name)
    return sorted(found)


def _is_models(dotted: str) -> bool:
    return dotted.split(".")[-1] == "models"


def _under_models(dotted: str) -> bool:
    return "models" in dotted.split(".")[1:-1]


def _exported_data(dotted: str) -> list[str]:
    """The names a models package exports that are neither classes nor functions: its unions
    (``GetTokenRequest``) and value tuples. autodoc lists a package's classes and functions from
    ``__all__`` but not such names, which the package only imports; each gets an entry of its own."""
    module = importlib.import_module(dotted)
    return [
        name
        for name in getattr(module, "__all__", ())
        if not inspect.isclass(value := getattr(module, name)) and not inspect.isroutine(value)
    ]


def _section(dotted: str, package: str, title: str) -> str:
    if dotted == package:
        return f"```{{eval-rst}}\n.. automodule:: {dotted}\n   :no-members:\n```\n\n"
    if not _is_models(dotted):
        return f"## `{dotted}`\n\n```{{eval-rst}}\n.. automodule:: {dotted}\n   :ignore-module-all:\n```\n\n"
    data = "".join(f".. autodata:: {dotted}.{name}\n\n" for name in _exported_data(dotted))
    return f"## `{dotted}`\n\n{MODELS_NOTE}```{{eval-rst}}\n.. automodule:: {dotted}\n\n{data}```\n\n"


def page(package: str, title: str, intro: str) -> str:
    """The Markdown of ``package``'s reference page."""
    sections = [_section(dotted, package, title) for dotted in public_modules(package) if not _under_models(dotted)]
    return f"{HEADER}# {title}\n\n{intro}\n\n" + "".join(sections)


def write_pages(app: Sphinx) -> None:
    directory = Path(app.srcdir) / "reference"
    directory.mkdir(exist_ok=True)
    for package, (title, intro) in app.config.reference_packages.items():
        text = page(package, title, intro)
        path = directory / f"{package.removeprefix('grantwire_')}.md"
        # Rewritten only when changed, so an unchanged page is not re-read.
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("reference_packages", {}, "env")
    app.connect("builder-inited", write_pages)
    return {"parallel_read_safe": True}
