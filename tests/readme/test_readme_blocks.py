"""Every Python block of the READMEs and of the docs/ pages runs as written, in a fresh interpreter,
with the environment variables it names set. The vendors' hosts are answered on loopback (tests/readme/site): token and
user-info endpoints by Prism mocking our specs, the vendors' other APIs (which our specs do not
describe) by a stub that answers any request with a small JSON object. ``nox -s typecheck`` runs
mypy --strict over the same blocks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.contract.conftest import PrismUrl
from tests.keys import new_rsa_key
from tests.readme.blocks import READMES, ROOT, Block, blocks

SITE = Path(__file__).resolve().parent / "site"
# The interpreter the blocks run with: this one, or a user's fresh virtualenv
# (GRANTWIRE_README_PYTHON=/path/to/venv/bin/python) to check they need nothing of this repository.
PYTHON = os.environ.get("GRANTWIRE_README_PYTHON", sys.executable)


class _Stub(BaseHTTPRequestHandler):
    """A vendor API our specs do not describe: any request gets a small JSON object."""

    def _answer(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        body = json.dumps({"name": "README stub", "envelopes": []}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_PUT = do_DELETE = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def stub_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Stub)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def environment(prism_url: PrismUrl, stub_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    key_file = tmp_path_factory.mktemp("readme") / "docusign.pem"
    key_file.write_bytes(new_rsa_key()[0])
    routes = [
        ["platform.ringcentral.com", "/restapi/oauth/", prism_url("ringcentral")],
        ["platform.ringcentral.com", "/", stub_url],
        ["account-d.docusign.com", "/oauth/", prism_url("docusign")],
        ["account.docusign.com", "/oauth/", prism_url("docusign")],
        ["demo.docusign.net", "/", stub_url],
        ["sdk.usegrant.dev", "/", prism_url("usegrant")],
        ["api.example.com", "/", stub_url],
    ]
    return {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": str(SITE),
        "GRANTWIRE_README_ROUTES": json.dumps(routes),
        # What each block says to set, with made-up values.
        "RC_APP_CLIENT_ID": "readme-app",
        "RC_APP_CLIENT_SECRET": "readme-secret",
        "RC_USER_JWT": "readme.user.jwt",
        "RC_USERNAME": "+16501234567",
        "RC_PASSWORD": "readme-password",
        "DOCUSIGN_INTEGRATION_KEY": "readme-integration-key",
        "DOCUSIGN_USER_ID": str(uuid.uuid4()),
        "DOCUSIGN_PRIVATE_KEY_FILE": str(key_file),
        "DOCUSIGN_REDIRECT_URI": "https://app.example/callback",
        "USEGRANT_API_KEY": "uga_readme",
        "USEGRANT_PROVIDER_ID": str(uuid.uuid4()),
        "USEGRANT_CLIENT_ID": str(uuid.uuid4()),
        "TOKEN_STORE_DIR": str(tmp_path_factory.mktemp("tokens")),
    }


@pytest.mark.parametrize("block", blocks(), ids=lambda block: block.name)
def test_the_block_runs_as_written(block: Block, environment: dict[str, str], tmp_path: Path) -> None:
    script = tmp_path / f"{block.name}.py"
    script.write_text(block.code, encoding="utf-8")
    result = subprocess.run(
        [PYTHON, str(script)], env=environment, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    where = f"{block.readme.relative_to(ROOT)}:{block.line}"
    assert result.returncode == 0, f"{where} failed:\n{result.stderr[-3000:]}"


def test_every_readme_has_blocks_to_run() -> None:
    assert set(READMES) <= {block.readme for block in blocks()}
