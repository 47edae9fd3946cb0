"""Fails the build on an undocumented public name, and on a public module the reference leaves out.

autodoc lists every member, documented or not (``undoc-members``); this extension warns on each
public one whose docstring is empty, and, once every page is read, on each public module of the
documented packages that no ``automodule`` covers. With ``--fail-on-warning`` either stops the build.
Modules named ``_private`` (and everything under them) are not public; ``public_api_skip`` names
modules left out on purpose, each with its reason in conf.py.
"""

from __future__ import annotations

import fnmatch
import importlib
import pkgutil
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.ext.napoleon import Config as NapoleonConfig
from sphinx.ext.napoleon.docstring import GoogleDocstring
from sphinx.pycode import ModuleAnalyzer
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docstrings import prepare_docstring

logger = logging.getLogger(__name__)

_DOCUMENTED = "public_api_documented_modules"


def _is_public(dotted: str) -> bool:
    return not any(part.startswith("_") for part in dotted.split("."))


def _note_module(app: Sphinx, what: str, name: str, obj: Any, options: dict[str, Any], lines: list[str]) -> None:
    if what != "module":
        return
    getattr(app.env, _DOCUMENTED).add(name)
    if _is_public(name) and not any(line.strip() for line in lines):
        logger.warning("public module %s has no docstring", name, type="public_api", subtype="docstring")


def _own_text(content: nodes.Element) -> str:
    """The text of an entry's own docstring: not its members' entries, not the "Bases:" line."""
    text = []
    for child in content.children:
        if isinstance(child, addnodes.desc):
            continue
        own = child.astext().strip()
        if isinstance(child, nodes.paragraph) and own.startswith("Bases: "):
            continue
        text.append(own)
    return "".join(text)


def _constant_with_value(entry: addnodes.desc) -> bool:
    """A class constant shown with its value (``GrantType.PASSWORD = 'password'``, an enum member):
    the value is what documents it."""
    signature = next(iter(entry.findall(addnodes.desc_signature)))
    attribute = str(signature.get("fullname", "")).rsplit(".", 1)[-1]
    in_class = isinstance(entry.parent, addnodes.desc_content)
    shown = any(" = " in annotation.astext() for annotation in signature.findall(addnodes.desc_annotation))
    return entry.get("objtype") == "attribute" and in_class and attribute.isupper() and shown


def _named_by_owner(entry: addnodes.desc) -> bool:
    """An attribute or property that its class's docstring describes by name (``state``: ...)."""
    if entry.get("objtype") not in ("attribute", "property"):
        return False
    owner = entry.parent.parent if isinstance(entry.parent, addnodes.desc_content) else None
    if not isinstance(owner, addnodes.desc) or not isinstance(entry.parent, addnodes.desc_content):
        return False
    attribute = next(iter(entry.findall(addnodes.desc_signature))).get("fullname", "").rsplit(".", 1)[-1]
    return re.search(rf"\b{re.escape(attribute)}\b", _own_text(entry.parent)) is not None


def _drop_object_bases(doctree: nodes.document) -> None:
    """A plain class's "Bases: object" says nothing."""
    for paragraph in list(doctree.findall(nodes.paragraph)):
        if isinstance(paragraph.parent, addnodes.desc_content) and paragraph.astext().strip() == "Bases: object":
            paragraph.parent.remove(paragraph)


def _check_rendered(app: Sphinx, doctree: nodes.document) -> None:
    """Every entry the reference shows (a class, function, method, property, attribute) has text of
    its own: checked on the page as built, so what autodoc leaves out is not counted."""
    _prune_model_members(doctree)
    _drop_object_bases(doctree)
    for entry in doctree.findall(addnodes.desc):
        if entry.get("domain") != "py":
            continue
        signature = next(iter(entry.findall(addnodes.desc_signature)))
        name = ".".join(part for part in (signature.get("module"), signature.get("fullname")) if part)
        content = next(child for child in entry.children if isinstance(child, addnodes.desc_content))
        documented = _own_text(content) or _named_by_owner(entry) or _constant_with_value(entry)
        if _is_public(name) and not documented:
            kind = entry.get("objtype", "name")
            logger.warning(
                "public %s %s has no docstring", kind, name, type="public_api", subtype="docstring", location=entry
            )


# The members every generated model has (upstream's model template writes them without docstrings);
# the models section of the reference describes them once (docs/_ext/reference_pages.py).
GENERIC_MODEL_MEMBERS = frozenset({"to_dict", "from_dict", "additional_properties", "additional_keys"})
_FIELD_LINE = re.compile(r"^\s+(\w+) \(.*\):", re.M)


def _model_class(entry: addnodes.desc) -> type | None:
    """The generated model a class entry documents, or None."""
    signature = next(iter(entry.findall(addnodes.desc_signature)))
    module, name = str(signature.get("module", "")), str(signature.get("fullname", ""))
    if entry.get("objtype") != "class" or ".models" not in module or "." in name:
        return None
    found = getattr(importlib.import_module(module), name, None)
    return found if isinstance(found, type) else None


def _prune_model_members(doctree: nodes.document) -> None:
    """Take out of each model's entry the generic members, and the fields its docstring already lists
    (its "Attributes:" section, shown as the class's field list). Done on the page, since autodoc's
    skip-member event is not told which class a field belongs to."""
    for entry in list(doctree.findall(addnodes.desc)):
        model = _model_class(entry)
        if model is None:
            continue
        listed = set(_FIELD_LINE.findall(model.__doc__ or "")) | GENERIC_MODEL_MEMBERS
        content = next(child for child in entry.children if isinstance(child, addnodes.desc_content))
        for member in [child for child in content.children if isinstance(child, addnodes.desc)]:
            signature = next(iter(member.findall(addnodes.desc_signature)))
            if str(signature.get("fullname", "")).rsplit(".", 1)[-1] in listed:
                content.remove(member)


# openapi-python-client writes Google-style docstrings ("Args:", "Attributes:", "Raises:") in the
# models and operations; hand-written code is reST, where napoleon would misread "The token
# source: ..." as a type. So napoleon converts only the generated modules' docstrings.
_GOOGLE_STYLE = re.compile(r"^grantwire_\w+\.(models|api)(\.|$)")
_NAPOLEON = NapoleonConfig(napoleon_use_ivar=True, napoleon_numpy_docstring=False)


def _google_style(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    # Attribute docstrings are the grantwire templates' own, in reST like the hand-written code.
    if not _GOOGLE_STYLE.match(name) or what in ("attribute", "data", "property"):
        return
    # Continuation lines of a field sit deeper than its first line, by varying amounts in upstream's
    # docstrings (" Example: ..."); reST reads a deeper one as a stray block quote, so align them.
    aligned = []
    for line in lines:
        stripped = line.lstrip()
        indent = len(line) - len(stripped)
        # Upstream also starts a description paragraph with a stray space (" Returns access ...").
        aligned.append(" " * 8 + stripped if indent > 8 else stripped if 0 < indent < 4 else line)
    converted = GoogleDocstring(aligned, _NAPOLEON, app, what, name, obj, options).lines()
    lines[:] = converted


def _literal_examples(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """Hand-written docstrings show examples as an indented block after a paragraph, as plain text
    reads best in a terminal; reST would make that a block quote, so the paragraph gets ``::``."""
    if _GOOGLE_STYLE.match(name):
        return
    for index in range(1, len(lines) - 1):
        before, blank, after = lines[index - 1], lines[index], lines[index + 1]
        if blank.strip() or not before.strip() or not after.startswith("    ") or before.startswith(" "):
            continue
        if before.rstrip().endswith("::") or before.lstrip().startswith((".. ", ":")):
            continue
        lines[index - 1] = before.rstrip() + ("::" if before.rstrip().endswith(":") else " ::")


def _borrow_docstring(app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]) -> None:
    """Fill an empty docstring from where it is written: a name a models package re-exports (a union's
    alias) has its docstring in the module that defines it; a method that implements a protocol of
    ``public_api_protocols`` (``RedisTokenStore.load``) has the protocol method's."""
    if any(line.strip() for line in lines):
        return
    module, _, attribute = name.rpartition(".")
    if what == "data" and module.endswith(".models"):
        package = importlib.import_module(module)
        for info in pkgutil.iter_modules(package.__path__, f"{module}."):
            docs = ModuleAnalyzer.for_module(info.name).find_attr_docs()
            if ("", attribute) in docs:
                lines.extend(docs[("", attribute)])
                return
    if what in ("method", "property") and _is_public(attribute):
        for protocol in app.config.public_api_protocols:
            home, _, class_name = protocol.rpartition(".")
            method = getattr(getattr(importlib.import_module(home), class_name), attribute, None)
            doc = getattr(method, "__doc__", None)
            if doc and not name.startswith(f"{protocol}."):
                lines.extend([f"Implements :meth:`{protocol}.{attribute}`:", "", *prepare_docstring(doc)])
                return


def _public_modules(package: str) -> set[str]:
    found = {package}
    module = importlib.import_module(package)
    for info in pkgutil.walk_packages(getattr(module, "__path__", []), f"{package}."):
        if _is_public(info.name):
            found.add(info.name)
    return found


def _check_coverage(app: Sphinx, env: BuildEnvironment) -> None:
    documented: set[str] = getattr(env, _DOCUMENTED)
    skipped = list(app.config.public_api_skip)
    for package in app.config.public_api_packages:
        for module in sorted(_public_modules(package) - documented):
            if not any(fnmatch.fnmatchcase(module, pattern) for pattern in skipped):
                logger.warning("public module %s is in no page of the API reference", module, type="public_api")


class QualifyBareNames(SphinxPostTransform):
    """A bare name in an annotation (``Client``, where generated code imports it for type checkers
    only) is qualified before Sphinx resolves it: the entry of that name in the package of the page's
    module, so grantwire_ringcentral's ``Client`` links to grantwire_ringcentral.client.Client."""

    default_priority = 5  # before Sphinx's ReferencesResolver (10)

    def run(self, **kwargs: Any) -> None:
        domain = self.env.get_domain("py")
        by_last: dict[str, list[str]] = {}
        # Canonical aliases (a model also registered under its home module) are the same entry.
        for name, entry in domain.objects.items():
            if not entry.aliased:
                by_last.setdefault(name.rsplit(".", 1)[-1], []).append(name)
        for node in self.document.findall(addnodes.pending_xref):
            target = str(node.get("reftarget", ""))
            if node.get("refdomain") != "py" or "." in target or target not in by_last:
                continue
            package = str(node.get("py:module") or "").split(".")[0]
            in_package = [name for name in by_last[target] if name.startswith(f"{package}.")]
            if len(in_package) == 1:
                node["reftarget"] = in_package[0]
                # A union is an alias (py:data), which an annotation's py:class reference misses.
                node["reftype"] = "obj"


def _load_lazy_names(app: Sphinx) -> None:
    """A package that imports its names on first use (``__getattr__``, as the models packages do)
    has them in its namespace only once asked for; autodoc looks in the namespace, so ask first."""
    for package in app.config.public_api_packages:
        for dotted in sorted(_public_modules(package)):
            module = importlib.import_module(dotted)
            if "__getattr__" in vars(module):
                for exported in getattr(module, "__all__", ()):
                    getattr(module, exported)


def _reset(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if not hasattr(env, _DOCUMENTED):
        setattr(env, _DOCUMENTED, set())


def _public_bases(app: Sphinx, name: str, obj: object, options: object, bases: list[type]) -> None:
    """A base class from a private module (``grantwire_core._internal.records.FrozenRecord``, which
    only spares a class the cost of compiling its methods at import) is shown as its own public
    bases: the reference documents no private name, and nitpicky mode would find none to link."""
    shown: list[type] = []
    for base in bases:
        pending = [base]
        while pending:
            candidate = pending.pop(0)
            if any(part.startswith("_") for part in candidate.__module__.split(".")[1:]):
                pending[:0] = [ancestor for ancestor in candidate.__bases__ if ancestor is not object]
            elif candidate not in shown:
                shown.append(candidate)
    bases[:] = shown or [object]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_config_value("public_api_packages", [], "env")
    app.add_config_value("public_api_skip", {}, "env")
    app.connect("builder-inited", _load_lazy_names)
    app.connect("env-before-read-docs", _reset)
    app.add_config_value("public_api_protocols", [], "env")
    app.connect("autodoc-process-docstring", _borrow_docstring)
    app.connect("autodoc-process-docstring", _google_style)
    app.connect("autodoc-process-docstring", _literal_examples)
    app.connect("autodoc-process-docstring", _note_module)
    app.connect("autodoc-process-bases", _public_bases)
    app.add_post_transform(QualifyBareNames)
    app.connect("doctree-read", _check_rendered)
    app.connect("env-check-consistency", _check_coverage)
    return {"parallel_read_safe": False, "env_version": 1}
