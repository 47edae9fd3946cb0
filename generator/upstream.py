"""Every place the generator replaces a piece of openapi-python-client's internals (pinned 0.29.1).

Upstream's public surface is its command line and config file; what this project needs beyond that
(dispatch tables, distinct enum names, readable warnings, the later allOf part) replaces private
pieces while a document is parsed. Every such replacement is made here, and ``REPLACED`` names each
upstream source this project replaces, copies or subclasses, with its hash at the pinned version:
``tests/generator/test_upstream.py`` fails when one changes on a version bump, naming it, so whoever
bumps the pin re-reads the code that stands in for it. Upstream templates that ``overrides/``
replaces by name are listed the same way (``REPLACED_TEMPLATES``).

Reading a document's own strings (``UntrustedString``) goes through ``document_text``: they are for
comparisons and messages, never printed into code unescaped.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from openapi_python_client import strings
from openapi_python_client.parser import openapi as openapi_module
from openapi_python_client.parser.errors import PropertyError
from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties import merge_properties as merging
from openapi_python_client.parser.properties.enum_property import EnumProperty, ValueType
from openapi_python_client.parser.properties.property import Property
from openapi_python_client.parser.properties.schemas import Class
from openapi_python_client.parser.properties.union import UnionProperty
from openapi_python_client.parser.responses import Responses
from openapi_python_client.schema.untrusted_string import UntrustedString

#: Upstream source (``module:qualified name``) replaced, copied or subclassed, and where; the test
#: compares the SHA-256 of ``inspect.getsource`` with ``REPLACED_SHA256``.
REPLACED: dict[str, str] = {
    "openapi_python_client.parser.properties.union:UnionProperty.build": (
        "copied and extended by generator.unions.UnionBuilder.build, installed by replaced_union_build"
    ),
    "openapi_python_client.parser.properties.union:UnionProperty": (
        "subclassed by generator.unions.DiscriminatedUnionProperty"
    ),
    "openapi_python_client.parser.properties.merge_properties:merge_properties": (
        "wrapped by generator.allof.later_part_wins, installed by replaced_merge_properties"
    ),
    "openapi_python_client.parser.properties.enum_property:EnumProperty.values_from_list": (
        "replaced by enum_member_names"
    ),
    "openapi_python_client.parser.properties.enum_property:EnumProperty": (
        "subclassed by generator.open_enums.OpenEnumProperty; LiteralEnumProperty built by generator.unions"
    ),
    "openapi_python_client.schema.untrusted_string:UntrustedString": (
        "unwrapped by document_text; formatted by readable_untrusted_strings"
    ),
    "openapi_python_client.parser.openapi:Endpoint": "copied field by field by endpoint_copy",
    "openapi_python_client.parser.openapi:Endpoint._add_responses": "deepcopy: endpoint_copy",
    "openapi_python_client.parser.openapi:Endpoint.add_parameters": "deepcopy: endpoint_copy",
    "openapi_python_client.parser.openapi:Endpoint.sort_parameters": "deepcopy: endpoint_copy",
    "openapi_python_client.parser.responses:Responses": "copied by endpoint_copy",
    "openapi_python_client:Project.__init__": "subclassed by generator.render.GrantwireProject (paths, loader)",
    "openapi_python_client:Project.build": "generator.render.GrantwireProject.build (plain template globals)",
    "openapi_python_client:Project._build_metadata": "generator.render.GrantwireProject._build_metadata",
    "openapi_python_client:Project._build_models": "generator.render.GrantwireProject._build_models",
    "openapi_python_client:Project._build_api": "generator.render.GrantwireProject._build_api",
}

#: SHA-256 (its first 16 hex digits) of each ``REPLACED`` source at the pinned version.
REPLACED_SHA256: dict[str, str] = {
    "openapi_python_client.parser.openapi:Endpoint": "eeeded96d4361499",
    "openapi_python_client.parser.openapi:Endpoint._add_responses": "d095690dd12e6e6c",
    "openapi_python_client.parser.openapi:Endpoint.add_parameters": "ad1c2af7c260d46f",
    "openapi_python_client.parser.openapi:Endpoint.sort_parameters": "ab99ee2e0d62f161",
    "openapi_python_client.parser.responses:Responses": "36e6661754af834c",
    "openapi_python_client.parser.properties.enum_property:EnumProperty": "927857ae890c7f02",
    "openapi_python_client.parser.properties.enum_property:EnumProperty.values_from_list": "72e54264808a63c6",
    "openapi_python_client.parser.properties.merge_properties:merge_properties": "9777a42e40cce93a",
    "openapi_python_client.parser.properties.union:UnionProperty": "b341c752050b8a39",
    "openapi_python_client.parser.properties.union:UnionProperty.build": "2bcdc5f64a2f94a2",
    "openapi_python_client.schema.untrusted_string:UntrustedString": "e53aa945a0376552",
    "openapi_python_client:Project.__init__": "f61ba780d0ae2a68",
    "openapi_python_client:Project._build_api": "ef5538132989dad8",
    "openapi_python_client:Project._build_metadata": "7f53896bd994b43e",
    "openapi_python_client:Project._build_models": "5e62f8ce22ec8697",
    "openapi_python_client:Project.build": "b71eb2210fb01cc2",
}

#: SHA-256 (first 16 hex digits) of each upstream template (``openapi_python_client/templates/``) that a file of
#: ``overrides/`` replaces by the same name, at the pinned version.
REPLACED_TEMPLATES: dict[str, str] = {
    "README.md.jinja": "db57918c4d3b23d2",
    "client.py.jinja": "4eac65762f21014a",
    "endpoint_init.py.jinja": "c1837a037fdbbd85",
    "endpoint_module.py.jinja": "c1b2628053eb4875",
    "errors.py.jinja": "b6ba7ea79aa7d7f2",
    "model.py.jinja": "fd1c79680d51c06c",
    "models_init.py.jinja": "4f64a3d6e1b15a56",
    "package_init.py.jinja": "ac15907e32dc39bd",
    "property_templates/any_property.py.jinja": "1f5f9a325f4cc6cf",
    "property_templates/boolean_property.py.jinja": "df1821adba927948",
    "property_templates/const_property.py.jinja": "d296884c11f3aafa",
    "property_templates/datetime_property.py.jinja": "c789d11d8ea26cb5",
    "property_templates/enum_property.py.jinja": "28f1074bdd5f0d7e",
    "property_templates/float_property.py.jinja": "bcc65b46da262043",
    "property_templates/int_property.py.jinja": "bcc65b46da262043",
    "property_templates/list_property.py.jinja": "4390b5f673fdb10d",
    "property_templates/literal_enum_property.py.jinja": "1b3096b7187246cf",
    "property_templates/union_property.py.jinja": "03790f2710deaeb2",
    "pyproject.toml.jinja": "ac1685ab4a2a9467",
    "str_enum.py.jinja": "e4979a5e6b338351",
    "types.py.jinja": "93df9d75883a4eaf",
}


def document_text(value: UntrustedString | str) -> str:
    """A string of the document as written (a property name, a path, a reference), to compare or to
    put in a message; never printed into generated code without escaping."""
    return value.get_untrusted_value() if isinstance(value, UntrustedString) else str(value)


@contextmanager
def replaced_union_build(build: Callable[..., Any]) -> Iterator[None]:
    """Upstream's ``UnionProperty.build`` calls ``build(**arguments)`` while the block runs (upstream
    calls the classmethod from inside its property parser, which offers no hook)."""
    original = UnionProperty.__dict__["build"]
    UnionProperty.build = classmethod(lambda cls, **kwargs: build(**kwargs))  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        UnionProperty.build = original  # type: ignore[method-assign]


#: Upstream's ``merge_properties(prop1, prop2)``.
MergeProperties = Callable[[Property, Property], Property | PropertyError]


@contextmanager
def replaced_merge_properties(
    merge: Callable[[MergeProperties, Property, Property], Property | PropertyError],
) -> Iterator[None]:
    """Upstream's ``merge_properties`` is ``merge(upstream_merge, prop1, prop2)`` while the block runs
    (upstream imports the function into the module where it merges an ``allOf``)."""
    original = merging.merge_properties
    merging.merge_properties = lambda prop1, prop2: merge(original, prop1, prop2)
    try:
        yield
    finally:
        merging.merge_properties = original


@contextmanager
def readable_untrusted_strings() -> Iterator[None]:
    """Upstream formats document strings (a response's status code) into its warnings with
    f-strings, which print ``<UntrustedString object at 0x…>``; while the block runs (parsing, not
    rendering: templates never format with ``format``) they print as a JSON string instead.

    JSON quoting keeps the value inert wherever it lands, which is why upstream wraps it at all.
    """
    # Upstream defines no __format__ of its own (a test checks), so removing ours restores object's.
    UntrustedString.__format__ = _as_json  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        del UntrustedString.__format__


def _as_json(self: UntrustedString, spec: str) -> str:
    return json.dumps(self.get_untrusted_value())


@contextmanager
def distinct_enum_names() -> Iterator[None]:
    """Upstream's ``EnumProperty.values_from_list`` is ``enum_member_names`` while the block runs."""
    original = EnumProperty.__dict__["values_from_list"]
    EnumProperty.values_from_list = staticmethod(enum_member_names)  # type: ignore[method-assign]
    try:
        yield
    finally:
        EnumProperty.values_from_list = original  # type: ignore[method-assign]


def enum_member_names(values: Sequence[str | int], class_info: Class, var_names: Sequence[str]) -> dict[str, ValueType]:
    """Member name → value for an enum class, every name a distinct Python identifier.

    Upstream's ``values_from_list`` (0.29.1) names members as here, but compares each new name
    with the others before it sanitizes it: values that differ only by case (``a``, ``A``) stop
    generation with a traceback, and values that differ only by punctuation (``a.b``, ``a b``)
    silently overwrite each other, so the enum loses a value and a default may name a member that
    no longer means it. Here a name already taken gets the value's position as a suffix
    (``A``, ``A_1``), so every value keeps a member and every default or const names it. A value
    listed twice is still the document's error (upstream's message, which suggests literal_enums).
    """
    output: dict[str, ValueType] = {}
    seen: set[str | int] = set()
    use_var_names = len(var_names) == len(values)
    for index, value in enumerate(values):
        if value in seen:
            raise ValueError(
                f"Duplicate key {_base_name(value, index, var_names, use_var_names)} in enum "
                f"{class_info.module_name}.{class_info.name}; consider setting literal_enums in your config"
            )
        seen.add(value)
        name = _base_name(value, index, var_names, use_var_names)
        candidate = name
        while candidate in output:
            candidate = f"{name}_{index}" if candidate == name else f"{candidate}_"
        output[candidate] = value if isinstance(value, int) else strings.in_double_quote_literal(value)
    return output


def _base_name(value: str | int, index: int, var_names: Sequence[str], use_var_names: bool) -> str:
    if use_var_names:
        name = strings.snake_case(var_names[index]).upper()
    elif isinstance(value, int):
        name = f"VALUE_NEGATIVE_{-value}" if value < 0 else f"VALUE_{value}"
    elif value and value[0].isalpha():
        name = strings.snake_case(value.upper()).upper()
    else:
        name = f"VALUE_{index}"
    # A value of letters snake_case drops (non-ASCII) or that starts with a digit once sanitized.
    return name if name.isidentifier() and not name[0].isdigit() and name.isascii() else f"VALUE_{index}"


@contextmanager
def shallow_endpoint_copies() -> Iterator[None]:
    """Upstream's endpoint parsing copies the endpoint with ``deepcopy`` at each step (adding
    parameters, responses, sorting path parameters); while the block runs it copies only what those
    steps change (``endpoint_copy``).

    A deep copy also copies every model the endpoint's parameters and responses reach, and in a
    document of thousands of models (OpenAI's) that was a tenth of the whole run. The steps change
    the endpoint's own lists, set and path, never a property or model in place (each is rebuilt
    with ``evolve``), so copying those is enough, and the original is dropped after each step.
    """
    original = openapi_module.deepcopy  # type: ignore[attr-defined]
    openapi_module.deepcopy = endpoint_copy  # type: ignore[attr-defined,assignment]
    try:
        yield
    finally:
        openapi_module.deepcopy = original  # type: ignore[attr-defined]


def endpoint_copy(endpoint: Endpoint) -> Endpoint:
    """A copy of ``endpoint`` whose lists, set and responses are its own (their items are shared)."""
    return dataclasses.replace(
        endpoint,
        tags=list(endpoint.tags),
        relative_imports=set(endpoint.relative_imports),
        query_parameters=list(endpoint.query_parameters),
        path_parameters=list(endpoint.path_parameters),
        header_parameters=list(endpoint.header_parameters),
        cookie_parameters=list(endpoint.cookie_parameters),
        responses=Responses(patterns=list(endpoint.responses.patterns), default=endpoint.responses.default),
        bodies=list(endpoint.bodies),
        errors=list(endpoint.errors),
    )
