"""generator.security: which operations need credentials, following OpenAPI's inheritance rules."""

from __future__ import annotations

from typing import Any

from generator.security import operations_requiring_auth, path_shape


def document(top: list[dict[str, list[str]]] | None, **operations: dict[str, Any]) -> dict[str, Any]:
    spec: dict[str, Any] = {"paths": {f"/{name}/{{itemId}}": {"post": op} for name, op in operations.items()}}
    if top is not None:
        spec["security"] = top
    return spec


def test_operation_inherits_document_security() -> None:
    result = operations_requiring_auth(document([{"bearer": []}], inherited={}))
    assert result == {("/inherited/{}", "post"): True}


def test_empty_requirement_makes_auth_optional() -> None:
    result = operations_requiring_auth(document(None, optional={"security": [{}, {"basic": []}]}))
    assert result == {("/optional/{}", "post"): False}


def test_operation_can_opt_out_with_an_empty_list() -> None:
    result = operations_requiring_auth(document([{"bearer": []}], public={"security": []}))
    assert result == {("/public/{}", "post"): False}


def test_no_security_anywhere_means_anonymous() -> None:
    assert operations_requiring_auth(document(None, open={})) == {("/open/{}", "post"): False}


def test_path_shape_ignores_parameter_names() -> None:
    assert path_shape("/v1/providers/{providerId}/clients/{client_id}") == "/v1/providers/{}/clients/{}"
