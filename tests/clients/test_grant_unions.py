"""Discriminated grant-type unions of the real clients: every grant value dispatches to its variant."""

from __future__ import annotations

import enum
import inspect
from typing import Any

import grantwire_docusign
import grantwire_docusign.models as docusign
import grantwire_ringcentral
import grantwire_ringcentral.models as ringcentral
import pytest

from tests.grant_payloads import DOCUSIGN, RINGCENTRAL


def case_ids(cases: list[tuple[dict[str, Any], type]]) -> list[str]:
    return [f"{payload['grant_type']}->{variant.__name__}" for payload, variant in cases]


def test_the_cases_cover_every_grant_value_of_each_spec() -> None:
    assert {p["grant_type"] for p, _ in RINGCENTRAL} == set(ringcentral.GET_TOKEN_REQUEST_GRANT_TYPES)
    assert {p["grant_type"] for p, _ in DOCUSIGN} == set(docusign.TOKEN_REQUEST_GRANT_TYPES)
    assert len(ringcentral.GET_TOKEN_REQUEST_GRANT_TYPES) == 10


@pytest.mark.parametrize(("payload", "variant"), RINGCENTRAL, ids=case_ids(RINGCENTRAL))
def test_ringcentral_payload_parses_into_its_variant_and_round_trips(payload: dict[str, Any], variant: type) -> None:
    parsed = ringcentral.parse_get_token_request(payload)
    assert type(parsed) is variant
    assert parsed.additional_properties == {}
    assert parsed.to_dict() == payload


@pytest.mark.parametrize(("payload", "variant"), DOCUSIGN, ids=case_ids(DOCUSIGN))
def test_docusign_payload_parses_into_its_variant_and_round_trips(payload: dict[str, Any], variant: type) -> None:
    parsed = docusign.parse_token_request(payload)
    assert type(parsed) is variant
    assert parsed.additional_properties == {}
    assert parsed.to_dict() == payload


def test_password_payload_is_not_misparsed_as_authorization_code() -> None:
    # Regression: stock try-each with a shared grant_type enum returned the authorization-code
    # variant here, with the password in additional_properties.
    parsed = ringcentral.parse_get_token_request({"grant_type": "password", "username": "u", "password": "hunter2"})
    assert isinstance(parsed, ringcentral.PasswordGrant)
    assert parsed.password == "hunter2"
    assert parsed.additional_properties == {}


def test_single_value_variants_default_their_grant_type() -> None:
    assert ringcentral.PasswordGrant(username="u", password="p").grant_type == "password"
    assert ringcentral.OTPGrant(code="1").to_dict()["grant_type"] == "otp"
    assert docusign.JWTGrant(assertion="a").to_dict() == {
        "assertion": "a",
        "grant_type": "urn:ietf:params:oauth:grant-type:jwt-bearer",
    }


def test_a_variant_with_several_values_asks_for_one() -> None:
    parameter = inspect.signature(ringcentral.JWTBearerGrant).parameters["grant_type"]
    assert parameter.default is inspect.Parameter.empty
    grant = ringcentral.JWTBearerGrant(grant_type="partner_jwt", assertion="a")
    assert (grant.to_dict()["grant_type"], grant.to_dict()["assertion"]) == ("partner_jwt", "a")
    with pytest.raises(grantwire_ringcentral.VariantError, match=r"JWTBearerGrant\.assertion: required field"):
        ringcentral.parse_get_token_request({"grant_type": "partner_jwt"})


@pytest.mark.parametrize(
    ("models", "union_values"),
    [(ringcentral, "GET_TOKEN_REQUEST_GRANT_TYPES"), (docusign, "TOKEN_REQUEST_GRANT_TYPES")],
)
def test_one_shared_grant_type_vocabulary_per_spec(models: Any, union_values: str) -> None:
    values = set(getattr(models, union_values))
    enums_with_grant_values = [
        name
        for name in models.__all__
        if isinstance(getattr(models, name), enum.EnumMeta) and {m.value for m in getattr(models, name)} & values
    ]
    # No enum repeats the grant types: GrantType holds them as constants typed by their literal
    # values, comparable with the variants' Literal-typed grant_type fields (see the README block).
    assert enums_with_grant_values == []
    assert set(models.GrantType.VALUES) == values
    assert {
        getattr(models.GrantType, name) for name in vars(models.GrantType) if name.isupper() and name != "VALUES"
    } == values


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        (
            {"username": "u"},
            "GetTokenRequest: 'grant_type' is missing; expected one of: authorization_code, password, ",
        ),
        ({"grant_type": 7}, "GetTokenRequest: 'grant_type' must be a string, got int; expected one of: "),
        ({"grant_type": None}, "'grant_type' must be a string, got NoneType"),
        ({"grant_type": "passwrd"}, "GetTokenRequest: 'grant_type' is not one of the known values"),
    ],
)
def test_bad_discriminator_names_field_value_and_allowed_values(payload: dict[str, Any], message: str) -> None:
    with pytest.raises(grantwire_ringcentral.DiscriminatorError) as caught:
        ringcentral.parse_get_token_request(payload)
    error = caught.value
    assert isinstance(error, ValueError)
    assert message in str(error)
    assert str(error).endswith(", ".join(ringcentral.GET_TOKEN_REQUEST_GRANT_TYPES))
    assert error.field == "grant_type"
    assert error.allowed == ringcentral.GET_TOKEN_REQUEST_GRANT_TYPES


def test_unknown_value_is_truncated_in_the_message() -> None:
    with pytest.raises(grantwire_docusign.DiscriminatorError) as caught:
        docusign.parse_token_request({"grant_type": "x" * 500})
    assert "x" * 41 not in str(caught.value)
    assert caught.value.received == "x" * 500


def test_non_object_payload_is_a_parse_error() -> None:
    with pytest.raises(grantwire_ringcentral.ParseError, match="GetTokenRequest: expected an object, got list"):
        ringcentral.parse_get_token_request(["grant_type", "password"])


def test_missing_variant_field_names_variant_and_field_without_the_secret() -> None:
    with pytest.raises(grantwire_ringcentral.VariantError) as caught:
        ringcentral.parse_get_token_request({"grant_type": "password", "username": "u", "pin": "s3cret-pin"})
    assert str(caught.value) == "GetTokenRequest as PasswordGrant.password: required field is missing"
    assert (caught.value.variant, caught.value.field) == ("PasswordGrant", "password")
    assert "s3cret-pin" not in str(caught.value)


def test_bad_enum_field_names_the_variant() -> None:
    with pytest.raises(grantwire_ringcentral.VariantError) as caught:
        ringcentral.parse_get_token_request({"grant_type": "otp", "code": "1", "client_assertion_type": "nope"})
    assert str(caught.value) == (
        "GetTokenRequest as OTPGrant.client_assertion_type: "
        "a string that is not one of: urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
    )


@pytest.mark.parametrize(
    ("extra", "got"),
    [({}, "none"), ({"account_id": "1", "brand_id": "2"}, "'account_id', 'brand_id'")],
)
def test_nested_client_credentials_needs_exactly_one_of_its_fields(extra: dict[str, str], got: str) -> None:
    with pytest.raises(grantwire_ringcentral.VariantError) as caught:
        ringcentral.parse_get_token_request({"grant_type": "client_credentials", **extra})
    assert str(caught.value) == (
        f"GetTokenRequest as ClientCredentialsGrant: send exactly one of 'account_id', 'brand_id'; got {got}"
    )


def test_get_token_signature_uses_the_named_union() -> None:
    from grantwire_ringcentral.api.tokens import get_token

    annotation = inspect.signature(get_token.sync).parameters["body"].annotation
    assert annotation == "GetTokenRequest" or annotation is ringcentral.GetTokenRequest
