"""Whatever the server sends back, a call ends in its success model or a documented exception.

For every operation and every documented status (plus an undocumented 503), hypothesis draws
1,000 bodies: random bytes, random JSON, the documented body with random values in its fields,
and truncated documented bodies, under random content types.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from grantwire_core._internal.http import httpx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.runtime.calls import PACKAGES, PROPERTY_EXAMPLES, VALID_SUCCESS_BODIES, token_call
from tests.runtime.spec_facts import documented_statuses

OPERATIONS = {
    ("docusign", "getToken"): ("token", "TokenResponse"),
    ("docusign", "getUserInfo"): ("userinfo", "UserInfo"),
    ("ringcentral", "getToken"): ("token", "TokenInfo"),
    ("usegrant", "createToken"): ("token", "Token"),
}
ERROR_BODIES: dict[str, dict[str, Any]] = {
    "docusign": {"error": "invalid_grant", "error_description": "no_valid_keys_or_signatures"},
    "ringcentral": {"error": "invalid_grant", "error_description": "bad", "errors": [{"errorCode": "OAU-1"}]},
    "usegrant": {"code": "NOT_FOUND", "message": "No such client"},
}

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=12,
)
CONTENT_TYPES = st.sampled_from(["application/json", "text/html; charset=utf-8", "text/plain", ""])


def bodies(documented: dict[str, Any]) -> st.SearchStrategy[bytes]:
    def mutated(values: dict[str, Any]) -> bytes:
        return json.dumps({**documented, **values}).encode()

    near_valid = st.dictionaries(st.sampled_from(sorted(documented)), JSON_VALUES, max_size=len(documented)).map(
        mutated
    )
    dropped = st.sets(st.sampled_from(sorted(documented))).map(
        lambda keys: json.dumps({k: v for k, v in documented.items() if k not in keys}).encode()
    )
    text = json.dumps(documented).encode()
    truncated = st.integers(min_value=0, max_value=len(text)).map(lambda cut: text[:cut])
    return st.one_of(
        st.binary(max_size=64), JSON_VALUES.map(lambda v: json.dumps(v).encode()), near_valid, dropped, truncated
    )


def cases() -> list[Any]:
    out = []
    for (client, operation), (kind, success) in OPERATIONS.items():
        for status in [*documented_statuses(client)[operation], 503]:
            out.append(pytest.param(client, kind, success, status, id=f"{client}-{operation}-{status}"))
    return out


@pytest.mark.parametrize(("client", "kind", "success", "status"), cases())
def test_any_body_ends_in_the_model_or_a_documented_exception(
    client: str, kind: str, success: str, status: int
) -> None:
    package = PACKAGES[client]
    success_class = getattr(package.models, success)
    documented: dict[str, Any] = (
        VALID_SUCCESS_BODIES[(client, success)] if 200 <= status < 300 else ERROR_BODIES[client]
    )
    outcomes: list[str] = []

    @settings(
        max_examples=PROPERTY_EXAMPLES, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(bodies(documented), CONTENT_TYPES)
    def check(content: bytes, content_type: str) -> None:
        headers = {"Content-Type": content_type} if content_type else {}
        response = httpx.Response(status, content=content, headers=headers)
        raised: Any = None
        try:
            result = token_call(client, lambda request: response, operation=kind)
        except package.GrantwireError as error:
            raised = error
        if raised is None:
            assert isinstance(result, success_class)
            outcomes.append("parsed")
        elif 200 <= status < 300:
            assert type(raised) is package.ResponseValidationError
            assert raised.status_code == status
            outcomes.append("invalid")
        else:
            assert isinstance(raised, package.APIStatusError)
            assert raised.status_code == status
            outcomes.append("status error")

    check()
    assert len(outcomes) >= PROPERTY_EXAMPLES
    # Both ends of a success status were reached: bodies that parse and bodies that do not.
    if 200 <= status < 300:
        assert {"invalid", "parsed"} <= set(outcomes)
