"""generator.unions end to end: what a spec must declare for its unions to be generated."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import GeneratorFailure
from generator.pipeline import build_client
from tests.functional.conftest import HERE, functional_client


def test_a_union_without_a_shared_enum_is_generated_all_the_same(tmp_path: Path) -> None:
    # One shared enum of the values is a house rule of our own specs, enforced by Spectral
    # (grantwire-shared-discriminator-enum), not a condition of the generator.
    spec = tmp_path / "grants.yaml"
    text = (HERE / "grants.yaml").read_text()
    spec.write_text(text.replace("    Kind:\n      type: string\n      enum: [code, secret, pin]\n", ""))
    client = functional_client("grants")
    client = type(client)(**{**client.__dict__, "spec": spec})

    build_client(client, tmp_path / "out")
    module = (tmp_path / "out" / client.package / "models" / "grant.py").read_text()
    assert '"""Every `kind` value, in spec order."""' in module
    assert '"secret": Variant("SecretGrant", SecretGrant.from_dict),' in module


def test_the_nested_variant_is_named_after_its_title(tmp_path: Path) -> None:
    from generator.manifest import load_manifest

    [ringcentral] = load_manifest().select(["ringcentral"])
    build_client(ringcentral, tmp_path / "rc")
    module = (tmp_path / "rc" / "grantwire_ringcentral" / "models" / "get_token_request.py").read_text()
    assert (
        '_client_credentials_grant: Variant[GetTokenRequest] = by_required_field(\n    "ClientCredentialsGrant",'
        in module
    )
    assert '"client_credentials": _client_credentials_grant,' in module


def test_our_clients_refuse_an_allof_conflict_documents_from_elsewhere_settle(tmp_path: Path) -> None:
    # generator.allof (the later part wins) is for documents written elsewhere only.
    conflict = (
        "  schemas:\n"
        "    Narrow:\n      type: object\n      properties:\n        status: {type: string, enum: [a, b]}\n"
        "    Conflict:\n      allOf:\n        - $ref: '#/components/schemas/Narrow'\n"
        "        - type: object\n          properties:\n            status: {type: string, enum: [b, c]}\n"
    )
    spec = tmp_path / "grants.yaml"
    spec.write_text((HERE / "grants.yaml").read_text().replace("  schemas:\n", conflict, 1))
    client = functional_client("grants")
    client = type(client)(**{**client.__dict__, "spec": spec})

    with pytest.raises(GeneratorFailure, match="can't redefine an enum property with incompatible lists of values"):
        build_client(client, tmp_path / "out")
