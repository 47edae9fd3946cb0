"""``FileTokenStore``: one token in a file, shared by the processes of one host.

For web workers, cron jobs and command-line tools on one machine. The renewal lock is an ``flock``
of a file beside the token (``file_lock``): the operating system releases it when its holder dies,
even by ``kill -9``, and wakes every process waiting on it the moment it is released. Writes are
atomic (a temporary file in the same folder, then ``os.replace``), the file is created with mode 0600.

The store's files say what they are: ``{"format": "grantwire-token-file/1", "token": {...}}``.
Any other file (a ``settings.json`` given by mistake, something not JSON) is refused with
``NotATokenFile`` naming the path, at construction and whenever it is met later, and is never
written over: its bytes and mode stay as they were. Two shapes are the store's own besides its
format: an empty file (nothing to lose) and the exact token object version 0.1.0 wrote before the
marker existed, which is read and then rewritten in the current format on the next save. Writes are
atomic, so a file of this format cut short cannot happen; one whose token part is unreadable (edited
by hand) reads as "no token", with one warning.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
import time
from pathlib import Path

from ..errors import NotATokenFile, StoreUnavailable
from .access_token import AccessToken
from .file_lock import FileRenewalLock
from .renewal_outcome import RenewalFailure

logger = logging.getLogger("grantwire.tokens")

#: The format marker every file the store writes carries.
FORMAT = "grantwire-token-file/1"
#: The keys of the bare token object written before the marker (version 0.1.0): a file with exactly
#: these is the store's own.
_UNMARKED_KEYS = frozenset({"access_token", "expires_at", "refresh_token", "refresh_expires_at", "token_type", "scope"})


class FileTokenStore:
    """A token kept in ``path`` (mode 0600), with the renewal lock in ``path`` + ``.lock``.

    Give every client and subject its own path (``~/.cache/myapp/ringcentral-user-42.json``): a
    store holds one token.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        if not isinstance(path, str | os.PathLike):
            raise TypeError(f"FileTokenStore path must be a str or os.PathLike, got {type(path).__name__}")
        if not os.fspath(path).strip():
            raise NotATokenFile("FileTokenStore path ''", "is empty")
        self.path = Path(path)
        # Each problem met with the file is logged once, not on every load of every renewal.
        self._warned: set[str] = set()
        if self.path.parent.exists() and not self.path.parent.is_dir():
            raise NotATokenFile(str(self.path), "is inside a file, not a folder")
        # Refused now, at startup, rather than at the first renewal: the path names someone else's file.
        with contextlib.suppress(StoreUnavailable):  # unreadable now may be readable later
            self._read()
        self._lock = FileRenewalLock(Path(f"{self.path}.lock"))

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"

    def load(self) -> AccessToken | None:
        try:
            return self._read()
        except NotATokenFile as error:
            self._warn_once(str(error), "token file refused: %s", error)
            raise

    def _read(self) -> AccessToken | None:
        """The stored token; ``None`` for no file or an empty one; ``NotATokenFile`` for a file
        that is not the store's."""
        try:
            text = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise NotATokenFile(str(self.path), "is a directory, not a token file") from None
        except OSError as error:
            raise StoreUnavailable(f"cannot read the token file {self.path}: {error.strerror}") from None
        if not text.strip():
            return None
        try:
            data = json.loads(text)
        except ValueError:  # not JSON, or not UTF-8
            raise NotATokenFile(str(self.path), "is not a grantwire token file (not JSON)") from None
        if isinstance(data, dict) and data.get("format") == FORMAT:
            try:
                return AccessToken.from_json(json.dumps(data.get("token")))
            except ValueError:
                self._warn_once("token", "token file %s holds no readable token; treating it as empty", self.path)
                return None
        if isinstance(data, dict) and set(data) == _UNMARKED_KEYS:
            with contextlib.suppress(ValueError):
                return AccessToken.from_json(text)
        if isinstance(data, dict) and isinstance(data.get("format"), str) and data["format"].startswith("grantwire-"):
            raise NotATokenFile(str(self.path), f"has the format {data['format']!r}, which this version cannot read")
        raise NotATokenFile(str(self.path), f"is not a grantwire token file (no {FORMAT!r} format marker)")

    def _warn_once(self, cause: str, message: str, *arguments: object) -> None:
        if cause not in self._warned:
            self._warned.add(cause)
            logger.warning(message, *arguments)

    def save(self, token: AccessToken) -> None:
        """Write ``token`` atomically; a file that is not the store's is refused, never replaced."""
        self.load()
        self._write(token)

    def _write(self, token: AccessToken) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreUnavailable(f"cannot make the folder of the token file {self.path}: {error.strerror}") from None
        try:
            descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as error:
            raise StoreUnavailable(f"cannot write beside the token file {self.path}: {error.strerror}") from None
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:  # mkstemp creates it 0600
                file.write(f'{{"format": "{FORMAT}", "token": {token.to_json()}}}')
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def claim(self, timeout: float) -> bool:
        """Take the renewal lock if it is free; else wait (at most ``timeout``) until its holder
        releases it, and return False (``WakingTokenStore``)."""
        if self._lock.try_acquire():
            try:
                self._lock.write_outcome("{}")  # under way: an earlier failure is not this renewal's
            except BaseException:
                self._lock.release()
                raise
            return True
        self._lock.wait_released(timeout)
        return False

    def release_after(self, failure: RenewalFailure | None) -> None:
        """Leave the renewal's outcome for the waiters, then release the lock, which wakes them."""
        try:
            self._lock.write_outcome(failure.to_json() if failure is not None else "{}")
        finally:
            self._lock.release()

    def last_failure(self) -> RenewalFailure | None:
        return RenewalFailure.from_json(self._lock.read_outcome())

    def acquire(self, timeout: float) -> bool:
        """Take the renewal lock, waiting up to ``timeout`` seconds; False if it was not free."""
        deadline = time.monotonic() + timeout
        while not self.claim(max(0.0, deadline - time.monotonic())):
            if time.monotonic() >= deadline:
                return False
        return True

    def release(self) -> None:
        self.release_after(None)

    def compare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        """Save ``token`` if the stored one is still ``expected`` (call it holding the lock)."""
        stored = self.load()
        if (stored is None) != (expected is None) or (expected is not None and not expected.same_as(stored)):
            return False
        self._write(token)
        return True


__all__ = ["FORMAT", "FileTokenStore"]
