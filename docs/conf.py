"""Sphinx configuration of grantwire's documentation site (``nox -s docs`` builds it into site/).

Pages are Markdown (MyST), so the same fenced ``python`` blocks that tests/readme runs and
type-checks in the README are run and type-checked here too. The API reference is autodoc over the
installed packages: what is documented is what a user imports.
"""

from __future__ import annotations

import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS / "_ext"))

project = "grantwire"
author = "The grantwire authors"
copyright = "2026, The grantwire authors"

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.viewcode",
    "reference_pages",
    "public_api",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build", "_ext", "README.md"]
root_doc = "index"

# Headings get anchors, so [text](page.md#a-heading) is checked like a link to a page.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence", "deflist"]

autodoc_default_options = {
    "members": True,
    # Listed even without a docstring: public_api then fails the build on each of them.
    "undoc-members": True,
    "show-inheritance": True,
    "member-order": "bysource",
}
autodoc_typehints = "signature"
autodoc_class_signature = "separated"
autodoc_inherit_docstrings = True

# Nitpicky mode reports every reference that resolves nowhere; references into libraries this site
# does not document (the standard library, httpx2/httpx, attrs, redis, PyJWT) are let through.
nitpick_ignore_regex = [
    (
        "py:.*",
        r"(typing|typing_extensions|collections\.abc|types|enum|datetime|uuid|pathlib|os|io|logging|asyncio"
        r"|contextlib|contextvars|email|ssl|http|json|argparse|concurrent|random)\..*",
    ),
    ("py:.*", r"(httpx2?|httpcore2?|attrs?|redis|jwt|cryptography|filelock|opentelemetry)(\..*)?"),
    # Names imported from those libraries for type checkers only, which annotations show bare.
    ("py:.*", r"(Span|Tracer|Meter|Context)"),
    ("py:.*", r"(Any|Self|TypeVar|None|NoneType|ellipsis|Callable.*|Mapping|Iterator|Sequence|UUID)"),
    # Type variables of generic helpers (grantwire_core.runtime.unions.T, tokens.GrantT) have no entries.
    ("py:.*", r"(.*\.)?([A-Z]|\w+T)"),
    # Pieces of a string annotation that Sphinx splits at its commas (Literal['RS256', 'HS256']).
    ("py:.*", r".*\[[^\]]*"),
    # A generated docstring's argument type written as a union ("CreateTokenRequest | Unset").
    ("py:.*", r".* \| .*"),
]

html_theme = "furo"
html_title = "grantwire"
html_static_path: list[str] = []
html_show_sourcelink = False
html_permalinks_icon = "#"

# The reference: one page per package (reference_pages writes them), every public module of each
# (public_api checks that none is left out and that every name shown has a docstring).
_SAME_ERRORS = (
    "Its exceptions are grantwire-core's own classes (`{0}.RateLimitError is grantwire_core.RateLimitError`): "
    "see [`grantwire_core.errors`](core.md#grantwire-core-errors)."
)
reference_packages = {
    "grantwire_core": (
        "grantwire-core",
        "The runtime every client shares. Import names from the package (`from grantwire_core import "
        "RetryPolicy`); each is documented below in the module that defines it.",
    ),
    "grantwire_docusign": ("grantwire-docusign", "The Docusign client. " + _SAME_ERRORS.format("grantwire_docusign")),
    "grantwire_ringcentral": (
        "grantwire-ringcentral",
        "The RingCentral client. " + _SAME_ERRORS.format("grantwire_ringcentral"),
    ),
    "grantwire_usegrant": ("grantwire-usegrant", "The useGrant client. " + _SAME_ERRORS.format("grantwire_usegrant")),
}
public_api_packages = list(reference_packages)
# A store's methods are the protocols' (TokenStore.load, ...): an implementation without a docstring
# of its own is documented by the protocol's.
public_api_protocols = [
    "grantwire_core.tokens.store.TokenStore",
    "grantwire_core.tokens.store.SharedTokenStore",
    "grantwire_core.tokens.store.WakingTokenStore",
    "grantwire_core.tokens.shared_renewal.AsyncSharedTokenStore",
    "grantwire_core.tokens.shared_renewal.AsyncWakingTokenStore",
]
public_api_skip = {
    # One generated module per schema, each holding one model: documented where users import them,
    # under grantwire_<vendor>.models (the reference resolves the modules' names to those entries).
    "grantwire_*.models.*": "documented under the models package",
}
