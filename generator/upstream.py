"""Every place the generator reaches into openapi-python-client's internals (pinned 0.29.1).

Upstream's public surface is its command line and config file; what this project needs beyond that
(dispatch tables, readable warnings) replaces or wraps private pieces. Each reach lives here, names
the upstream source it replaces in ``REPLACED``, and ``tests/generator/test_upstream.py`` fails when
that source changes on a version bump, so whoever bumps the pin re-reads each one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

from openapi_python_client import strings
from openapi_python_client.parser.properties.enum_property import EnumProperty, ValueType
from openapi_python_client.parser.properties.schemas import Class
from openapi_python_client.schema.untrusted_string import UntrustedString

#: Upstream source (``module:qualified name``) that a reach here replaces or depends on, with the
#: SHA-256 of ``inspect.getsource`` at the pinned version.
REPLACED: dict[str, str] = {}


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
