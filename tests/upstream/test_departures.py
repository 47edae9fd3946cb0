"""Our specs against the vendors' newest documents, payload by payload, in both directions.

For each operation's request and response bodies, payloads drawn from our spec are validated against
the newest upstream document, and payloads drawn from the upstream document against our spec. Every
difference found must be one of the departures listed below (each spec's ``info.description`` gives
the same list with its evidence), and every listed departure must still be found: the test fails on
a new difference and on a departure that no longer differs.

Upstream documents (``../shared/upstream/``, see its README) are not part of the repository; without
them these tests skip and say so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.upstream.variants import Variant, variants

UPSTREAM = Path(__file__).resolve().parents[3] / "shared" / "upstream"
SPECS = Path(__file__).resolve().parents[2] / "specs"
EXAMPLES = 200


@dataclass(frozen=True)
class Comparison:
    """One body of one operation: where it is in our spec and in the vendor's newest document."""

    id: str
    spec: str
    ours: dict[str, Any]
    upstream: str
    theirs: dict[str, Any]
    discriminator: str | None = None
    # The vendor's SDK fills in defaults (zod .default()) before sending: drawn payloads get them too.
    theirs_sends_defaults: bool = False


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


RC_NEWEST = "ringcentral/rc-public-openapi.oauth.57b864b.yaml"
DS_NEWEST = "docusign/iam-sdk-auth.transcribed.yaml"
UG_NEWEST = "usegrant/usegrant-openapi.createToken.0987eb8.yaml"
COMPARISONS = [
    Comparison(
        "ringcentral-request", "ringcentral", ref("GetTokenRequest"), RC_NEWEST, ref("GetTokenRequest"), "grant_type"
    ),
    Comparison("ringcentral-200", "ringcentral", ref("TokenInfo"), RC_NEWEST, ref("TokenInfo")),
    Comparison(
        "ringcentral-400",
        "ringcentral",
        ref("OAuthErrorResponse"),
        RC_NEWEST,
        {"$ref": "#/components/responses/OauthInvalidRequest/content/application~1json/schema"},
    ),
    Comparison("ringcentral-api-error", "ringcentral", ref("ApiErrorResponse"), RC_NEWEST, ref("ApiError")),
    Comparison(
        "ringcentral-revoke-request", "ringcentral", ref("RevokeTokenRequest"), RC_NEWEST, ref("RevokeTokenRequest")
    ),
    Comparison(
        "docusign-request",
        "docusign",
        ref("TokenRequest"),
        DS_NEWEST,
        {
            "anyOf": [
                ref("JWTGrant"),
                ref("ConfidentialAuthCodeGrantRequestBody"),
                ref("PublicAuthCodeGrantRequestBody"),
                ref("RefreshTokenGrant"),
            ]
        },
        "grant_type",
        theirs_sends_defaults=True,
    ),
    Comparison(
        "docusign-token-200",
        "docusign",
        ref("TokenResponse"),
        DS_NEWEST,
        {
            "anyOf": [
                ref("JWTGrantResponse"),
                ref("AuthorizationCodeGrantResponse"),
                ref("GetTokenFromRefreshTokenResponse"),
            ]
        },
    ),
    Comparison("docusign-error", "docusign", ref("OAuthErrorResponse"), DS_NEWEST, ref("OAuthErrorResponse")),
    Comparison("docusign-userinfo-200", "docusign", ref("UserInfo"), DS_NEWEST, ref("UserInfo")),
    Comparison("usegrant-request", "usegrant", ref("CreateTokenRequest"), UG_NEWEST, ref("CreateTokenRequest")),
    Comparison("usegrant-201", "usegrant", ref("Token"), UG_NEWEST, ref("Token")),
    Comparison("usegrant-error", "usegrant", ref("Error"), UG_NEWEST, ref("Error")),
]

# (comparison, direction, what differs) → why, with the evidence. "ours→theirs": a payload our spec
# allows that the vendor's document refuses; "theirs→ours": the other way round.
RC_OLDER_GRANT = (
    "kept as the 2025-09 document (@ e87a020, InternalGetTokenRequest) defines it; the 2026 document lists "
    "only the public grants, and ringcentral==0.9.2 still sends the password grant"
)
DEPARTURES: dict[tuple[str, str, str], str] = {
    ("ringcentral-request", "ours→theirs", "grant_type: password"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "grant_type: ivr_pin"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "grant_type: urn:ietf:params:oauth:grant-type:device_code"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "grant_type: client_credentials"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "grant_type: otp"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "grant_type: guest"): RC_OLDER_GRANT,
    ("ringcentral-request", "ours→theirs", "redirect_uri: format"): (
        "an empty redirect_uri is what ringcentral==0.9.2 sends when none is configured (RFC 6749 §3.2: omitted)"
    ),
    ("ringcentral-200", "ours→theirs", "session_id: required"): (
        "real token bodies carry no session_id (wire-samples.json rc-token-200-2018)"
    ),
    ("ringcentral-400", "ours→theirs", "errors: required"): (
        "the 2016 bodies rc-token-400-no-errors-2016 and -2016b have no errors list"
    ),
    ("ringcentral-400", "theirs→ours", "error: required"): (
        "RFC 6749 §5.2 makes error REQUIRED, and every real 400 body has it (wire-samples.json rc-token-400-*)"
    ),
    ("ringcentral-revoke-request", "theirs→ours", "token: required"): (
        "the token travels in the body, required: upstream also reads it from the query string (a token in a "
        "URL, and in logs) and recommends the body"
    ),
    ("docusign-userinfo-200", "ours→theirs", "name: required"): (
        "optional, as in docusign-esign 6.1.0's OAuthUserInfo; the IAM SDK requires it"
    ),
    ("docusign-userinfo-200", "ours→theirs", "given_name: required"): "as name",
    ("docusign-userinfo-200", "ours→theirs", "family_name: required"): "as name",
    ("docusign-userinfo-200", "ours→theirs", "created: required"): "as name",
    ("docusign-userinfo-200", "ours→theirs", "email: required"): "as name",
    ("docusign-userinfo-200", "ours→theirs", "accounts[].organization.links: required"): (
        "optional, as in docusign-esign 6.1.0's Organization"
    ),
    ("usegrant-request", "theirs→ours", "expiresIn: maximum"): (
        "upstream's own description: 'Cannot be more than 48 hours' (172800 s)"
    ),
    ("usegrant-request", "theirs→ours", "expiresIn: minimum"): "a lifetime is not negative; 0 is allowed",
    ("usegrant-201", "theirs→ours", "expiresAt: format"): "every documented value is a date-time",
    ("usegrant-201", "theirs→ours", "type: enum"): "the official SDK accepts only 'Bearer' (z.literal)",
}
DIRECTIONS = ("ours→theirs", "theirs→ours")


def load(path: Path) -> dict[str, Any]:
    if not path.is_file():
        pytest.skip(f"{path} is not here (../shared/ is not part of the repository)")
    loaded: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return loaded


def validator_for(document: dict[str, Any]) -> Callable[[dict[str, Any]], jsonschema.protocols.Validator]:
    """JSON Schema 2020-12 for OpenAPI 3.1 documents, draft 4 (what 3.0 builds on) for 3.0."""
    cls = jsonschema.Draft202012Validator if str(document["openapi"]).startswith("3.1") else jsonschema.Draft4Validator
    return lambda schema: cls(schema, format_checker=cls.FORMAT_CHECKER)


def describe(error: jsonschema.ValidationError) -> str:
    path = "".join("[]" if isinstance(part, int) else f".{part}" for part in error.absolute_path).lstrip(".")
    if error.validator == "required":
        missing = str(error.message).split("'")[1]
        path = f"{path}.{missing}" if path else missing
    return f"{path or '(body)'}: {error.validator}"


def differences(payload: Any, targets: list[Variant], discriminator: str | None, make: Callable[..., Any]) -> set[str]:
    """What keeps ``payload`` from validating against any of ``targets`` (empty: it validates)."""
    candidates = targets
    if discriminator is not None and discriminator in payload:
        value = payload[discriminator]
        candidates = [target for target in targets if (target.pinned(discriminator) or (value,)).__contains__(value)]
        if not candidates:
            return {f"{discriminator}: {value}"}
    found = [sorted(make(target.schema).iter_errors(payload), key=describe) for target in candidates]
    if any(not errors for errors in found):
        return set()
    return {describe(error) for error in min(found, key=len)}


@pytest.mark.parametrize("direction", DIRECTIONS)
@pytest.mark.parametrize("comparison", COMPARISONS, ids=lambda comparison: comparison.id)
def test_the_spec_differs_from_the_vendors_newest_document_only_where_it_says(
    comparison: Comparison, direction: str
) -> None:
    ours = yaml.safe_load((SPECS / f"{comparison.spec}.yaml").read_text(encoding="utf-8"))
    theirs = load(UPSTREAM / comparison.upstream)
    our_variants = variants(ours, comparison.ours, comparison.id)
    their_variants = variants(theirs, comparison.theirs, comparison.id)
    if direction == "ours→theirs":
        sources, targets, target_document = our_variants, their_variants, theirs
        strategies = [variant.draw(with_defaults=False) for variant in sources]
    else:
        sources, targets, target_document = their_variants, our_variants, ours
        strategies = [variant.draw(with_defaults=comparison.theirs_sends_defaults) for variant in sources]
    make = validator_for(target_document)
    found: dict[str, Any] = {}

    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(strategies))
    def explore(payload: Any) -> None:
        for difference in differences(payload, targets, comparison.discriminator, make):
            found.setdefault(difference, payload)

    explore()

    listed = {what for (where, way, what) in DEPARTURES if where == comparison.id and way == direction}
    unlisted = {what: found[what] for what in set(found) - listed}
    assert not unlisted, f"differences not listed as departures (with an example payload): {unlisted}"
    assert listed <= set(found), f"listed departures that no longer differ: {sorted(listed - set(found))}"
