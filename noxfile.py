"""grantwire's developer commands. ``nox -s generate`` regenerates the clients, ``nox -s tests``
runs the test suite, and a bare ``nox`` runs lint, typecheck and tests."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
CORE_DIR = ROOT / "core"
CLIENT_DIRS = sorted(path for path in (ROOT / "clients").glob("grantwire-*") if path.is_dir())
CLIENT_PACKAGES = [path.name.replace("-", "_") for path in CLIENT_DIRS]
PYTHON = "3.11"

nox.options.sessions = ["lint", "typecheck", "tests"]

# The runtime and the clients support Python 3.10 to 3.13. Interpreters are found on PATH or, as on
# this project's machines, under pyenv; their folders go first on PATH so that nox and uv find them.
SUPPORTED_PYTHONS = ("3.10", "3.11", "3.12", "3.13")


def _found_pythons() -> list[str]:
    found = []
    for version in SUPPORTED_PYTHONS:
        candidates = sorted(Path.home().glob(f".pyenv/versions/{version}.*/bin/python{version}"), reverse=True)
        on_path = shutil.which(f"python{version}")
        for candidate in [*candidates, *([Path(on_path)] if on_path else [])]:
            probe = subprocess.run([str(candidate), "--version"], capture_output=True, check=False)
            if probe.returncode == 0:
                os.environ["PATH"] = f"{candidate.parent}{os.pathsep}{os.environ['PATH']}"
                found.append(version)
                break
    return found


FOUND_PYTHONS = _found_pythons()
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "uv|virtualenv"


def install_generator(session: nox.Session) -> None:
    session.install(*PYPROJECT["project"]["dependencies"])


def install_group(session: nox.Session, group: str) -> None:
    session.install(*nox.project.dependency_groups(PYPROJECT, group))


def install_core(session: nox.Session) -> None:
    """grantwire-core from its source folder, editable: its own tests and every client run on the
    source as it is edited (the release rehearsal and the skew check install built ones)."""
    session.install("--no-deps", "--editable", str(CORE_DIR))


def install_clients(session: nox.Session, *, editable: bool = False) -> None:
    """Install every client distribution as a user would: built from its directory, not editable;
    ``editable`` for the test suite, which then runs each package's hand-written ``lib/`` where it
    is edited (the wheels are checked by the build and release sessions).

    The version stays put while a client's code changes between releases, so force the reinstall;
    their dependencies come from the session's own pins, and grantwire-core from core/.
    """
    install_core(session)
    if editable:
        session.install("--force-reinstall", "--no-deps", *[f"--editable={path}" for path in CLIENT_DIRS])
        return
    session.install("--force-reinstall", "--no-deps", *map(str, CLIENT_DIRS))


def install_node_tools(session: nox.Session) -> None:
    """Prism and Spectral, pinned by package-lock.json, into the git-ignored node_modules/.

    Reused while node_modules/ matches the lock file (npm records what it installed in
    node_modules/.package-lock.json); reinstalled with `npm ci` otherwise.
    """
    installed = ROOT / "node_modules" / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if installed.exists() and installed.stat().st_mtime >= lock.stat().st_mtime:
        session.log("node_modules/ is up to date with package-lock.json")
        return
    # --ignore-scripts: neither tool needs an install script, and none should run unasked.
    session.run("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", external=True)


def lint_specs_with(session: nox.Session) -> None:
    specs = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "specs").glob("*.yaml"))
    for spec in specs:
        session.run("openapi-spec-validator", spec)
    install_node_tools(session)
    spectral = str(ROOT / "node_modules" / ".bin" / "spectral")
    # --fail-severity=warn: a warning from the OpenAPI rules fails the lint too.
    session.run(spectral, "lint", "--ruleset", "specs/lint/ruleset.yaml", "--fail-severity=warn", *specs, external=True)


@nox.session(python=PYTHON)
def generate(session: nox.Session) -> None:
    """Regenerate clients/ from specs/ (all clients, or those named after --)."""
    install_generator(session)
    session.run("python", "-m", "generator", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff lint and format check of hand-written and generated code; actionlint over every workflow."""
    install_group(session, "lint")
    install_group(session, "lint-specs")
    lint_specs_with(session)
    # Every file in .github/workflows/; shellcheck (from the same group, on the session's PATH)
    # checks their run: scripts.
    session.run("actionlint", "-oneline")
    session.run("ruff", "check", *(session.posargs or ["."]))
    session.run("ruff", "format", "--check", ".")
    for client_dir in CLIENT_DIRS:
        # Each package is checked against the ruff settings in its own pyproject.toml.
        with session.chdir(client_dir):
            session.run("ruff", "check", "--no-cache", ".")
            session.run("ruff", "format", "--no-cache", "--check", ".")


@nox.session(python=PYTHON, name="lint-specs")
def lint_specs(session: nox.Session) -> None:
    """openapi-spec-validator and Spectral (OpenAPI rules plus ours, specs/lint/) over every spec."""
    install_group(session, "lint-specs")
    lint_specs_with(session)


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy --strict over grantwire-core, the generator, the release tooling, the tests and every
    generated package."""
    install_generator(session)
    install_group(session, "typecheck")
    install_group(session, "release")
    install_group(session, "test")
    install_clients(session)
    session.run("mypy", "core/grantwire_core", "generator", "release", "tests", "noxfile.py", *session.posargs)
    # The client packages where they sit in clients/ (MYPYPATH goes before the installed copies), so
    # each one's hand-written lib/ is checked as it is edited.
    session.run(
        "mypy",
        *[argument for package in CLIENT_PACKAGES for argument in ("-p", package)],
        env={"MYPYPATH": os.pathsep.join(map(str, CLIENT_DIRS))},
    )
    # Every Python block of the READMEs, as a module of its own (tests/readme runs them).
    blocks = Path(session.create_tmp()) / "readme-blocks"
    session.run("python", "-m", "tests.readme.blocks", str(blocks), silent=True)
    session.run("mypy", "--strict", str(blocks))


def run_pytest(session: nox.Session, *args: str) -> None:
    install_generator(session)
    install_group(session, "test")
    install_clients(session, editable=True)
    install_node_tools(session)
    # Here Prism and Spectral are installed, so a test that cannot find them fails, not skips.
    session.run("pytest", *args, env={"GRANTWIRE_REQUIRE_NODE_TOOLS": "1"})


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """pytest: generator, clients over httpx.MockTransport, Prism contract tests, the oracle."""
    run_pytest(session, *session.posargs)


# The suites that exercise the runtime over the network and through its transports.
LIBRARY_SUITES = ("tests/core", "tests/clients", "tests/runtime", "tests/tokens", "tests/faults")
# Those runs check compatibility; `nox -s tests` draws the full 1,000 examples per property test.
COMPATIBILITY_RUN = {"GRANTWIRE_PROPERTY_EXAMPLES": "200"}
HTTP_LIBRARIES = {"httpx2": ("httpx2", "httpcore2"), "httpx": ("httpx", "httpcore")}


@nox.session(python=PYTHON)
@nox.parametrize("library", list(HTTP_LIBRARIES))
def libraries(session: nox.Session, library: str) -> None:
    """The core, client, runtime, token and fault suites in an environment with only one HTTP
    library: httpx2 (what a new install gets) or httpx 0.28 (the fallback)."""
    install_group(session, "test")
    install_clients(session)
    others = [package for name, packages in HTTP_LIBRARIES.items() if name != library for package in packages]
    session.run("uv", "pip", "uninstall", "--python", str(Path(session.bin) / "python"), *others, external=True)
    session.run("python", "-c", f"import grantwire_core._internal.http as h; assert h.NAME == {library!r}, h.NAME")
    session.run("pytest", *LIBRARY_SUITES, *session.posargs, env=COMPATIBILITY_RUN)


@nox.session(python=FOUND_PYTHONS)
def interpreters(session: nox.Session) -> None:
    """The core, client, runtime, token and fault suites on each supported Python found here
    (``nox -s interpreters-3.10``; CI runs the oldest and the newest)."""
    install_group(session, "test")
    install_clients(session)
    session.run("pytest", *LIBRARY_SUITES, *session.posargs, env=COMPATIBILITY_RUN)


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Property tests of every generated model at depth: 10,000 examples per model and property
    (arbitrary JSON into from_dict raises only ParseError; valid payloads round-trip)."""
    install_group(session, "test")
    install_clients(session)
    examples = {"GRANTWIRE_FUZZ_EXAMPLES": os.environ.get("GRANTWIRE_FUZZ_EXAMPLES", "10000")}
    args = ["-p", "no:cacheprovider", "--hypothesis-show-statistics", "tests/properties"]
    session.run("pytest", *args, *session.posargs, env=examples)


@nox.session(python=PYTHON)
def contract(session: nox.Session) -> None:
    """Only the contract tests: every operation, grant value and documented status against Prism."""
    run_pytest(session, "tests/contract", *session.posargs)


@nox.session(python=PYTHON, name="official-sdks")
def official_sdks(session: nox.Session) -> None:
    """Our requests against what the vendors' official Python SDKs send for the same inputs, in an
    environment of its own: the SDKs bring requests, urllib3 and old pins the others must not see."""
    install_generator(session)
    install_group(session, "test")
    install_group(session, "official-sdks")
    install_clients(session)
    session.run("pytest", "tests/official_sdks", *session.posargs)


@nox.session(python=PYTHON)
def document(session: nox.Session) -> None:
    """A client for any OpenAPI 3.0/3.1 document: nox -s document -- SPEC OUTPUT [--config FILE]
    [--overwrite] [--strict]. The generator is installed as the README tells a user to (pip install
    -e .), and runs from a folder outside the repository."""
    session.install("--editable", ".")
    # Relative paths are the caller's, so they are made absolute before the run moves elsewhere (a
    # JSON pointer after --try-each starts with "/" and stays as it is).
    arguments = [a if a.startswith(("-", "/")) else str(Path(a).resolve()) for a in session.posargs]
    with session.chdir(session.create_tmp()):
        session.run("python", "-m", "generator.document", *arguments)


@nox.session(python=PYTHON, name="real-world")
def real_world(session: nox.Session) -> None:
    """The generator on the large public documents in ../shared/real-world-specs/ (skips when they
    are absent): per document, discriminators found, dispatch tables, modules that import, ruff, and
    the time against plain openapi-python-client."""
    install_generator(session)
    install_core(session)
    # What the generated packages import besides grantwire-core.
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("python", "-m", "tests.real_world.report", *session.posargs)


@nox.session(python=PYTHON)
def peer(session: nox.Session) -> None:
    """openapi-python-client's own functional tests (../shared/peer-opc/, skips without it) against
    our generator, every failure an intended difference; its golden-record documents generate,
    import and pass ruff. Pytest arguments after -- select tests."""
    install_generator(session)
    install_core(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("python", "-m", "tests.peer", *session.posargs)


@nox.session(python=PYTHON)
def build(session: nox.Session) -> None:
    """sdist and wheel per client into dist/ (all, or those named after --), checked with twine
    and check-wheel-contents. Reproducible: the same generated code gives the same bytes."""
    install_generator(session)
    install_group(session, "release")
    session.run("python", "-m", "release", "build", *session.posargs)


@nox.session(python=PYTHON)
def publish(session: nox.Session) -> None:
    """Upload dist/ to PyPI, or to $GRANTWIRE_INDEX_URL / --index-url; refuses before uploading
    anything when clients/ is stale, a version exists, or code changed without a version bump."""
    install_generator(session)
    install_group(session, "release")
    session.run("python", "-m", "release", "publish", *session.posargs)


@nox.session(python=PYTHON, name="release-plan")
def release_plan(session: nox.Session) -> None:
    """Each distribution against its last release (its last git tag, or --index-url): the version
    its changes require and why; --json, --write-changelog (nox -s release-plan -- --json)."""
    install_generator(session)
    install_group(session, "release")
    session.run("python", "-m", "release", "plan", *session.posargs)


@nox.session(python=PYTHON, name="release-rehearsal")
def release_rehearsal(session: nox.Session) -> None:
    """Publish every client to a local pypiserver, install each from it alone in a fresh
    virtualenv and call it; a second publish must be refused."""
    install_generator(session)
    install_group(session, "release")
    session.run("python", "-m", "release", "rehearse", *session.posargs)


@nox.session(python=PYTHON)
def skew(session: nox.Session) -> None:
    """Each client's tests against the oldest grantwire-core its range allows (built from core/'s
    git history): a lower bound set too low fails here, not in a user's install."""
    install_generator(session)
    install_group(session, "release")
    install_group(session, "test")
    out_dir = session.create_tmp()
    rows = session.run("python", "-m", "release", "skew-plan", out_dir, silent=True, external=False)
    assert isinstance(rows, str)
    for line in rows.splitlines():
        client, version, wheel = line.split()
        session.log(f"{client}: grantwire-core {version}, the oldest its range allows")
        session.install("--force-reinstall", "--no-deps", wheel)
        session.install("--force-reinstall", "--no-deps", *map(str, CLIENT_DIRS))
        check = f"import grantwire_core; assert grantwire_core.__version__ == {version!r}, grantwire_core.__version__"
        session.run("python", "-c", check)
        session.run("pytest", "-p", "no:cacheprovider", f"tests/clients/test_{client}_client.py", *session.posargs)


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """The documentation site: Sphinx builds docs/ (pages and the API reference from the docstrings)
    into site/; a warning, a broken internal link or a public name without a docstring fails it.
    Then tests/docs opens the pages in headless Chromium (Debian's chromium, installed if missing)."""
    install_group(session, "docs")
    install_clients(session)
    # A fresh environment each time: an incremental build would not repeat an unchanged page's warnings.
    session.run(
        "sphinx-build", "--fresh-env", "--fail-on-warning", "--keep-going", "--nitpicky", "--quiet",
        "--builder", "html", "docs", "site", *session.posargs,
    )  # fmt: skip
    # The built pages in headless Chromium (screenshots in build/docs-screenshots/), and the pages
    # that are checked against the code.
    session.run("pytest", "tests/docs", env={"GRANTWIRE_REQUIRE_CHROMIUM": "1"})


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Benchmarks as ratios against baselines measured in the same run, each held to a target: a
    missed row fails the session; results.json and the chart go to build/bench/ (``-- --quick``:
    CI's subset; ``-- --output DIR``)."""
    install_generator(session)
    install_group(session, "test")
    install_group(session, "bench")
    install_clients(session)
    session.run("python", "-m", "tests.bench", *session.posargs)
