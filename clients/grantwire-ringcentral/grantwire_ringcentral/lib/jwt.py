"""RFC 7523 client assertions for RingCentral's ``client_assertion`` fields
(``pip install 'grantwire-ringcentral[jwt]'``)::

    assertion = ClientAssertion(client_id, private_key_pem)            # private_key_jwt, RS256
    assertion = ClientAssertion(client_id, client_secret, "HS256")     # client_secret_jwt
    grant = PasswordGrant(username=..., password=..., client_assertion_type=JWT_BEARER,
                          client_assertion=assertion())

Claims (RFC 7523 §3): ``iss`` = ``sub`` = client id, ``aud`` = the token endpoint URL (production's
unless ``token_url`` says otherwise), a unique ``jti``, ``iat`` and a short ``exp``. The signing is
``grantwire_core.vendor_kit.jwt.ClientAssertion``'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grantwire_core.vendor_kit import jwt as _core_jwt
from grantwire_core.vendor_kit.jwt import ALGORITHMS, DEFAULT_LIFETIME

TOKEN_URL = "https://platform.ringcentral.com/restapi/oauth/token"


@dataclass(frozen=True)
class ClientAssertion(_core_jwt.ClientAssertion):
    """Makes a freshly signed client assertion (new ``jti``) on every call."""

    token_url: str = TOKEN_URL
    extra: str = field(default="grantwire-ringcentral[jwt]", repr=False, compare=False)


__all__ = ["ALGORITHMS", "DEFAULT_LIFETIME", "TOKEN_URL", "ClientAssertion"]
