"""Loading a spec from disk, with errors that name the file and the problem."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from generator.errors import GeneratorFailure

# The OpenAPI versions openapi-python-client parses. Our own specs are 3.1 (a Spectral rule of
# specs/lint says so); documents written elsewhere are often 3.0, which has no `const`.
SUPPORTED_OPENAPI = ("3.0.", "3.1.")


def load_spec(path: Path) -> dict[str, Any]:
    """Parse one OpenAPI 3.0 or 3.1 document (YAML, or JSON when the file ends in ``.json``).

    Only what stops the generator from reading the file at all is checked here; the document's
    structure (``info``, ``paths``, every schema) is validated by openapi-python-client's models,
    whose errors name each field. ``paths`` may be empty, or absent in 3.1 only where upstream
    accepts it (a document of components alone is valid OpenAPI).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise GeneratorFailure(f"cannot read spec {path}: {error.strerror}") from None
    document = _parse_json(path, text) if path.suffix == ".json" else _parse_yaml(path, text)
    if not isinstance(document, dict):
        raise GeneratorFailure(
            f"spec {path}: Failed to parse OpenAPI document: it must be a mapping, not {type(document).__name__}"
        )
    if "swagger" in document:
        raise GeneratorFailure(
            f"spec {path}: 'swagger' is {document['swagger']!r}. You may be trying to use a Swagger document; "
            "this is not supported by this project. The generator reads OpenAPI 3.0.x and 3.1.x"
        )
    version = document.get("openapi")
    if version is not None and not (isinstance(version, str) and version.startswith(SUPPORTED_OPENAPI)):
        raise GeneratorFailure(f"spec {path}: 'openapi' is {version!r}; the generator reads OpenAPI 3.0.x and 3.1.x")
    return document


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError as error:
        raise GeneratorFailure(f"spec {path}: Invalid JSON: {error}") from None


def _parse_yaml(path: Path, text: str) -> Any:
    # pure=False takes ruamel.yaml.clib's C parser when it is installed (a large document reads in a
    # fifth of the time), as openapi-python-client's YAML(typ="safe") does; the pure-Python fallback
    # is laxer (it accepts a plain scalar holding ':' in a flow mapping, which the C parser refuses).
    try:
        return YAML(typ="safe", pure=False).load(text)
    except YAMLError as error:
        raise GeneratorFailure(f"spec {path}: Invalid YAML: {_first_line(str(error))}") from None


def file_digest(path: Path) -> str:
    """SHA-256 of a file's bytes, for the provenance record."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def at_pointer(document: dict[str, Any], pointer: str) -> Any:
    """The node a JSON pointer (``/components/schemas/X``) names, or None."""
    node: Any = document
    for token in pointer.removeprefix("#").strip("/").split("/"):
        token = token.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def pointer_token(key: str | int) -> str:
    """One JSON pointer token (RFC 6901): ``~`` and ``/`` escaped."""
    return str(key).replace("~", "~0").replace("/", "~1")


def _first_line(message: str) -> str:
    return " ".join(message.split())
