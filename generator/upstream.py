"""Every place the generator reaches into openapi-python-client's internals (pinned 0.29.1).

Upstream's public surface is its command line and config file; what this project needs beyond that
(dispatch tables, readable warnings) replaces or wraps private pieces. Each reach lives here, names
the upstream source it replaces in ``REPLACED``, and ``tests/generator/test_upstream.py`` fails when
that source changes on a version bump, so whoever bumps the pin re-reads each one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager

from openapi_python_client.schema.untrusted_string import UntrustedString

#: Upstream source (``module:qualified name``) that a reach here replaces or depends on, with the
#: SHA-256 of ``inspect.getsource`` at the pinned version.
REPLACED: dict[str, str] = {}


@contextmanager
def readable_untrusted_strings() -> Iterator[None]:
    """Upstream formats document strings (a response's status code) into its warnings with
    f-strings, which print ``<UntrustedString object at 0x…>``; while the block runs (parsing, not
    rendering: templates never format with ``format``) they print as a JSON string instead.

    JSON quoting keeps the value inert wherever it lands, which is why upstream wraps it at all.
    """
    # Upstream defines no __format__ of its own (a test checks), so removing ours restores object's.
    UntrustedString.__format__ = _as_json  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        del UntrustedString.__format__


def _as_json(self: UntrustedString, spec: str) -> str:
    return json.dumps(self.get_untrusted_value())
