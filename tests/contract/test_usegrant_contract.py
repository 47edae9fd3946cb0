"""useGrant POST /v1/providers/{providerId}/clients/{clientId}/tokens against Prism."""

from __future__ import annotations

import pytest
from grantwire_usegrant import AuthenticatedClient
from grantwire_usegrant.api.tokens import create_token
from grantwire_usegrant.models import CreateTokenRequest, Error, Token
from grantwire_usegrant.types import UNSET, Unset

from tests.contract.calls import MODES, call, prefer, violations
from tests.contract.conftest import PrismUrl
from tests.runtime.test_values import CLIENT_ID, PROVIDER_ID

STATUSES = {201: Token, 400: Error, 401: Error, 403: Error, 404: Error, 429: Error, 500: Error}
OPTIONS: dict[str, CreateTokenRequest | Unset] = {
    "no-body": UNSET,
    "defaults": CreateTokenRequest(),
    "expires-in-48h": CreateTokenRequest(expires_in=172800),
    "every-option": CreateTokenRequest(
        expires_in=3600, use_jwt_type=True, audience_as_array=True, force_default_domain=False
    ),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("status", STATUSES)
@pytest.mark.parametrize("options", OPTIONS)
def test_every_option_and_status(prism_url: PrismUrl, options: str, status: int, mode: str) -> None:
    client = AuthenticatedClient(base_url=prism_url("usegrant"), token="api-key", headers=prefer(status))

    response = call(mode, create_token, PROVIDER_ID, CLIENT_ID, client=client, body=OPTIONS[options])

    assert violations(response.headers) == []
    assert response.status_code == status
    assert isinstance(response.parsed, STATUSES[status])
