"""grantwire's developer commands. ``nox -s generate`` regenerates the clients, ``nox -s tests``
runs the test suite, and a bare ``nox`` runs lint, typecheck and tests."""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
CLIENT_DIRS = sorted(path for path in (ROOT / "generated").glob("grantwire-*") if path.is_dir())
CLIENT_PACKAGES = [path.name.replace("-", "_") for path in CLIENT_DIRS]
PYTHON = "3.11"

nox.options.sessions = ["lint", "typecheck", "tests"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "uv|virtualenv"


def install_generator(session: nox.Session) -> None:
    session.install(*PYPROJECT["project"]["dependencies"])


def install_group(session: nox.Session, group: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


def install_clients(session: nox.Session) -> None:
    """Install every generated distribution as a user would: built from its directory, not editable.

    The version stays put while a client's code changes between releases, so force the reinstall;
    their dependencies come from the session's own pins.
    """
    session.install("--force-reinstall", "--no-deps", *map(str, CLIENT_DIRS))


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate generated/ from specs/ (all clients, or those named after --)."""
    install_generator(session)
    session.run("python", "-m", "generator", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff lint and format check of hand-written and generated code."""
    install_group(session, "lint")
    session.run("ruff", "check", *(session.posargs or ["."]))
    session.run("ruff", "format", "--check", ".")
    for client_dir in CLIENT_DIRS:
        # Each package is checked against the ruff settings in its own pyproject.toml.
        with session.chdir(client_dir):
            session.run("ruff", "check", "--no-cache", ".")
            session.run("ruff", "format", "--no-cache", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over the generator, the tests and every generated package."""
    install_generator(session)
    install_group(session, "typecheck")
    install_group(session, "test")
    install_clients(session)
    session.run("mypy", "generator", "tests", "noxfile.py", *session.posargs)
    session.run("mypy", *[argument for package in CLIENT_PACKAGES for argument in ("-p", package)])


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """pytest: generator units, drift and determinism, and every client over httpx.MockTransport."""
    install_generator(session)
    install_group(session, "test")
    install_clients(session)
    session.run("pytest", *session.posargs)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks as ratios against baselines measured in the same run; table also in .bench/."""
    install_generator(session)
    install_group(session, "test")
    install_clients(session)
    session.run("python", "-m", "tests.bench", *session.posargs)
