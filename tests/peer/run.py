"""``nox -s peer``: openapi-python-client's own end-to-end tests as an oracle for our generator.

``../shared/peer-opc/end_to_end_tests/`` holds the peer's tests for the version we pin (121
functional tests; stock passes them all). They are copied unmodified into a temporary folder (pytest
writes beside what it runs), with one file replaced: the helper that generates
(``generated_client.py``) becomes ours, ``tests/peer/generated_client.py``, which runs
``python -m generator.document``. Then:

1. the functional tests run; every failure must be an intended difference listed in
   ``INTENDED_DIFFERENCES`` with its reason (each is checked by a test of its own in
   ``tests/generator``), and every listed difference must still fail (else the list is stale);
2. the documents behind the peer's golden records and its ``documents_with_errors`` are generated,
   every module of each package is imported, and ruff checks the tree.

Exits 1 on a regression, a stale entry, or a document that fails; skips (exit 0, with the reason)
when ``../shared/`` is absent.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from ruff.__main__ import find_ruff_bin

ROOT = Path(__file__).resolve().parents[2]
PEER = ROOT.parent / "shared" / "peer-opc" / "end_to_end_tests"
HELPER = Path(__file__).with_name("generated_client.py")

_EXECUTION = "generated_code_execution/"

#: Where our generator is meant to differ from stock: each reason once, with the peer's functional
#: tests it makes fail (pytest ids relative to ``functional_tests/``) and, last in the reason, the
#: test of ours that checks what we do instead.
INTENDED_DIFFERENCES: dict[str, tuple[str, ...]] = {
    "the transport: operations send through grantwire-core's transport (httpx2 or httpx, retries, deadlines), "
    "not `httpx.Client.request` on the client given to `set_httpx_client`; path parameters are percent-encoded "
    "all the same (tests/peer/test_intended_differences.py::test_path_parameters_are_percent_encoded)": tuple(
        f"{_EXECUTION}test_path_parameters.py::TestPathParameterEncoding::test_path_params_{case}"
        for case in (
            "with_normal_chars_work",
            "with_reserved_chars_are_encoded",
            "with_spaces_are_encoded",
            "with_hash_are_encoded",
        )
    ),
    "typed errors: `sync` returns the success model and an error status raises grantwire-core's typed error, "
    "so Returns names the success model only (tests/peer/test_intended_differences.py::"
    "test_sync_returns_the_success_model_and_raises_on_an_error_status)": (
        f"{_EXECUTION}test_docstrings.py::TestEndpointDocstrings::test_response_union_type",
    ),
    "bad input is an error: a value outside a literal enum is refused with a FieldError naming the field, where "
    "upstream's try-each keeps any value (tests/peer/test_intended_differences.py::"
    "test_a_value_outside_a_literal_enum_is_a_field_error)": (
        f"{_EXECUTION}test_enums_and_consts.py::TestNullableLiteralEnum::test_nullable_enum_prop",
    ),
}
_INTENDED = {test: reason for reason, tests in INTENDED_DIFFERENCES.items() for test in tests}


#: The documents upstream generates in its own end-to-end tests, each with the config it uses.
GOLDEN_DOCUMENTS: dict[str, str | None] = {
    "baseline_openapi_3.0.json": "config.yml",
    "baseline_openapi_3.1.yaml": "config.yml",
    "3.1_specific.openapi.yaml": "config.yml",
    "openapi_3.1_enums.yaml": "literal_enums.config.yml",
    "docstrings_on_attributes.yml": "docstrings_on_attributes.config.yml",
}


def main(argv: list[str] | None = None) -> int:
    """Run the oracle; returns the exit code."""
    parser = argparse.ArgumentParser(prog="python -m tests.peer", description=__doc__.splitlines()[0])
    parser.add_argument("pytest_args", nargs="*", help="extra pytest arguments (e.g. -k unions)")
    arguments = parser.parse_args(argv)
    if not PEER.is_dir():
        print(f"peer: skipped, {PEER} is absent (the peer's tests are not part of the repository)")
        return 0
    with tempfile.TemporaryDirectory(prefix="peer-") as scratch:
        copy = Path(scratch) / "end_to_end_tests"
        shutil.copytree(PEER, copy)
        shutil.copyfile(HELPER, copy / "generated_client.py")
        # The peer's own pytest settings are not in the copy; its class-scoped fixtures are instance
        # methods, which this pytest deprecates (a warning per class, not a failure).
        (Path(scratch) / "pytest.ini").write_text(
            "[pytest]\nfilterwarnings =\n    ignore::pytest.PytestRemovedIn10Warning\n", encoding="utf-8"
        )
        failures = _functional(Path(scratch), arguments.pytest_args)
        if not arguments.pytest_args:
            failures += _documents(copy, Path(scratch) / "documents")
    for failure in failures:
        print(f"FAILED: {failure}")
    return 1 if failures else 0


def _functional(scratch: Path, pytest_args: list[str]) -> list[str]:
    report = scratch / "junit.xml"
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(scratch), str(ROOT)])}
    environment["PYTHONDONTWRITEBYTECODE"] = "1"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "end_to_end_tests/functional_tests",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
            *pytest_args,
        ],
        cwd=scratch,
        env=environment,
        check=False,
    )
    outcomes = _outcomes(report)
    passed = sorted(test for test, ok in outcomes.items() if ok)
    failed = sorted(test for test, ok in outcomes.items() if not ok)
    print(f"\npeer functional tests: {len(passed)}/{len(outcomes)} pass against our generator")
    problems = [f"{test} (a regression against stock)" for test in failed if test not in _INTENDED]
    if not pytest_args:
        problems += [
            f"{test} passes now: remove it from INTENDED_DIFFERENCES" for test in _INTENDED if outcomes.get(test, False)
        ]
    for reason, tests in INTENDED_DIFFERENCES.items():
        count = sum(1 for test in tests if test in failed)
        if count:
            print(f"  intended difference ({count} of the peer's tests): {reason}")
    return problems


def _outcomes(report: Path) -> dict[str, bool]:
    """Test id (``generated_code_execution/test_x.py::Class::test``) → passed."""
    outcomes: dict[str, bool] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        module = case.get("classname", "").removeprefix("end_to_end_tests.functional_tests.")
        parts = module.split(".")
        # classname is "package.module.Class" or "package.module"; split the file from the class.
        index = next((i for i, part in enumerate(parts) if part.startswith("test_")), len(parts) - 1)
        path = "/".join(parts[: index + 1]) + ".py"
        test = "::".join([path, *parts[index + 1 :], case.get("name", "")])
        failed = any(child.tag in ("failure", "error") for child in case)
        outcomes[test] = not failed
    return outcomes


def _documents(peer: Path, out: Path) -> list[str]:
    """Each golden-record and documents_with_errors document: generates, imports, ruff clean."""
    documents = [(peer / name, peer / config if config else None) for name, config in GOLDEN_DOCUMENTS.items()]
    documents += [(path, peer / "config.yml") for path in sorted((peer / "documents_with_errors").glob("*.yaml"))]
    out.mkdir()
    problems = []
    passed = 0
    for document, config in documents:
        problem = _one_document(document, config, out / document.stem)
        if problem:
            problems.append(f"{document.relative_to(peer)}: {problem}")
        else:
            passed += 1
    print(f"peer documents: {passed}/{len(documents)} generate, import and pass ruff")
    return problems


def _one_document(document: Path, config: Path | None, out: Path) -> str | None:
    command = [sys.executable, "-m", "generator.document", str(document), str(out)]
    if config is not None:
        command.append(f"--config={config}")
    generated = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if generated.returncode != 0:
        return f"generation failed: {(generated.stderr or generated.stdout).strip()}"
    packages = [path.name for path in out.iterdir() if (path / "__init__.py").is_file()]
    if len(packages) != 1:
        return f"expected one package in the output, found {packages}"
    broken = _import_all(out, packages[0])
    if broken:
        return f"modules that do not import: {'; '.join(broken)}"
    ruff = subprocess.run(
        [find_ruff_bin(), "check", "--no-cache", "."], cwd=out, capture_output=True, text=True, check=False
    )
    if ruff.returncode != 0:
        return f"ruff check: {ruff.stdout.strip()}"
    return None


def _import_all(tree: Path, package: str) -> list[str]:
    broken = []
    sys.path.insert(0, str(tree))
    try:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            try:
                importlib.import_module(info.name)
            except Exception as error:  # every module is tried; each failure is reported
                broken.append(f"{info.name}: {type(error).__name__}: {error}")
    except Exception as error:
        broken.append(f"{package}: {type(error).__name__}: {error}")
    finally:
        sys.path.remove(str(tree))
        for name in [m for m in sys.modules if m == package or m.startswith(f"{package}.")]:
            del sys.modules[name]
    return broken
