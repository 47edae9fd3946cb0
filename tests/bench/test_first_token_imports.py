"""What the time-to-first-token rows measure stays what a token call needs: a fresh interpreter
that imports a client's token path has not loaded the fleet's shared renewal (nor its failure
records), which only a shared store needs, and a source given one loads it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

FLEET_MODULES = ("grantwire_core.tokens.shared_renewal", "grantwire_core.tokens.renewal_outcome")


def _loaded(code: str) -> list[str]:
    check = f"import json, sys\n{code}\nprint(json.dumps([name for name in {FLEET_MODULES!r} if name in sys.modules]))"
    result = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, check=True)
    loaded: list[str] = json.loads(result.stdout)
    return loaded


def test_a_token_path_without_a_shared_store_leaves_the_fleet_renewal_unimported() -> None:
    code = (
        "import grantwire_ringcentral.tokens, grantwire_ringcentral.api.tokens.get_token\n"
        "from grantwire_ringcentral import Client\n"
        "from grantwire_ringcentral.models import PasswordGrant\n"
        "grantwire_ringcentral.tokens.RingCentralTokenSource(\n"
        "    Client(base_url='https://platform.ringcentral.com'), PasswordGrant(username='u', password='p'))"
    )
    assert _loaded(code) == []


def test_a_source_with_a_shared_store_loads_it(tmp_path: Path) -> None:
    code = (
        "import grantwire_ringcentral.tokens\n"
        "from grantwire_core.tokens.file_store import FileTokenStore\n"
        "from grantwire_ringcentral import Client\n"
        "from grantwire_ringcentral.models import PasswordGrant\n"
        "grantwire_ringcentral.tokens.RingCentralTokenSource(\n"
        "    Client(base_url='https://platform.ringcentral.com'), PasswordGrant(username='u', password='p'),\n"
        f"    store=FileTokenStore({str(tmp_path / 'token.json')!r}))"
    )
    assert _loaded(code) == list(FLEET_MODULES)
