"""What a token is: ``AccessToken``, an access token, its refresh token and when each stops working.

A leaf: the stores, the token sources and the record of a failed renewal all build on it.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from .._internal.records import FrozenRecord
from .._internal.redact import secret_repr


# A frozen dataclass whose methods are written out, so that importing it compiles nothing (see
# FrozenRecord): a token call's cold start imports it.
@dataclass(init=False, repr=False, eq=False)
class AccessToken(FrozenRecord):
    """A token and when it (and its refresh token) stop working, as ``clock`` seconds."""

    access_token: str = field(repr=False)
    """The token to send (never in a repr)."""
    expires_at: float
    """When the access token stops working."""
    refresh_token: str | None = field(default=None, repr=False)
    """The refresh token the grant returned, if any (never in a repr)."""
    refresh_expires_at: float | None = None
    """When the refresh token stops working, where the server says."""
    token_type: str = "Bearer"
    """The token type the server returned."""
    scope: str | None = None
    """The scopes the server granted, space-separated, where it says."""

    def __init__(
        self,
        access_token: str,
        expires_at: float,
        refresh_token: str | None = None,
        refresh_expires_at: float | None = None,
        token_type: str = "Bearer",
        scope: str | None = None,
    ) -> None:
        set_field = object.__setattr__
        set_field(self, "access_token", access_token)
        set_field(self, "expires_at", expires_at)
        set_field(self, "refresh_token", refresh_token)
        set_field(self, "refresh_expires_at", refresh_expires_at)
        set_field(self, "token_type", token_type)
        set_field(self, "scope", scope)

    def __repr__(self) -> str:
        return (
            f"AccessToken(access_token={secret_repr(self.access_token)}, expires_at={self.expires_at!r}, "
            f"refresh_token={secret_repr(self.refresh_token)}, refresh_expires_at={self.refresh_expires_at!r}, "
            f"token_type={self.token_type!r}, scope={self.scope!r})"
        )

    def fresh_at(self, now: float, skew: float) -> bool:
        """Whether the access token still works ``skew`` seconds after ``now``."""
        return now < self.expires_at - skew

    def refreshable_at(self, now: float) -> bool:
        """Whether there is a refresh token that has not expired at ``now``."""
        return self.refresh_token is not None and (self.refresh_expires_at is None or now < self.refresh_expires_at)

    def same_as(self, other: AccessToken | None) -> bool:
        """Whether ``other`` is this token (the same access token), for compare-and-set."""
        return other is not None and other.access_token == self.access_token

    def to_json(self) -> str:
        """The token as JSON, for stores that keep it outside the process."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> AccessToken:
        """The token ``to_json`` wrote; ``ValueError`` for anything else (a corrupt file, say)."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("a stored token must be a JSON object")
        try:
            token = cls(**data)
        except TypeError:
            raise ValueError("a stored token has unknown or missing fields") from None
        if not isinstance(token.access_token, str) or not isinstance(token.expires_at, int | float):
            raise ValueError("a stored token has fields of the wrong type")
        return token
