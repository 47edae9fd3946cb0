"""``FileTokenStore``: one token in a file, shared by the processes of one host.

For web workers, cron jobs and command-line tools on one machine. The renewal lock is a
``filelock.FileLock`` beside the file (the operating system releases it when its holder dies, even
by ``kill -9``), writes are atomic (a temporary file in the same folder, then ``os.replace``), the
file is created with mode 0600, and a corrupt or half-written file is read as "no token" with a
warning: never a crash.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tempfile
from pathlib import Path

from .errors import StoreUnavailable
from .store import AccessToken

logger = logging.getLogger("grantwire_core.tokens")


class FileTokenStore:
    """A token kept in ``path`` (mode 0600), with the renewal lock in ``path`` + ``.lock``.

    Give every client and subject its own path (``~/.cache/myapp/ringcentral-user-42.json``): a
    store holds one token.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        from filelock import FileLock  # imported with the store, not with grantwire_core

        self.path = Path(path)
        # thread_local=False: a renewal may take the lock in one thread (asyncio.to_thread) and
        # release it in another.
        self._lock = FileLock(f"{self.path}.lock", mode=0o600, thread_local=False)

    def __repr__(self) -> str:
        return f"FileTokenStore({str(self.path)!r})"

    def load(self) -> AccessToken | None:
        try:
            text = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as error:
            raise StoreUnavailable(f"cannot read the token file {self.path}: {error.strerror}") from None
        try:
            return AccessToken.from_json(text)
        except ValueError:
            # Written by something else, or cut short by a crash of a writer that did not use us.
            logger.warning("token file %s is not a stored token; treating it as empty", self.path)
            return None

    def save(self, token: AccessToken) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=f".{self.path.name}.")
        except OSError as error:
            raise StoreUnavailable(f"cannot write beside the token file {self.path}: {error.strerror}") from None
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as file:  # mkstemp creates it 0600
                file.write(token.to_json())
                file.flush()
                os.fsync(file.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise

    def acquire(self, timeout: float) -> bool:
        from filelock import Timeout

        try:
            self._lock.acquire(timeout=timeout)
        except Timeout:
            return False
        except OSError as error:
            raise StoreUnavailable(f"cannot lock the token file {self.path}: {error.strerror}") from None
        return True

    def release(self) -> None:
        self._lock.release()

    def compare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        """Save ``token`` if the stored one is still ``expected`` (call it holding the lock)."""
        stored = self.load()
        if (stored is None) != (expected is None) or (expected is not None and not expected.same_as(stored)):
            return False
        self.save(token)
        return True


__all__ = ["FileTokenStore"]
