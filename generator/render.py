"""Rendering one spec into a package tree with openapi-python-client and our templates."""

from __future__ import annotations

import contextlib
import io
from pathlib import Path
from typing import Any

from openapi_python_client import Project
from openapi_python_client.config import Config, ConfigFile, MetaType
from openapi_python_client.parser import GeneratorData
from openapi_python_client.parser.errors import GeneratorError

from generator.errors import GeneratorFailure
from generator.manifest import ClientEntry
from generator.security import operations_requiring_auth, path_shape

OVERRIDES_DIR = Path(__file__).resolve().parent.parent / "overrides"


def render_client(client: ClientEntry, document: dict[str, Any], destination: Path) -> None:
    """Write the client's package tree (project metadata and package) into ``destination``.

    ``destination`` must not exist yet. Formatting and headers are the post-processor's job.
    """
    config = Config.from_sources(
        ConfigFile(
            project_name_override=client.distribution,
            package_name_override=client.package,
            package_version_override=client.version,
            # We format once ourselves, with the pinned ruff, over the whole tree.
            post_hooks=[],
        ),
        MetaType.UV,
        document_source=client.spec,
        file_encoding="utf-8",
        overwrite=False,
        output_path=destination,
    )
    openapi = GeneratorData.from_dict(document, config=config)
    if isinstance(openapi, GeneratorError):
        raise GeneratorFailure(f"spec {client.spec_label}: {_describe(openapi)}")
    _apply_security(openapi, document)

    project = Project(openapi=openapi, config=config, custom_template_path=OVERRIDES_DIR)
    project.env.globals.update(
        grantwire_client=client,
        api_version=str(document["info"]["version"]),
        openapi_servers=[str(server["url"]) for server in document.get("servers", [])] or ["/"],
    )
    # Upstream prints progress to stdout; the CLI reports on its own terms.
    with contextlib.redirect_stdout(io.StringIO()):
        problems = project.build()
    if problems:
        details = "; ".join(_describe(problem) for problem in problems)
        raise GeneratorFailure(f"spec {client.spec_label} cannot be generated faithfully: {details}")


def _apply_security(openapi: GeneratorData, document: dict[str, Any]) -> None:
    needs_auth = operations_requiring_auth(document)
    for collection in openapi.endpoint_collections_by_tag.values():
        for endpoint in collection.endpoints:
            key = (path_shape(endpoint.path.get_untrusted_value()), endpoint.method.lower())
            if key not in needs_auth:
                raise GeneratorFailure(f"operation {endpoint.method.upper()} {key[0]} was not found in the spec")
            endpoint.requires_security = needs_auth[key]


def _describe(error: GeneratorError) -> str:
    parts = [error.header or "", error.detail or ""]
    return " - ".join(" ".join(part.split()) for part in parts if part)
