"""Generate the functional specs once per session into a temporary folder and import them."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.manifest import ClientEntry, load_manifest
from generator.pipeline import build_client

HERE = Path(__file__).resolve().parent


def functional_client(name: str) -> ClientEntry:
    return ClientEntry(
        name=name,
        spec=HERE / f"{name}.yaml",
        spec_label=f"tests/functional/{name}.yaml",
        distribution=f"functional-{name}",
        package=f"functional_{name}",
        version="0.0.0",
        core=load_manifest().clients[0].core,
    )


@pytest.fixture(scope="session")
def grants_tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tree = tmp_path_factory.mktemp("functional") / "functional-grants"
    build_client(functional_client("grants"), tree)
    return tree


@pytest.fixture(scope="session")
def grants(grants_tree: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(grants_tree))
    try:
        yield importlib.import_module("functional_grants")
    finally:
        sys.path.remove(str(grants_tree))
