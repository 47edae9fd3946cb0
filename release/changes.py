"""A change between two releases, and the version bump it asks for.

Both diffs (release/api_diff.py over the Python API, release/spec_diff.py over the OpenAPI document)
report :class:`Change` values; release/plan.py turns the strongest one into the next version.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Impact(enum.IntEnum):
    """How much a change asks of the version, weakest first (so ``max`` picks the strongest)."""

    NONE = 0
    PATCH = 1  # something changed, nothing was added or removed (descriptions, implementation)
    ADDITION = 2  # something was added: an operation, an optional field, an enum value
    BREAKING = 3  # something was removed or narrowed: what worked before may fail now


@dataclass(frozen=True, order=True)
class Change:
    """One reason for a bump, as a person reads it in the plan and the changelog."""

    impact: Impact
    text: str  # "removed operation revokeToken (POST /oauth/revoke)"


def removed(text: str) -> Change:
    return Change(Impact.BREAKING, text)


def narrowed(text: str) -> Change:
    """A change that keeps the name but accepts or promises less (a field now required)."""
    return Change(Impact.BREAKING, text)


def added(text: str) -> Change:
    return Change(Impact.ADDITION, text)


def patched(text: str) -> Change:
    return Change(Impact.PATCH, text)
