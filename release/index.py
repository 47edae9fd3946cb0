"""Which versions of a distribution a package index already has (PEP 503 simple API)."""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request

from release.errors import ReleaseRefused

PYPI_UPLOAD = "https://upload.pypi.org/legacy/"
PYPI_SIMPLE = "https://pypi.org/simple/"
_ANCHOR_TEXT = re.compile(r">([^<>]+)</a>", re.IGNORECASE)
_ANCHOR = re.compile(r"<a\s[^>]*href=\"([^\"]+)\"[^>]*>([^<>]+)</a>", re.IGNORECASE)


def simple_url_for(upload_url: str) -> str:
    """PyPI's simple index for its upload URL; other indexes (pypiserver, devpi) serve it at /simple/."""
    if upload_url.rstrip("/") == PYPI_UPLOAD.rstrip("/"):
        return PYPI_SIMPLE
    if upload_url.rstrip("/").endswith("/simple"):  # already the simple index
        return upload_url.rstrip("/") + "/"
    return upload_url.rstrip("/") + "/simple/"


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def existing_versions(simple_url: str, distribution: str, *, timeout: float = 30) -> set[str]:
    """Versions of ``distribution`` with a file on the index; empty if it has never been uploaded."""
    page = _project_page(simple_url, distribution, timeout)
    wanted = normalized(distribution)
    found = (_name_and_version(filename.strip()) for filename in _ANCHOR_TEXT.findall(page))
    return {version for name, version in found if name == wanted}


def file_urls(simple_url: str, distribution: str, *, timeout: float = 30) -> dict[str, str]:
    """Each file of ``distribution`` on the index by its filename, with the absolute URL to fetch it."""
    url = f"{simple_url.rstrip('/')}/{normalized(distribution)}/"
    page = _project_page(simple_url, distribution, timeout)
    return {name.strip(): urllib.parse.urljoin(url, href.split("#")[0]) for href, name in _ANCHOR.findall(page)}


def _project_page(simple_url: str, distribution: str, timeout: float) -> str:
    """The project's PEP 503 page; empty if the index has never had it."""
    url = f"{simple_url.rstrip('/')}/{normalized(distribution)}/"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return str(response.read().decode("utf-8", errors="replace"))
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return ""
        raise ReleaseRefused(f"cannot ask {url} which versions exist: HTTP {error.code}") from None
    except (urllib.error.URLError, TimeoutError) as error:
        raise ReleaseRefused(f"cannot ask {url} which versions exist: {error}") from None


def _name_and_version(filename: str) -> tuple[str, str]:
    """(normalized name, version) of a wheel or sdist filename; ("", "") for anything else."""
    if filename.endswith(".whl"):
        parts = filename.removesuffix(".whl").split("-")
        return (normalized(parts[0]), parts[1]) if len(parts) >= 5 else ("", "")
    for suffix in (".tar.gz", ".zip"):
        if filename.endswith(suffix):
            name, _, version = filename.removesuffix(suffix).rpartition("-")
            return normalized(name), version
    return "", ""
