"""Valid token-request payloads, one or more per grant value of each spec, with their variant.

Shared by the union tests (parsing) and the contract tests (what Prism accepts on the wire).
"""

from __future__ import annotations

from typing import Any

import grantwire_docusign.models as docusign
import grantwire_ringcentral.models as ringcentral

COMMON = {"client_id": "app", "scope": "ReadAccounts", "access_token_ttl": 3600}

# grant_type value → (payload, variant class). Payloads are what a caller would put on the wire.
RINGCENTRAL: list[tuple[dict[str, Any], type]] = [
    (
        {"grant_type": "authorization_code", "code": "c", "redirect_uri": "https://a.example/cb", "code_verifier": "v"},
        ringcentral.AuthorizationCodeGrant,
    ),
    ({"grant_type": "password", "username": "+16501234567", "password": "pw", **COMMON}, ringcentral.PasswordGrant),
    ({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "jwt"}, ringcentral.JWTBearerGrant),
    ({"grant_type": "partner_jwt", "assertion": "jwt"}, ringcentral.JWTBearerGrant),
    ({"grant_type": "partner_jwt", "assertion": "jwt", "endpoint_id": "e"}, ringcentral.JWTBearerGrant),
    (
        {"grant_type": "refresh_token", "refresh_token": "rt", "refresh_token_ttl": 604800},
        ringcentral.RefreshTokenGrant,
    ),
    ({"grant_type": "ivr_pin", "ivr_pin": "1234"}, ringcentral.IVRPinGrant),
    ({"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": "dc"}, ringcentral.DeviceCodeGrant),
    ({"grant_type": "client_credentials", "account_id": "400131"}, ringcentral.ClientCredentialsByAccountGrant),
    (
        {"grant_type": "client_credentials", "brand_id": "1210", "partner_account_id": "p"},
        ringcentral.ClientCredentialsByBrandGrant,
    ),
    ({"grant_type": "otp", "code": "424242"}, ringcentral.OTPGrant),
    ({"grant_type": "guest", "brand_id": "1210", "resource_type": "Video", "resource": "r"}, ringcentral.GuestGrant),
    (
        {
            "grant_type": "client_credentials",
            "account_id": "400131",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": "signed",
        },
        ringcentral.ClientCredentialsByAccountGrant,
    ),
]
DOCUSIGN: list[tuple[dict[str, Any], type]] = [
    ({"grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer", "assertion": "jwt"}, docusign.JWTGrant),
    ({"grant_type": "authorization_code", "code": "c"}, docusign.AuthorizationCodeGrant),
    (
        {"grant_type": "authorization_code", "code": "c", "client_id": "key", "code_verifier": "v"},
        docusign.AuthorizationCodeGrant,
    ),
    ({"grant_type": "refresh_token", "refresh_token": "rt", "client_id": "key"}, docusign.RefreshTokenGrant),
]
