"""The manifest: which clients exist, where their specs are, and their names and versions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import tomllib
from packaging.specifiers import InvalidSpecifier, SpecifierSet

from generator.errors import GeneratorFailure

MANIFEST_PATH = Path(__file__).with_name("clients.toml")
#: Where the clients are generated, relative to the repository root.
CLIENTS_FOLDER = "clients"
#: The folder inside each client's package that is written by hand and never by the generator:
#: its front door, token source and the like, with the README and CHANGELOG sources beside them.
HAND_OWNED_FOLDER = "lib"

_REQUIRED_KEYS = ("spec", "distribution", "package", "version", "core")
CORE_DISTRIBUTION = "grantwire-core"
# PEP 440 public versions in the plain form we release (no epochs or local parts).
_VERSION = re.compile(r"^\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?$")
_PACKAGE = re.compile(r"^[a-z_][a-z0-9_]*$")


@dataclass(frozen=True)
class ClientEntry:
    """One client of the manifest."""

    name: str
    spec: Path
    spec_label: str  # the spec's path as the manifest writes it, relative to the repository root
    distribution: str
    package: str
    version: str
    core: str  # the grantwire-core versions this client works with, as written (">=0.1.0,<0.2")
    #: A client for a document written elsewhere (``python -m generator.document``): none of our
    #: release metadata (licence, changelog, our URLs) and headers that name no repository command.
    written_elsewhere: bool = False
    #: The package's hand-owned folder in the repository (``clients/<distribution>/<package>/lib``),
    #: or None for a client with no hand-written code.
    lib: Path | None = None

    @property
    def hand_owned_prefix(self) -> str:
        """The relative path, inside the distribution's tree, under which every file is hand-owned."""
        return f"{self.package}/{HAND_OWNED_FOLDER}/"

    @property
    def core_range(self) -> SpecifierSet:
        return SpecifierSet(self.core)

    @property
    def core_requirement(self) -> str:
        """The dependency on the shared runtime, as the client's pyproject.toml states it."""
        return f"{CORE_DISTRIBUTION}{self.core}"


@dataclass(frozen=True)
class Manifest:
    """All clients, in manifest order, with paths resolved against the repository root."""

    root: Path
    clients: tuple[ClientEntry, ...]

    def select(self, names: Sequence[str]) -> tuple[ClientEntry, ...]:
        """The clients named (all of them when ``names`` is empty), or a clear error."""
        if not names:
            return self.clients
        known = {client.name: client for client in self.clients}
        unknown = [name for name in names if name not in known]
        if unknown:
            raise GeneratorFailure(
                f"unknown client {', '.join(map(repr, unknown))}; choose from: {', '.join(sorted(known))}"
            )
        return tuple(known[name] for name in dict.fromkeys(names))


def load_manifest(path: Path = MANIFEST_PATH, root: Path | None = None) -> Manifest:
    """Read and check the manifest; every problem is a ``GeneratorFailure`` naming the key."""
    root = root if root is not None else path.resolve().parent.parent
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GeneratorFailure(f"cannot read manifest {path}: {error.strerror}") from None
    except tomllib.TOMLDecodeError as error:
        raise GeneratorFailure(f"manifest {path} is not valid TOML: {error}") from None

    tables = data.get("clients")
    if not isinstance(tables, dict) or not tables:
        raise GeneratorFailure(f"manifest {path} has no [clients.<name>] tables")

    clients = tuple(_client_entry(name, table, root, path) for name, table in tables.items())
    _refuse_duplicates(clients, path)
    return Manifest(root=root, clients=clients)


def _client_entry(name: str, table: object, root: Path, path: Path) -> ClientEntry:
    where = f"manifest {path}, [clients.{name}]"
    if not isinstance(table, dict):
        raise GeneratorFailure(f"{where} must be a table")
    missing = [key for key in _REQUIRED_KEYS if key not in table]
    if missing:
        raise GeneratorFailure(f"{where} lacks {', '.join(missing)}")
    unknown = sorted(set(table) - set(_REQUIRED_KEYS))
    if unknown:
        raise GeneratorFailure(
            f"{where} has unknown keys {', '.join(unknown)}; valid keys: {', '.join(_REQUIRED_KEYS)}"
        )
    for key in _REQUIRED_KEYS:
        if not isinstance(table[key], str) or not table[key]:
            raise GeneratorFailure(f"{where}: {key} must be a non-empty string")
    if not _VERSION.match(table["version"]):
        raise GeneratorFailure(f"{where}: version {table['version']!r} is not a PEP 440 release version")
    if not _PACKAGE.match(table["package"]):
        raise GeneratorFailure(f"{where}: package {table['package']!r} is not a lowercase import name")
    expected_distribution = table["package"].replace("_", "-")
    if table["distribution"] != expected_distribution:
        raise GeneratorFailure(
            f"{where}: distribution {table['distribution']!r} must be the package name with dashes "
            f"({expected_distribution!r}), so that pip and import agree"
        )
    _check_core_range(table["core"], where)
    spec = root / table["spec"]
    return ClientEntry(
        name=name,
        spec=spec,
        spec_label=table["spec"],
        distribution=table["distribution"],
        package=table["package"],
        version=table["version"],
        core=table["core"],
        lib=root / CLIENTS_FOLDER / table["distribution"] / table["package"] / HAND_OWNED_FOLDER,
    )


def _check_core_range(text: str, where: str) -> None:
    try:
        specifiers = SpecifierSet(text)
    except InvalidSpecifier:
        raise GeneratorFailure(f"{where}: core {text!r} is not a version range such as '>=0.1.0,<0.2'") from None
    # A lower and an upper bound: the skew check installs the lowest version the range allows,
    # and a range open upwards would accept a core that breaks the generated code.
    operators = {spec.operator for spec in specifiers}
    if not operators & {">=", "==", "~="} or not operators & {"<", "==", "~="}:
        raise GeneratorFailure(f"{where}: core {text!r} needs a lower and an upper bound, such as '>=0.1.0,<0.2'")


def _refuse_duplicates(clients: tuple[ClientEntry, ...], path: Path) -> None:
    for attribute in ("distribution", "package"):
        seen: dict[str, str] = {}
        for client in clients:
            value = getattr(client, attribute)
            if value in seen:
                raise GeneratorFailure(
                    f"manifest {path}: clients {seen[value]!r} and {client.name!r} share {attribute} {value!r}"
                )
            seen[value] = client.name
