"""Rendering one spec into a package tree with openapi-python-client and our templates."""

from __future__ import annotations

import contextlib
import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, PackageLoader, PrefixLoader
from openapi_python_client import Project, strings
from openapi_python_client.config import ClassOverride, Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError
from openapi_python_client.schema.untrusted_string import UntrustedString

from generator.allof import later_part_wins
from generator.annotations import fold_annotation_parts
from generator.constraints import request_rules
from generator.dangling import drop_dangling
from generator.discriminators import UnionReport, read_unions, tag_unions
from generator.distribute import distribute_allof_unions
from generator.error_imports import error_only_imports, imports_of
from generator.errors import GeneratorFailure
from generator.hand_owned import HandOwned, read_hand_owned
from generator.manifest import ClientEntry
from generator.nullable_unions import split_null_members
from generator.open_enums import open_response_enums
from generator.postprocess import headed_path
from generator.provenance import LICENSE_FILE
from generator.recursive_refs import resolve_recursive_refs
from generator.schema_index import SchemaIndex
from generator.secrets import secret_fields, single_use_classes
from generator.security import operations_requiring_auth, path_shape
from generator.template_context import GLOBAL_NAME, TemplateContext
from generator.titles import distinct_titles
from generator.unions import UnionBuilder, UnionModule, finish_unions
from generator.upstream import (
    distinct_enum_names,
    document_text,
    readable_untrusted_strings,
    shallow_endpoint_copies,
)

# Inside the package in an installed wheel (pyproject.toml's force-include), beside it in the repository.
_PACKAGED_OVERRIDES = Path(__file__).resolve().parent / "overrides"
OVERRIDES_DIR = (
    _PACKAGED_OVERRIDES if _PACKAGED_OVERRIDES.is_dir() else Path(__file__).resolve().parent.parent / "overrides"
)


class GrantwireProject(Project):
    """Upstream's project, plus our union modules, ``_package``, and for the package's hand-owned
    ``lib/`` modules (never written here) a public alias module each and the ``token`` command."""

    def __init__(
        self,
        *,
        client: ClientEntry,
        union_modules: list[UnionModule],
        hand_owned: HandOwned,
        context: TemplateContext,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.hand_owned = hand_owned
        self.grantwire_name = client.name
        self.grantwire_client = client
        # Every file is written with its "generated" header line (generator.postprocess).
        self.package_dir = headed_path(self.project_dir, client) / self.package_dir.relative_to(self.project_dir)
        self.project_dir = headed_path(self.project_dir, client)
        self.union_modules = union_modules
        # "upstream/<name>" always reaches upstream's own template, so an override can delegate to
        # the macros it does not change instead of copying them.
        assert self.env.loader is not None
        self.env.loader = ChoiceLoader(
            [self.env.loader, PrefixLoader({"upstream": PackageLoader("openapi_python_client")})]
        )
        self.env.filters["field_label"] = field_label
        self.env.filters["error_only_imports"] = error_only_imports
        self.env.filters["imports_of"] = imports_of
        # Templates do not change during a run: without this, every `{% import %}` (one per property
        # per model) stats the template's file to see whether it must be compiled again.
        self.env.auto_reload = False
        # Everything our templates read beyond upstream's globals is this one typed object.
        self.env.globals[GLOBAL_NAME] = context

    def build(self) -> Sequence[GeneratorError]:
        # Jinja gives each template a ChainMap over env.globals, and every `{% import %}` (one per
        # property per model) takes a set difference across it: on a document of thousands of
        # models that was a tenth of the run. Every global is set before rendering starts, so each
        # template gets a plain dict of them instead.
        frozen = dict(self.env.globals)
        self.env.make_globals = lambda extra: {**frozen, **(extra or {})}  # type: ignore[method-assign,assignment]
        return super().build()

    def _build_metadata(self) -> None:
        if self.grantwire_client.written_elsewhere:
            # Someone else's API: its own plain metadata, none of our release files.
            for name in ("pyproject.toml", "README.md"):
                text = self.env.get_template(f"document/{name}.jinja").render()
                (self.project_dir / name).write_text(text, encoding="utf-8")
            gitignore = self.env.get_template(".gitignore.jinja").render()
            (self.project_dir / ".gitignore").write_text(gitignore, encoding="utf-8")
            return
        super()._build_metadata()
        # Each client's hand-written changelog (lib/CHANGELOG.md) ships with it, in its sdist's root.
        if self.hand_owned.changelog is not None:
            (self.project_dir / "CHANGELOG.md").write_text(self.hand_owned.changelog, encoding="utf-8")
        # The repository's licence, in every distribution (PEP 639 license-files).
        (self.project_dir / "LICENSE").write_text(LICENSE_FILE.read_text(encoding="utf-8"), encoding="utf-8")

    def _build_models(self) -> None:
        super()._build_models()
        template = self.env.get_template("union_module.py.jinja")
        for union in self.union_modules:
            path = self.package_dir / "models" / f"{union.module_name}.py"
            path.write_text(template.render(union=union), encoding="utf-8")

    def _build_api(self) -> None:
        super()._build_api()
        # Each hand-owned module keeps the public path users import (grantwire_ringcentral.tokens).
        alias = self.env.get_template("lib_alias.py.jinja")
        for module in self.hand_owned.modules:
            (self.package_dir / f"{module}.py").write_text(alias.render(module=module), encoding="utf-8")
        if self.hand_owned.front_door_class is not None:
            cli = self.env.get_template("cli.py.jinja").render(front_door_class=self.hand_owned.front_door_class)
            (self.package_dir / "cli.py").write_text(cli, encoding="utf-8")
        facts = self.env.get_template("package_facts.py.jinja").render()
        (self.package_dir / "_package.py").write_text(facts, encoding="utf-8")


def field_label(name: UntrustedString | str) -> str:
    """The wire name a FieldError reports: a union member's generated name (``error_type_0``) is
    reported as the field it belongs to (``error``)."""
    raw = document_text(name)
    return re.sub(r"_type_\d+$", "", raw)


# Names the generated modules import (`Response` from types, `Client`, typing's `Any`, …): a schema
# whose class would take one of them (OpenAI's `Response`) is given a `Model` suffix instead, or its
# class would shadow the import in every module that uses both.
RESERVED_CLASS_NAMES = {
    # pydantic validates class_name as a str at run time, whatever upstream's annotation says.
    name: ClassOverride(class_name=f"{name}Model", module_name=f"{strings.snake_case(name)}_model")  # type: ignore[arg-type]
    for name in (
        "Any",
        "AuthenticatedClient",
        "BinaryIO",
        "CallOptions",
        "ClassVar",
        "Client",
        "FieldError",
        "File",
        "Generator",
        "HTTPStatus",
        "Mapping",
        "Response",
        "RetryPolicy",
        "Rule",
        "TextIO",
        "Timeouts",
        "TypeVar",
        "UnexpectedStatus",
        "Unset",
    )
}


@dataclass(frozen=True)
class Rendering:
    """What rendering one document found: its unions and what upstream could not generate."""

    unions: UnionReport
    union_modules: tuple[UnionModule, ...]
    upstream_skips: tuple[str, ...]  # each a one-line description of what upstream left out
    merge_warnings: tuple[str, ...] = ()  # allOf conflicts settled by the later part (generator.allof)


def render_client(
    client: ClientEntry,
    document: dict[str, Any],
    destination: Path,
    *,
    try_each: Collection[str] = (),
    written_elsewhere: bool = False,
    user_config: ConfigFile | None = None,
    strict: bool = False,
) -> Rendering:
    """Write the client's package tree (project metadata and package) into ``destination``.

    ``destination`` must not exist yet. Formatting and headers are the post-processor's job.
    ``try_each`` names the discriminated unions (by JSON pointer) the discriminator alone cannot
    decide that may be parsed by trying members (``generator.discriminators``). Our own clients
    must be whole: what upstream cannot generate (an endpoint or schema it skips, an ``allOf`` it
    cannot merge) fails the run. A document ``written_elsewhere`` is generated as far as upstream
    goes, an ``allOf`` conflict takes the later part (``generator.allof``), and both are reported.
    ``user_config`` is upstream's config file as the user wrote it (``generator.user_config``).
    A union that cannot be dispatched safely falls back to try-each parsing in a document written
    elsewhere (each listed in ``Rendering.unions.fallbacks``), unless ``strict``; our own clients
    are always strict.
    """
    strict = strict or not written_elsewhere
    config = Config.from_sources(
        _config_file(client, user_config),
        MetaType.UV,
        document_source=client.spec,
        file_encoding="utf-8",
        overwrite=False,
        output_path=destination,
    )
    unions = _prepare(document, try_each, strict=strict)
    builder = UnionBuilder(unions.unions, config, strict=strict)
    merge_warnings: list[str] = []
    with contextlib.ExitStack() as patches:
        patches.enter_context(builder.installed())
        patches.enter_context(readable_untrusted_strings())
        if not strict:
            patches.enter_context(later_part_wins(merge_warnings))
        patches.enter_context(distinct_enum_names())
        patches.enter_context(shallow_endpoint_copies())
        try:
            openapi = GeneratorData.from_dict(document, config=config)
        except ValueError as error:
            # Upstream raises (rather than reports) for a few documents, e.g. an enum listing a value twice.
            raise GeneratorFailure(f"spec {client.spec_label}: {error}") from None
    if isinstance(openapi, GeneratorError):
        raise GeneratorFailure(f"spec {client.spec_label}: {_describe(openapi)}")
    _apply_security(openapi, document)
    _order_path_parameters(openapi)
    _import_field_helpers(openapi)
    open_response_enums(openapi)
    union_modules, dropped = drop_dangling(openapi, finish_unions(openapi, builder))
    unions.unions[:] = [union for union in unions.unions if union.pointer not in builder.fallbacks]
    for fallback in builder.fallbacks.values():
        unions.fallbacks.append(fallback)
        unions.tried_each.append(fallback.pointer)
        unions.warnings.append(
            f"{fallback.pointer}: {fallback.reason}; parsed by trying each member, as upstream does (--strict refuses)"
        )

    hand_owned = read_hand_owned(client)
    project = GrantwireProject(
        openapi=openapi,
        config=config,
        custom_template_path=OVERRIDES_DIR,
        client=client,
        union_modules=union_modules,
        hand_owned=hand_owned,
        context=_template_context(client, openapi, SchemaIndex(document), hand_owned, union_modules),
    )
    # Upstream prints progress to stdout; the CLI reports on its own terms.
    with contextlib.redirect_stdout(io.StringIO()):
        problems = project.build()
    skips = [_describe(problem) for problem in problems] + dropped
    if skips and strict:
        raise GeneratorFailure(f"spec {client.spec_label} cannot be generated faithfully: {'; '.join(skips)}")
    return Rendering(unions, tuple(union_modules), tuple(skips), tuple(merge_warnings))


def _template_context(
    client: ClientEntry,
    openapi: GeneratorData,
    index: SchemaIndex,
    hand_owned: HandOwned,
    union_modules: Sequence[UnionModule],
) -> TemplateContext:
    """What our templates read, from the parsed document, its schemas and the client's own files."""
    document = index.document
    info = document.get("info") or {}
    return TemplateContext(
        client=client,
        core_requirement=client.core_requirement,
        api_version=str(info["version"]),
        servers=tuple(str(server["url"]) for server in document.get("servers") or ()) or ("/",),
        contact_url=str((info.get("contact") or {}).get("url", "")),
        secret_fields=secret_fields(openapi, index),
        request_rules=request_rules(openapi, index),
        single_use_classes=single_use_classes(openapi, index),
        # RFC 6749 §5.1 makes a token type case-insensitive (RingCentral documents `bearer`, most send `Bearer`).
        case_insensitive_fields=index.flagged_properties("x-grantwire-case-insensitive"),
        constant_enums=index.flagged_components("x-grantwire-constants"),
        package_modules=(*hand_owned.modules, *(("cli",) if hand_owned.front_door_class else ())),
        front_door_exports=hand_owned.front_door_exports,
        readme_intro=hand_owned.readme_intro,
        union_imports=tuple(
            f"from .{u.module_name} import {u.class_name}, {u.values_constant}, {u.parse_function}"
            for u in union_modules
        ),
        union_exports=tuple(
            name for u in union_modules for name in (u.class_name, u.values_constant, u.parse_function)
        ),
        union_class_names=tuple(u.class_name for u in union_modules),
    )


def _config_file(client: ClientEntry, user_config: ConfigFile | None) -> ConfigFile:
    """Upstream's config: the user's keys, with the client's names, our reserved class names
    (the user's overrides win) and no post hooks (we format once ourselves, with the pinned ruff)."""
    user = user_config or ConfigFile()
    return user.model_copy(
        update={
            "class_overrides": {**RESERVED_CLASS_NAMES, **(user.class_overrides or {})},
            "project_name_override": client.distribution,
            "package_name_override": client.package,
            "package_version_override": user.package_version_override or client.version,
            "post_hooks": [],
        }
    )


def _prepare(document: dict[str, Any], try_each: Collection[str], *, strict: bool) -> UnionReport:
    """Rewrite ``document`` in place into what upstream parses faithfully, and decide its unions.

    Each step leaves a document that does not need it unchanged: a recursive or dynamic reference
    to its own component becomes a ``$ref``, a ``type: null`` member of a discriminated union moves
    outside it, ``allOf`` parts that only annotate a reference are
    folded, an ``allOf`` of a union becomes a union of ``allOf``s, clashing titles become keys, and
    each discriminated union is tagged with its pointer for ``UnionBuilder``.
    """
    resolve_recursive_refs(document)
    split_null_members(document)
    fold_annotation_parts(document)
    distributed = distribute_allof_unions(document)
    distinct_titles(document)
    unions = read_unions(document, try_each, strict=strict)
    unions.warnings[:0] = distributed
    tag_unions(document, unions.unions)
    return unions


def _apply_security(openapi: GeneratorData, document: dict[str, Any]) -> None:
    needs_auth = operations_requiring_auth(document)
    for collection in openapi.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            key = (path_shape(document_text(endpoint.path)), endpoint.method.lower())
            if key not in needs_auth:
                raise GeneratorFailure(f"operation {endpoint.method.upper()} {key[0]} was not found in the spec")
            endpoint.requires_security = needs_auth[key]


def _order_path_parameters(openapi: GeneratorData) -> None:
    # Upstream writes path parameters positionally in path order, defaults included, so a document
    # that gives one a default (RingCentral's accountId "~") before one without gets a function
    # Python cannot parse. Those with a default go last, each group keeping its path order.
    for collection in openapi.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            endpoint.path_parameters.sort(key=lambda parameter: parameter.default is not None)


# Two statements: one would pass ruff's line length and come out wrapped, then stay wrapped after
# the unused names are removed.
_FIELD_HELPERS = (
    "from grantwire_core.errors import FieldError, ParseError",
    "from grantwire_core.runtime.fields import enum_field, enum_value, expect_bool, expect_float, expect_int, "
    "expect_list, "
    "expect_str, parse_datetime",
    # A list of models in a response body locates a bad item the way a model's list field does.
    "from grantwire_core.runtime.model_errors import nested_error",
)


def _import_field_helpers(openapi: GeneratorData) -> None:
    # Our property templates construct through grantwire_core.runtime.fields (enum_field, expect_str, …). Every
    # module gets the import and ruff's unused-import fix (F401, in the generated pyproject) removes it
    # where nothing uses it, which is simpler and safer than predicting every place an enum is parsed.
    for model in openapi.models:
        if model.relative_imports is not None:
            model.relative_imports.update(_FIELD_HELPERS)
    for collection in openapi.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            endpoint.relative_imports.update(_FIELD_HELPERS)


def _describe(error: GeneratorError) -> str:
    parts = [error.header or "", error.detail or ""]
    return " - ".join(" ".join(part.split()) for part in parts if part)
