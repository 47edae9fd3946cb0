"""generator.upstream: every piece of openapi-python-client this project replaces, copies or subclasses
is listed with its hash at the pinned version, so a version bump that changes one fails here, naming
it, and whoever bumps the pin re-reads the code that stands in for it."""

from __future__ import annotations

import ast
import hashlib
import importlib
import inspect
from pathlib import Path

import openapi_python_client
import pytest
from openapi_python_client.schema.untrusted_string import UntrustedString

from generator.upstream import (
    REPLACED,
    REPLACED_SHA256,
    REPLACED_TEMPLATES,
    document_text,
    readable_untrusted_strings,
)

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
UPSTREAM_TEMPLATES = Path(openapi_python_client.__file__).parent / "templates"


def source_sha256(name: str) -> str:
    """SHA-256 of ``inspect.getsource`` of ``module:Qualified.name`` (the first 16 hex digits)."""
    module_name, _, qualified = name.partition(":")
    target: object = importlib.import_module(module_name)
    for part in qualified.split("."):
        target = inspect.getattr_static(target, part)
        target = getattr(target, "__func__", target)  # a classmethod or staticmethod
    return hashlib.sha256(inspect.getsource(target).encode()).hexdigest()[:16]  # type: ignore[arg-type]


def overridden_templates() -> list[str]:
    return sorted(
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*.jinja")
        if (UPSTREAM_TEMPLATES / path.relative_to(OVERRIDES)).is_file()
    )


@pytest.mark.parametrize("name", sorted(REPLACED))
def test_each_replaced_upstream_source_is_as_pinned(name: str) -> None:
    assert source_sha256(name) == REPLACED_SHA256.get(name), (
        f"openapi-python-client's {name} changed (or is new here): re-read what stands in for it "
        f"({REPLACED[name]}), then record its new hash in generator.upstream.REPLACED_SHA256"
    )


def test_every_hash_names_a_listed_source() -> None:
    assert set(REPLACED_SHA256) == set(REPLACED)


@pytest.mark.parametrize("name", overridden_templates())
def test_each_overridden_upstream_template_is_as_pinned(name: str) -> None:
    digest = hashlib.sha256((UPSTREAM_TEMPLATES / name).read_bytes()).hexdigest()[:16]
    assert digest == REPLACED_TEMPLATES.get(name), (
        f"upstream's templates/{name} changed (or is newly overridden): diff it against overrides/{name}, "
        "then record its hash in generator.upstream.REPLACED_TEMPLATES"
    )


def test_every_template_hash_names_an_override() -> None:
    assert set(REPLACED_TEMPLATES) == set(overridden_templates())


def test_document_text_unwraps_and_readable_strings_restore_upstreams_format() -> None:
    assert document_text(UntrustedString("a'b")) == "a'b"
    assert document_text("plain") == "plain"
    assert "__format__" not in UntrustedString.__dict__  # what readable_untrusted_strings relies on
    code = UntrustedString('20"0')
    with readable_untrusted_strings():
        assert f"status {code}" == 'status "20\\"0"'
    assert "__format__" not in UntrustedString.__dict__


GENERATOR = Path(__file__).resolve().parents[2] / "generator"


def upstream_reaches(path: Path) -> list[str]:
    """What a module does to openapi-python-client that only generator.upstream may: unwrap an
    UntrustedString itself, import a private name, or assign to an attribute of an upstream name."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    upstream_names: set[str] = set()
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("openapi_python_client"):
            for alias in node.names:
                upstream_names.add(alias.asname or alias.name)
                if alias.name.startswith("_"):
                    found.append(f"{path.name}:{node.lineno} imports {node.module}.{alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr == "get_untrusted_value":
            found.append(f"{path.name}:{node.lineno} unwraps an UntrustedString (use document_text)")
    for node in ast.walk(tree):
        if not isinstance(node, ast.Assign):
            continue
        for target in node.targets:
            if not isinstance(target, ast.Attribute) or not isinstance(target.value, ast.Name):
                continue
            if target.value.id in upstream_names:
                found.append(f"{path.name}:{node.lineno} assigns {target.value.id}.{target.attr}")
    return found


def test_no_module_but_upstream_reaches_into_openapi_python_client() -> None:
    modules = sorted(path for path in GENERATOR.glob("*.py") if path.name != "upstream.py")
    assert modules
    assert [reach for path in modules for reach in upstream_reaches(path)] == []


def test_the_reach_check_sees_each_kind_of_reach(tmp_path: Path) -> None:
    module = tmp_path / "leaky.py"
    module.write_text(
        "from openapi_python_client.parser.properties.union import UnionProperty, _private\n"
        "UnionProperty.build = None\n"
        "name = value.get_untrusted_value()\n",
        encoding="utf-8",
    )
    assert upstream_reaches(module) == [
        "leaky.py:1 imports openapi_python_client.parser.properties.union._private",
        "leaky.py:3 unwraps an UntrustedString (use document_text)",
        "leaky.py:2 assigns UnionProperty.build",
    ]
