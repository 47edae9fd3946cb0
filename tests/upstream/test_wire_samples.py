"""Real bodies the vendors' servers sent (quoted in public issues and vendor documents, collected in
``../shared/upstream/samples/wire-samples.json``) go through the generated clients: success bodies
parse into their models, error bodies raise the right typed error with the vendor's code and
message filled in, and the vendors' own example requests pass our request checks.

``../shared/`` sits beside the repository in CI and in development sessions, not in a user's
clone: without it these tests skip and say so.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import grantwire_docusign
import grantwire_ringcentral
import grantwire_usegrant
import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import APIStatusError
from grantwire_docusign.api.tokens import get_token as docusign_get_token
from grantwire_docusign.api.userinfo import get_user_info
from grantwire_docusign.models import JWTGrant
from grantwire_ringcentral.api.tokens import get_token as ringcentral_get_token
from grantwire_ringcentral.models import PasswordGrant
from grantwire_usegrant.api.tokens import create_token
from grantwire_usegrant.models import CreateTokenRequest

SAMPLES = Path(__file__).resolve().parents[3] / "shared" / "upstream" / "samples" / "wire-samples.json"


def samples() -> list[Any]:
    if not SAMPLES.is_file():
        return [
            pytest.param(
                None,
                None,
                marks=pytest.mark.skip(reason=f"{SAMPLES} is not here (../shared/ is not part of the repository)"),
            )
        ]
    data = json.loads(SAMPLES.read_text(encoding="utf-8"))
    return [
        pytest.param(vendor, sample, id=f"{vendor}-{sample['id']}")
        for vendor in ("ringcentral", "docusign", "usegrant")
        for sample in data[vendor]
    ]


def answer_with(sample: dict[str, Any]) -> httpx.MockTransport:
    headers = {"Content-Type": "application/json", **sample.get("headers", {})}
    headers.pop("Content-Length", None)  # the body is re-serialised here
    return httpx.MockTransport(
        lambda request: httpx.Response(int(sample["status"]), json=sample["body"], headers=headers)
    )


def call(vendor: str, sample: dict[str, Any]) -> Any:
    options: dict[str, Any] = {
        "httpx_args": {"transport": answer_with(sample)},
        "retry": grantwire_ringcentral.NO_RETRIES,
    }
    if vendor == "ringcentral":
        client = grantwire_ringcentral.Client("https://platform.ringcentral.com", **options)
        return ringcentral_get_token.sync(client=client, body=PasswordGrant(username="u", password="p"))
    if vendor == "docusign":
        if sample["id"].startswith("ds-userinfo"):
            authed = grantwire_docusign.AuthenticatedClient("https://account-d.docusign.com", "token", **options)
            return get_user_info.sync(client=authed)
        client_ = grantwire_docusign.Client("https://account-d.docusign.com", **options)
        return docusign_get_token.sync(client=client_, body=JWTGrant(assertion="a.b.c"))
    api = grantwire_usegrant.AuthenticatedClient("https://sdk.usegrant.dev", "api-key", **options)
    return create_token.sync(uuid.uuid4(), uuid.uuid4(), client=api, body=CreateTokenRequest())


@pytest.mark.parametrize(("vendor", "sample"), samples())
def test_a_real_body_goes_through_the_client(vendor: str, sample: dict[str, Any]) -> None:
    body = sample["body"]
    if sample.get("request"):
        # The vendor's own example request passes our checks and goes on the wire unchanged.
        assert vendor == "usegrant"
        assert CreateTokenRequest.from_dict(body).to_dict() == body
        return
    status = int(sample["status"])
    if 200 <= status < 300:
        result = call(vendor, sample)
        assert result is not None
        return
    with pytest.raises(APIStatusError) as raised:
        call(vendor, sample)
    error = raised.value
    assert error.status_code == status
    assert error.error == (body.get("error") or body.get("errorCode") or body.get("code"))
    assert error.error_description == (body.get("error_description") or body.get("message"))
    assert error.body is not None, "the body did not parse into the documented error model"
