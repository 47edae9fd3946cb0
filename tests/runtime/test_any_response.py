"""Property test: any status, any headers, any body bytes: a call ends in its success model or a
documented exception, and no secret of the request or the response reaches any surface of it.

Statuses are drawn from 100 to 599; headers from the ones that change how a response is read
(``Content-Encoding`` with real and broken encodings, ``Content-Type``, ``Retry-After`` in every
form, ``Content-Length``); bodies are bytes, JSON, or the documented body with a planted secret.
The body arrives as a stream, so content decoding happens as it would off the network. At least
1,000 examples per operation; ``GRANTWIRE_PROPERTY_EXAMPLES=10000`` searches deeper.
"""

from __future__ import annotations

import gzip
import json
import zlib
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import GrantwireError
from grantwire_core.retry import RetryPolicy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.runtime.calls import PACKAGES, PROPERTY_EXAMPLES, VALID_SUCCESS_BODIES, captured_logs, token_call

EXAMPLES = PROPERTY_EXAMPLES
SECRET = "PLANTED-SECRET-9f3a"
REQUEST_SECRET = "pw"  # the password the token calls send (tests/grant_payloads)
# Retries on (Retry-After is parsed and honoured), but no real waiting.
QUICK_RETRIES = RetryPolicy(max_retries=1, sleep=lambda seconds: None, retry_after_max=0.0)
OPERATIONS = [
    ("docusign", "token", "TokenResponse"),
    ("docusign", "userinfo", "UserInfo"),
    ("ringcentral", "token", "TokenInfo"),
    ("usegrant", "token", "Token"),
]

ENCODINGS = st.sampled_from([None, "gzip", "deflate", "identity", "br", "x-unknown", "gzip, gzip"])
CONTENT_TYPES = st.sampled_from(
    [None, "application/json", "text/html", "application/x-www-form-urlencoded", "application/json; charset=latin-1"]
)
RETRY_AFTER = st.one_of(
    st.none(),
    st.integers(min_value=-5, max_value=10**9).map(str),
    st.sampled_from(["Wed, 21 Oct 2015 07:28:00 GMT", "soon", "", "1e9", "NaN"]),
)


def planted(documented: dict[str, Any]) -> dict[str, Any]:
    return {key: SECRET if isinstance(value, str) else value for key, value in documented.items()}


def bodies(documented: dict[str, Any]) -> st.SearchStrategy[bytes]:
    return st.one_of(
        st.binary(max_size=48),
        st.just(json.dumps(planted(documented)).encode()),
        st.just(f"access_token={SECRET}&token_type=bearer".encode()),
        st.just(json.dumps({"error": "invalid_grant", "error_description": SECRET}).encode()),
        st.just(json.dumps({"code": SECRET, "message": SECRET}).encode()),
    )


def encode(body: bytes, encoding: str | None, really: bool) -> bytes:
    # Half the time the body is what its Content-Encoding says; the rest it is not.
    if not really or encoding is None:
        return body
    if encoding == "gzip":
        return gzip.compress(body)
    if encoding == "deflate":
        return zlib.compress(body)
    return body


@pytest.mark.parametrize(("client", "kind", "success"), OPERATIONS, ids=[f"{c}-{k}" for c, k, _ in OPERATIONS])
def test_any_response_ends_in_the_model_or_a_documented_exception(client: str, kind: str, success: str) -> None:
    package = PACKAGES[client]
    success_class = getattr(package.models, success)
    documented = VALID_SUCCESS_BODIES[(client, success)]
    seen = 0

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(
        st.integers(min_value=100, max_value=599),
        ENCODINGS,
        st.booleans(),
        CONTENT_TYPES,
        RETRY_AFTER,
        bodies(documented),
    )
    def check(
        status: int, encoding: str | None, really: bool, content_type: str | None, retry_after: str | None, body: bytes
    ) -> None:
        nonlocal seen
        seen += 1
        headers = {
            name: value
            for name, value in (
                ("Content-Encoding", encoding),
                ("Content-Type", content_type),
                ("Retry-After", retry_after),
            )
            if value is not None
        }
        content = encode(body, encoding, really)

        def answer(request: httpx.Request) -> httpx.Response:
            return httpx.Response(status, headers=headers, stream=httpx.ByteStream(content))

        with captured_logs(f"grantwire.{client}") as logs:
            try:
                result = token_call(client, answer, operation=kind, retry=QUICK_RETRIES)
            except GrantwireError as error:
                surfaces = [str(error), repr(error), *logs.lines]
            else:
                assert isinstance(result, success_class)
                surfaces = [*logs.lines]
        for surface in surfaces:
            assert SECRET not in surface
            assert f"={REQUEST_SECRET}" not in surface

    check()
    assert seen >= EXAMPLES
