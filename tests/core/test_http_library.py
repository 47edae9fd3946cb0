"""Which HTTP library grantwire_core runs on: httpx2 when installed, httpx otherwise, or the one
GRANTWIRE_HTTP names; chosen once at import, in a fresh interpreter here."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys

import pytest
from grantwire_core._internal import http

BOTH = all(importlib.util.find_spec(name) is not None for name in http.LIBRARIES)


def chosen(variable: str | None) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "GRANTWIRE_HTTP"}
    if variable is not None:
        env["GRANTWIRE_HTTP"] = variable
    code = "from grantwire_core._internal import http; print(http.NAME, http.VERSION)"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False)


def test_httpx2_is_preferred_when_installed() -> None:
    expected = "httpx2" if importlib.util.find_spec("httpx2") is not None else "httpx"
    assert chosen(None).stdout.split()[0] == expected
    assert http.NAME in http.LIBRARIES
    assert http.httpx.__name__ == http.NAME


@pytest.mark.skipif(not BOTH, reason="needs httpx2 and httpx installed side by side")
@pytest.mark.parametrize("name", ["httpx", "httpx2"])
def test_the_environment_variable_picks_a_library(name: str) -> None:
    assert chosen(name).stdout.split()[0] == name


def test_an_unknown_library_is_refused_by_name() -> None:
    result = chosen("requests")
    assert result.returncode != 0
    assert "GRANTWIRE_HTTP must be one of httpx2, httpx, got 'requests'" in result.stderr


def test_auth_objects_of_either_library_are_recognised() -> None:
    for name in http.LIBRARIES:
        if importlib.util.find_spec(name) is not None:
            module = importlib.import_module(name)
            assert http.is_auth(module.BasicAuth("id", "secret"))
            assert isinstance(http.adopt_auth(module.BasicAuth("id", "secret")), http.httpx.Auth)
    assert not http.is_auth(("id", "secret"))
    assert http.adopt_auth(("id", "secret")) == ("id", "secret")
