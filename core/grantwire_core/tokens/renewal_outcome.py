"""A failed renewal, as one process leaves it in a shared store for the processes that waited on it.

When the process holding a store's renewal lock fails (the token server answers 400
``invalid_grant``, 503, or cannot be reached), every process waiting on that lock is woken with
the same error instead of each sending a token request of its own: a failure costs the fleet what
it costs one process. What crosses processes is the error's class, its message (messages never
carry a secret: see ``errors``) and the few fields its class is rebuilt from; the renewal it
belongs to is named by a fingerprint of the token it started from, never by the token itself.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from .. import errors

if TYPE_CHECKING:
    from .access_token import AccessToken


def fingerprint(token: AccessToken | None) -> str:
    """Which token a renewal started from, without the token: a short hash ("" for none)."""
    if token is None:
        return ""
    return hashlib.sha256(token.access_token.encode()).hexdigest()[:24]


@dataclass(frozen=True)
class RenewalFailure:
    """How a renewal failed: ``started_from`` is the ``fingerprint`` of the token it renewed."""

    started_from: str
    error_class: str
    """The class name of the error the renewal raised (``ServerError``)."""
    message: str
    """That error's message (messages never carry secrets)."""
    operation: str | None = None
    """The operation that failed, where the error names one."""
    status_code: int | None = None
    """The HTTP status, for a status error."""
    error: str | None = None
    """The OAuth ``error`` code (``invalid_grant``), where the body had one."""

    @classmethod
    def of(cls, error: errors.GrantwireError, started_from: AccessToken | None) -> RenewalFailure:
        """The failure of a renewal from ``started_from`` that raised ``error``."""
        return cls(
            started_from=fingerprint(started_from),
            error_class=type(error).__name__,
            message=str(error),
            operation=getattr(error, "operation", None),
            status_code=getattr(error, "status_code", None),
            error=getattr(error, "error", None),
        )

    def to_json(self) -> str:
        """This failure as JSON, as a store keeps it for the processes that waited."""
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str | bytes) -> RenewalFailure | None:
        """The failure ``to_json`` wrote; ``None`` for anything else (nothing recorded, a torn read)."""
        try:
            data = json.loads(text)
            failure = cls(**data)
        except (ValueError, TypeError):
            return None
        return failure if isinstance(failure.started_from, str) and isinstance(failure.message, str) else None

    def rebuilt(self) -> errors.GrantwireError:
        """The error to raise in a waiting process: the holder's own class where it can be rebuilt
        from what was recorded (``TokenUnavailable``, the status errors, the transport errors),
        else ``RenewalFailed`` naming that class."""
        if self.error_class == errors.TokenUnavailable.__name__:
            return errors.TokenUnavailable(self.message)
        found = getattr(errors, self.error_class, None)
        if isinstance(found, type) and issubclass(found, errors.APIStatusError) and self.status_code is not None:
            return found(
                operation=self.operation or "token request",
                status_code=self.status_code,
                headers={},
                body=None,
                error=self.error,
                error_description=None,
            )
        if isinstance(found, type) and issubclass(found, errors.TransportError):
            return found(self.message, attempts=1)
        if isinstance(found, type) and issubclass(found, errors.StoreUnavailable):
            return found(self.message)
        return errors.RenewalFailed(self.error_class, self.message)


__all__ = ["RenewalFailure", "fingerprint"]
