"""Without the otel extra nothing of OpenTelemetry is imported, and calls and renewals work as
before; with it, importing grantwire runs none of it until the first call."""

from __future__ import annotations

import subprocess
import sys
import textwrap

# A token renewal over httpx2's MockTransport, in a fresh interpreter; prints the OpenTelemetry
# modules it ended up with, and whether grantwire saw OpenTelemetry installed.
RENEWAL = """
import sys
{hide}
import grantwire_ringcentral as ringcentral
from grantwire_core._internal import telemetry
from grantwire_core._internal.http import httpx
from grantwire_ringcentral.models import PasswordGrant
from grantwire_ringcentral.tokens import RingCentralTokenSource
before = [name for name, module in sys.modules.items() if name.startswith("opentelemetry") and module]
answer = {{"access_token": "a", "token_type": "bearer", "expires_in": 3600, "scope": "s",
          "owner_id": "1", "endpoint_id": "e"}}
transport = httpx.MockTransport(lambda request: httpx.Response(200, json=answer))
client = ringcentral.Client(base_url="https://platform.example", httpx_args={{"transport": transport}})
source = RingCentralTokenSource(client, PasswordGrant(username="u", password="p"))
assert source.token().access_token == "a"
after = [name for name, module in sys.modules.items() if name.startswith("opentelemetry") and module]
print(telemetry.ENABLED, len(before), len(after))
"""


def run(hide: str) -> list[str]:
    code = textwrap.dedent(RENEWAL.format(hide=hide))
    finished = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120)
    assert finished.returncode == 0, finished.stderr
    return finished.stdout.split()


def test_without_opentelemetry_nothing_of_it_is_imported_and_renewals_work() -> None:
    # None in sys.modules makes `import opentelemetry` fail, as when the extra is not installed.
    assert run("sys.modules['opentelemetry'] = None") == ["False", "0", "0"]


def test_with_opentelemetry_importing_grantwire_runs_none_of_it() -> None:
    enabled, before, after = run("")
    # Finding opentelemetry.trace imports only its namespace package, which holds no code.
    assert (enabled, before) == ("True", "1")
    assert int(after) > 1  # the first call brought the API in
