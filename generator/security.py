"""Which operations need an authenticated client.

Upstream decides from the operation's own ``security`` alone, and treats any list as "required".
OpenAPI says more: an operation without ``security`` inherits the document's, and an empty
requirement (``{}``) in the list makes authentication optional. Token endpoints rely on the latter:
Docusign's JWT grant and RingCentral's public clients send no client credentials at all.
"""

from __future__ import annotations

import re
from typing import Any

_PARAMETER = re.compile(r"\{[^}]*\}")
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def path_shape(path: str) -> str:
    """The path with its parameter names blanked: upstream renames them to snake_case."""
    return _PARAMETER.sub("{}", path)


def operations_requiring_auth(document: dict[str, Any]) -> dict[tuple[str, str], bool]:
    """Map ``(path_shape(path), method)`` to whether the operation must be called with credentials."""
    default = document.get("security") or []
    result: dict[tuple[str, str], bool] = {}
    for path, item in document.get("paths", {}).items():
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            requirements = operation.get("security", default) or []
            result[(path_shape(path), method)] = bool(requirements) and {} not in requirements
    return result
