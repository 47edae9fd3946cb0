"""Session-wide checks for the whole suite."""

from __future__ import annotations

import pytest

from tests.contract.prism import running_prism_processes
from tests.node_tools import ROOT


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    # Every Prism the contract tests started must be gone by now, whatever happened in between.
    survivors = running_prism_processes(ROOT)
    if survivors:
        session.config.get_terminal_writer().line(f"Prism processes survived the test run: {survivors}", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED
