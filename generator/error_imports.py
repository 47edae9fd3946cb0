"""Which models an operation's module imports only when an error status needs them.

Upstream imports every model any documented response names at the top of the operation's module,
so a token call's cold start loads the classes of every error body the endpoint documents
(RingCentral's token endpoint: two error models beside the one it returns, a third of the models
that call imports). A model named only by error statuses (3xx-5xx) is imported where its status is
parsed, and for type checkers alone at the top, where the annotations name it. A model that the
success statuses, the ``default`` response (which may be a success), a parameter or a body also
need stays at the top.
"""

from __future__ import annotations

from collections.abc import Iterable

from openapi_python_client.parser.openapi import Endpoint
from openapi_python_client.parser.properties import Property

# Upstream's prefix for the models an operation's module imports (``parser.openapi``).
_PREFIX = "..."
_MODELS = f"from {_PREFIX}models."


def error_only_imports(endpoint: Endpoint) -> frozenset[str]:
    """The module's model imports that only its error statuses' bodies need."""
    needed_always: set[str] = set()
    needed_on_error: set[str] = set()
    for response in endpoint.responses.patterns:
        code_range = response.status_code.range
        on_error = code_range is not None and code_range[0] >= 300
        (needed_on_error if on_error else needed_always).update(_imports([response.prop]))
    if endpoint.responses.default is not None:
        needed_always.update(_imports([endpoint.responses.default.prop]))
    parameters = [
        *endpoint.path_parameters,
        *endpoint.query_parameters,
        *endpoint.header_parameters,
        *endpoint.cookie_parameters,
    ]
    needed_always.update(_imports([*parameters, *(body.prop for body in endpoint.bodies)]))
    return frozenset(
        line
        for line in needed_on_error - needed_always
        if line.startswith(_MODELS) and line in endpoint.relative_imports
    )


def imports_of(prop: Property) -> list[str]:
    """The import lines one property's value needs, sorted (lazy ones included, as upstream's
    operation modules take them)."""
    return sorted(_imports([prop]))


def _imports(props: Iterable[Property]) -> set[str]:
    lines: set[str] = set()
    for prop in props:
        lines |= prop.get_imports(prefix=_PREFIX)
        lines |= prop.get_lazy_imports(prefix=_PREFIX)
    return lines


__all__ = ["error_only_imports", "imports_of"]
