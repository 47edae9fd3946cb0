"""The templates read what grantwire adds through one typed object, and only what it has."""

from __future__ import annotations

import dataclasses
import re

from generator.render import OVERRIDES_DIR
from generator.template_context import GLOBAL_NAME, TemplateContext

# What upstream's environment gives our templates besides the context: each name we once set as a
# global of our own must now be read through it.
FORMER_GLOBALS = {
    "secret_fields",
    "request_rules",
    "package_modules",
    "front_door_exports",
    "readme_intro",
    "single_use_classes",
    "grantwire_client",
    "core_requirement",
    "case_insensitive_fields",
    "constant_enums",
    "api_version",
    "openapi_servers",
    "openapi_contact_url",
    "union_imports",
    "union_exports",
    "union_class_names",
}
_BLOCK = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def template_blocks() -> dict[str, list[str]]:
    return {
        path.relative_to(OVERRIDES_DIR).as_posix(): _BLOCK.findall(path.read_text(encoding="utf-8"))
        for path in sorted(OVERRIDES_DIR.rglob("*.jinja"))
    }


def test_every_fact_a_template_reads_is_a_field_of_the_context() -> None:
    fields = {field.name for field in dataclasses.fields(TemplateContext)}
    used = {
        (name, template)
        for template, blocks in template_blocks().items()
        for block in blocks
        for name in re.findall(rf"\b{GLOBAL_NAME}\.(\w+)", block)
    }
    assert used, "no template reads the context"
    assert sorted((name, template) for name, template in used if name not in fields) == []


def test_no_template_reads_a_former_global() -> None:
    found = sorted(
        (template, name)
        for template, blocks in template_blocks().items()
        for block in blocks
        for name in re.findall(r"(?<![\w.])(\w+)\b", block)
        if name in FORMER_GLOBALS
    )
    assert found == []
