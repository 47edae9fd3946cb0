"""What our templates know beyond upstream's own globals, as one typed object.

Upstream hands its templates ``env.globals`` (``openapi``, ``config``, ``project_name``, …). What
grantwire adds — the facts of the client, what the spec marks, the union modules — is gathered here
once per rendering and given to every template as the single global ``grantwire``
(``{{ grantwire.api_version }}``): every fact has one type and one place it is computed
(``generator.render``), and ``tests/generator/test_template_context.py`` fails when a template asks
for one the context does not have (Jinja itself would print nothing).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from generator.manifest import ClientEntry

#: The name templates read the context by.
GLOBAL_NAME = "grantwire"


@dataclass(frozen=True)
class TemplateContext:
    """Everything grantwire's templates read that upstream does not give them."""

    client: ClientEntry
    #: The dependency on grantwire-core, as the client's pyproject.toml states it.
    core_requirement: str
    #: The document's ``info.version``.
    api_version: str
    #: The document's server URLs (``/`` when it lists none).
    servers: tuple[str, ...]
    #: ``info.contact.url`` ("" when absent).
    contact_url: str
    #: Generated class name → python names of its secret fields (``generator.secrets``).
    secret_fields: Mapping[str, frozenset[str]]
    #: Generated class name → the source of its request rules tuple (``generator.constraints``).
    request_rules: Mapping[str, str]
    #: Classes that carry a single-use credential (``x-grantwire-single-use``).
    single_use_classes: frozenset[str]
    #: Wire names whose enum values match whatever their letter case (``x-grantwire-case-insensitive``):
    #: RFC 6749 §5.1 makes a token type case-insensitive (RingCentral documents `bearer`, most send `Bearer`).
    case_insensitive_fields: frozenset[str]
    #: String enum schemas generated as constants typed by their literal values (``x-grantwire-constants``).
    constant_enums: frozenset[str]
    #: The package's hand-owned modules, and ``cli`` when it has a token command.
    package_modules: tuple[str, ...]
    #: The front door module's ``__all__``, re-exported by the package.
    front_door_exports: tuple[str, ...]
    #: The client's own README introduction ("" without one).
    readme_intro: str
    #: ``from .module import Class, VALUES, parse`` for each union module.
    union_imports: tuple[str, ...]
    #: The names each union module exports.
    union_exports: tuple[str, ...]
    #: The class of each union module.
    union_class_names: tuple[str, ...]


__all__ = ["GLOBAL_NAME", "TemplateContext"]
