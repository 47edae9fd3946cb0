"""Values several runtime tests share."""

from __future__ import annotations

from uuid import UUID

PROVIDER_ID = UUID("497f6eca-6276-4993-bfeb-53cbbbba6f08")
CLIENT_ID = UUID("0b3f7a1e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")
TOKEN_INFO = {
    "access_token": "U1BCMDFUMDRKV1MwMXxzLFSvXdw5PHMsVLEn_MrtcyxUsw",
    "token_type": "bearer",
    "expires_in": 3600,
    "scope": "ReadAccounts",
    "refresh_token": "U1BCMDFUMDRKV1MwMXxzLFL4ec6A0XMsUv9wLriecyxS_w",
    "refresh_token_expires_in": 604800,
}
