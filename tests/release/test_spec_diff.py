"""The OpenAPI diff on small documents: each kind of change, and how strong it is."""

from __future__ import annotations

import copy
from typing import Any

from release.changes import Impact
from release.spec_diff import spec_changes

BASE: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "t", "version": "1"},
    "paths": {
        "/token": {
            "post": {
                "operationId": "getToken",
                "description": "Get a token.",
                "parameters": [{"$ref": "#/components/parameters/Tenant"}],
                "requestBody": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Req"}}}},
                "responses": {"200": {"description": "ok"}, "400": {"description": "bad"}},
            }
        }
    },
    "components": {
        "parameters": {"Tenant": {"name": "tenant", "in": "query", "schema": {"type": "string"}}},
        "schemas": {
            "Req": {
                "type": "object",
                "required": ["grant"],
                "properties": {"grant": {"$ref": "#/components/schemas/Grant"}, "scope": {"type": "string"}},
            },
            "Grant": {"type": "string", "enum": ["password", "refresh_token"]},
            "Token": {"type": "object", "properties": {"access_token": {"type": "string"}}},
        },
    },
}


def changed(edit: Any) -> list[tuple[Impact, str]]:
    new = copy.deepcopy(BASE)
    edit(new)
    return [(change.impact, change.text) for change in spec_changes(BASE, new)]


def test_equal_documents_have_no_changes() -> None:
    assert spec_changes(BASE, copy.deepcopy(BASE)) == []


def test_operations_removed_and_added() -> None:
    def edit(d: Any) -> None:
        d["paths"]["/revoke"] = {"post": {"operationId": "revoke", "responses": {"200": {"description": "ok"}}}}
        del d["paths"]["/token"]

    assert changed(edit) == [
        (Impact.BREAKING, "removed operation getToken (POST /token)"),
        (Impact.ADDITION, "added operation revoke (POST /revoke)"),
    ]


def test_parameters_through_a_reference() -> None:
    def edit(d: Any) -> None:
        d["components"]["parameters"]["Tenant"]["required"] = True
        d["paths"]["/token"]["post"]["parameters"].append({"name": "trace", "in": "header", "schema": {}})

    assert changed(edit) == [
        (Impact.BREAKING, "query parameter tenant of getToken (POST /token) is now required"),
        (Impact.ADDITION, "added header parameter trace to getToken (POST /token)"),
    ]


def test_statuses() -> None:
    def edit(d: Any) -> None:
        responses = d["paths"]["/token"]["post"]["responses"]
        del responses["400"]
        responses["429"] = {"description": "slow down"}

    assert changed(edit) == [
        (Impact.BREAKING, "removed status 400 from getToken (POST /token)"),
        (Impact.ADDITION, "added status 429 to getToken (POST /token)"),
    ]


def test_fields_and_required_request_fields() -> None:
    def edit(d: Any) -> None:
        schemas = d["components"]["schemas"]
        schemas["Req"]["required"].append("scope")  # Req is a request body: narrowed
        schemas["Token"]["properties"]["expires_in"] = {"type": "integer"}
        schemas["Token"]["required"] = ["expires_in"]  # a response: more is promised, not asked
        del schemas["Req"]["properties"]["grant"]

    assert changed(edit) == [
        (Impact.BREAKING, "removed field Req.grant"),
        (Impact.BREAKING, "request field Req.scope is now required"),
        (Impact.ADDITION, "added field Token.expires_in"),
    ]


def test_enum_values() -> None:
    def edit(d: Any) -> None:
        d["components"]["schemas"]["Grant"]["enum"] = ["password", "client_credentials"]

    assert changed(edit) == [
        (Impact.BREAKING, "removed enum value 'refresh_token' from Grant"),
        (Impact.ADDITION, "added enum value 'client_credentials' to Grant"),
    ]


def test_text_only_is_a_patch() -> None:
    def edit(d: Any) -> None:
        d["paths"]["/token"]["post"]["description"] = "Get an access token."

    assert changed(edit) == [(Impact.PATCH, "OpenAPI document changed (descriptions, examples or other text only)")]


def test_an_inline_request_body_is_a_request_schema() -> None:
    media = "application/x-www-form-urlencoded"
    form = {"type": "object", "properties": {"token": {"type": "string"}}}
    inline = copy.deepcopy(BASE)
    inline["paths"]["/token"]["post"]["requestBody"] = {"content": {media: {"schema": form}}}
    new = copy.deepcopy(inline)
    new_form = new["paths"]["/token"]["post"]["requestBody"]["content"][media]["schema"]
    new_form["properties"]["hint"] = {"type": "string", "enum": ["access_token"]}
    new_form["required"] = ["hint"]
    del new_form["properties"]["token"]
    assert [(change.impact, change.text) for change in spec_changes(inline, new)] == [
        (Impact.BREAKING, "added required request field getToken.body.hint"),
        (Impact.BREAKING, "removed field getToken.body.token"),
    ]
