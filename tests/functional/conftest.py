"""Generate the functional specs once per session into a temporary folder and import them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from generator.manifest import ClientEntry, load_manifest
from generator.pipeline import build_client
from tests.imported import imported

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
    with imported(grants_tree, "functional_grants") as package:
        yield package
