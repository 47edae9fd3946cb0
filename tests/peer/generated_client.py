"""Our stand-in for the peer's ``end_to_end_tests/generated_client.py``.

The peer's functional tests build a client through this module's three names
(``GeneratedClientContext``, ``generate_client``, ``generate_client_from_inline_spec``). Upstream's
helper invokes ``openapi-python-client generate`` in-process; this one invokes
``python -m generator.document`` in-process with the same document, config file and output folder,
and hands back what it printed and its exit code in the shape the tests read (a Click ``Result``'s
``stdout``, ``stderr``, ``output``, ``exit_code`` and ``exception``). ``tests.peer.run`` copies it
over the peer's helper in a temporary copy of the tests; nothing else is replaced.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest

from generator.document import main as generate_document_main


@dataclass
class GeneratorResult:
    """What one run of the generator printed and returned, named as the tests read a Click result."""

    stdout: str
    stderr: str
    exit_code: int
    exception: BaseException | None

    @property
    def output(self) -> str:
        """Both streams, as Click's ``Result.output`` interleaves them."""
        return self.stdout + self.stderr


@dataclass
class GeneratedClientContext:
    """The generated code's folder on ``sys.path`` while the context is open; its modules forgotten
    and the folder removed on exit (the peer's helper does the same)."""

    output_path: Path
    generator_result: GeneratorResult
    base_module: str
    monkeypatch: pytest.MonkeyPatch
    old_modules: set[str] | None = None

    def __enter__(self) -> GeneratedClientContext:
        self.monkeypatch.syspath_prepend(str(self.output_path))
        self.old_modules = set(sys.modules)
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.monkeypatch.undo()
        for name in set(sys.modules) - (self.old_modules or set()):
            del sys.modules[name]
        shutil.rmtree(self.output_path, ignore_errors=True)

    def import_module(self, module_path: str) -> Any:
        """A module of the generated package (``".models"``)."""
        return importlib.import_module(f"{self.base_module}{module_path}")

    def import_symbol(self, module_path: str, name: str) -> Any:
        """One name from a module of the generated package, or a failure listing what it has."""
        module = self.import_module(module_path)
        if not hasattr(module, name):
            existing = ", ".join(n for n in dir(module) if not n.startswith("_"))
            pytest.fail(
                f'Couldn\'t find import "{name}" in "{self.base_module}{module_path}".\n'
                f"Available imports in that module are: {existing}\n"
                f"Output from generator was: {self.generator_result.output}"
            )
        return getattr(module, name)


def run_generator(arguments: list[str]) -> GeneratorResult:
    """``python -m generator.document ARGUMENTS`` in this process, its output captured."""
    stdout, stderr = io.StringIO(), io.StringIO()
    exception: BaseException | None = None
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        try:
            code = generate_document_main(arguments)
        except SystemExit as exit_:  # argparse's usage errors
            code = exit_.code if isinstance(exit_.code, int) else 2
        except Exception as error:  # a crash is a result the tests judge, as Click's runner reports it
            code, exception = 1, error
    if code != 0 and exception is None:
        # Click's runner reports an exit as SystemExit; ours carries the error line it printed, which
        # is what a test that reads `result.exception` looks for (upstream raises with that text).
        exception = SystemExit(stderr.getvalue().strip())
    return GeneratorResult(stdout.getvalue(), stderr.getvalue(), code, exception)


def generate_client(
    openapi_document: str,
    extra_args: list[str] | None = None,
    output_path: str = "my-test-api-client",
    base_module: str = "my_test_api_client",
    specify_output_path_explicitly: bool = True,
    overwrite: bool = True,
    raise_on_error: bool = True,
) -> GeneratedClientContext:
    """Generate a client from a document (relative to the peer's folder) with the peer's config file
    unless ``extra_args`` names another, as the peer's helper does."""
    here = Path(__file__).parent
    full_output_path = Path.cwd() / output_path
    if not overwrite:
        shutil.rmtree(full_output_path, ignore_errors=True)
    arguments = [str(here / openapi_document), str(full_output_path), f"--config={here / 'config.yml'}"]
    arguments += list(extra_args or [])
    if overwrite:
        arguments.append("--overwrite")
    result = run_generator(arguments)
    if result.exit_code != 0 and raise_on_error:
        raise Exception(result.output)
    return GeneratedClientContext(full_output_path, result, base_module, pytest.MonkeyPatch())


def generate_client_from_inline_spec(
    openapi_spec: str,
    extra_args: list[str] | None = None,
    config: str = "",
    filename_suffix: str | None = None,
    base_module: str = "testapi_client",
    add_missing_sections: bool = True,
    raise_on_error: bool = True,
) -> GeneratedClientContext:
    """Generate a client from a document given as text, completed with the sections it omits (and
    with a config file written from ``config`` when given), as the peer's helper does."""
    if add_missing_sections:
        if not re.search("^openapi:", openapi_spec, re.MULTILINE):
            openapi_spec += "\nopenapi: '3.1.0'\n"
        if not re.search("^info:", openapi_spec, re.MULTILINE):
            openapi_spec += "\ninfo: {'title': 'testapi', 'description': 'my test api', 'version': '0.0.1'}\n"
        if not re.search("^paths:", openapi_spec, re.MULTILINE):
            openapi_spec += "\npaths: {}\n"
    output_path = tempfile.mkdtemp()
    with tempfile.NamedTemporaryFile(suffix=filename_suffix, delete=False) as file:
        file.write(openapi_spec.encode("utf-8"))
    arguments = list(extra_args or [])
    config_name = None
    if config:
        with tempfile.NamedTemporaryFile(delete=False) as config_file:
            config_file.write(config.encode("utf-8"))
        config_name = config_file.name
        arguments += ["--config", config_name]
    try:
        return generate_client(file.name, arguments, output_path, base_module, raise_on_error=raise_on_error)
    finally:
        os.unlink(file.name)
        if config_name is not None:
            os.unlink(config_name)
