"""With opentelemetry-instrumentation-httpx enabled too, an attempt is still one CLIENT span: ours.

The instrumentation patches the ``httpx`` library only, so it sees grantwire's requests only when
grantwire runs on httpx (``GRANTWIRE_HTTP=httpx``); inside a grantwire call it is suppressed (the
key every OpenTelemetry HTTP instrumentation honours), while the application's own httpx requests
keep their spans. Each run is a fresh interpreter, since the HTTP library is chosen at import.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("opentelemetry.instrumentation.httpx", reason="needs opentelemetry-instrumentation-httpx")

RUN = """
import json
from opentelemetry import trace
from opentelemetry.instrumentation.httpx import HTTPXClientInstrumentor
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

exporter = InMemorySpanExporter()
provider = TracerProvider()
provider.add_span_processor(SimpleSpanProcessor(exporter))
trace.set_tracer_provider(provider)
HTTPXClientInstrumentor().instrument()

import grantwire_ringcentral as ringcentral
from grantwire_core._internal import http
from grantwire_ringcentral.api.tokens import get_token
from grantwire_ringcentral.models import PasswordGrant
from tests.faults.server import MisbehavingServer, answer, response
from tests.runtime.test_values import TOKEN_INFO

ok = response(200, json.dumps(TOKEN_INFO).encode(), Connection="close")
with MisbehavingServer(answer(ok)).running() as server:
    client = ringcentral.Client(base_url=server.url)
    get_token.sync(client=client, body=PasswordGrant(username="+16501234567", password="pw"))
    http.httpx.get(server.url + "/own")  # the application's own request
spans = [[span.name, span.kind.name] for span in exporter.get_finished_spans()]
print(json.dumps({"library": http.NAME, "spans": spans}))
"""


@pytest.mark.parametrize("library", ["httpx", "httpx2"])
def test_one_client_span_per_attempt_with_the_httpx_instrumentation(library: str) -> None:
    environment = {**os.environ, "GRANTWIRE_HTTP": library}
    finished = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(RUN)], env=environment, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr[-3000:]
    seen = json.loads(finished.stdout.splitlines()[-1])
    assert seen["library"] == library
    ours = [["POST", "CLIENT"], ["get_token", "INTERNAL"]]
    # The instrumentation's span of the application's own request (httpx only: it patches httpx).
    theirs = [["GET", "CLIENT"]] if library == "httpx" else []
    assert seen["spans"] == ours + theirs
