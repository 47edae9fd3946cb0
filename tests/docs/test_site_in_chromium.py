"""The built site (``nox -s docs`` writes site/) as a reader sees it: headless Chromium opens the
RingCentral getting-started page and the grantwire-core reference page, and each shows its headings,
its code and the navigation. Screenshots of both are saved to build/docs-screenshots/ (build
artefacts, to look at). ``nox -s docs`` runs this after the build, with Chromium required."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.readme.blocks import ROOT

SITE = ROOT / "site"
SCREENSHOTS = ROOT / "build" / "docs-screenshots"
WIDTH, HEIGHT = 1280, 1600
# No network, no first-run or background work: the pages are files, and nothing else may load.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]
REQUIRED = os.environ.get("GRANTWIRE_REQUIRE_CHROMIUM") == "1"


def _install_chromium() -> None:
    """Debian's package, as .ci/run installs it (root only)."""
    apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=apt, capture_output=True, timeout=600)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "chromium"], check=True, env=apt, capture_output=True, timeout=900
    )


@pytest.fixture(scope="module")
def chromium() -> str:
    found = shutil.which("chromium")
    if found is None and REQUIRED and os.geteuid() == 0:
        _install_chromium()
        found = shutil.which("chromium")
    if found is None:
        if REQUIRED:
            pytest.fail("Debian's chromium package is not installed (apt-get install chromium)")
        pytest.skip("no chromium on PATH: nox -s docs installs it and runs this test")
    return found


@pytest.fixture(scope="module")
def site() -> Path:
    if not (SITE / "index.html").exists():
        if REQUIRED:
            pytest.fail("site/ is not built")
        pytest.skip("site/ is not built: nox -s docs builds it and runs this test")
    return SITE


class Page(HTMLParser):
    """What a reader sees of a rendered page: headings, code, and the navigation's links."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self.code: list[str] = []
        self.nav_links: list[str] = []
        self.stylesheets: list[str] = []
        self._open: list[tuple[str, str]] = []  # (tag, what it collects)
        self._text: list[str] = []
        self._in_nav = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        if tag == "link" and attributes.get("rel") == "stylesheet":
            self.stylesheets.append(attributes.get("href") or "")
        # Inside the sidebar's tree, nested blocks are counted so that its end is found.
        if tag in ("nav", "div") and ("sidebar-tree" in classes or self._in_nav):
            self._in_nav += 1
        if tag == "a" and self._in_nav:
            self._begin(tag, "nav")
        elif tag in ("h1", "h2", "h3"):
            self._begin(tag, "heading")
        elif tag == "pre" or (tag == "dt" and "sig" in classes):
            self._begin(tag, "code")

    def _begin(self, tag: str, kind: str) -> None:
        if not self._open:
            self._text = []
        self._open.append((tag, kind))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("nav", "div") and self._in_nav:
            self._in_nav -= 1
        if self._open and self._open[-1][0] == tag:
            _, kind = self._open.pop()
            if not self._open:
                text = " ".join("".join(self._text).split()).rstrip("#").strip()
                {"heading": self.headings, "code": self.code, "nav": self.nav_links}[kind].append(text)

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text.append(data)


def _render(chromium: str, url: str, profile: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={WIDTH},{HEIGHT}", *mode, url],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def open_page(chromium: str, site: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[str, str], Page]:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def open_page(relative: str, screenshot: str) -> Page:
        url = (site / relative).as_uri()
        # A fresh profile per run: nothing of an earlier session (cache, state) is read.
        profile = tmp_path_factory.mktemp("chromium-profile")
        dumped = _render(chromium, url, profile, "--dump-dom", "--virtual-time-budget=5000")
        assert dumped.returncode == 0, dumped.stderr[-2000:]
        shot = SCREENSHOTS / screenshot
        shot.unlink(missing_ok=True)
        taken = _render(chromium, url, profile, f"--screenshot={shot}", "--virtual-time-budget=5000")
        assert taken.returncode == 0, taken.stderr[-2000:]
        assert _png_size(shot) == (WIDTH, HEIGHT)
        page = Page()
        page.feed(dumped.stdout)
        return page

    return open_page


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_getting_started_page_shows_headings_code_and_navigation(
    open_page: Callable[[str, str], Page], site: Path
) -> None:
    page = open_page("getting-started/ringcentral.html", "getting-started-ringcentral.png")

    assert page.headings[:1] == ["RingCentral"]
    assert {"Install", "Configure: from_env()", "A token in three lines", "The command line"} <= set(page.headings)
    assert any("RingCentral.from_env()" in block and "rc.token()" in block for block in page.code)
    assert any("grantwire-ringcentral token --json" in block for block in page.code)
    assert {"Docusign", "RingCentral", "useGrant", "grantwire-core", "Errors"} <= set(page.nav_links)
    # The theme's stylesheet is there: the page is styled, not bare HTML.
    assert any((site / "getting-started" / href.split("?")[0]).exists() for href in page.stylesheets)


def test_an_api_reference_page_shows_headings_signatures_and_navigation(open_page: Callable[[str, str], Page]) -> None:
    page = open_page("reference/core.html", "reference-core.png")

    assert page.headings[:1] == ["grantwire-core"]
    assert {"grantwire_core.errors", "grantwire_core.tokens", "grantwire_core.retry"} <= set(page.headings)
    signatures = " ".join(page.code)
    assert "class grantwire_core.retry.RetryPolicy" in signatures
    assert "__init__(max_retries: int = 2, backoff_initial: float = 0.5" in signatures  # its constructor
    assert {"grantwire-core", "grantwire-ringcentral", "Token stores and fleets"} <= set(page.nav_links)
