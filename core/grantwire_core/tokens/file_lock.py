"""The renewal lock of ``FileTokenStore``: an ``flock`` on a file beside the token, whose waiters
the operating system wakes the moment it is released.

The holder keeps an exclusive ``flock``; a process that finds it taken blocks in the kernel on a
*shared* ``flock`` of the same file, which is granted to every waiter at once when the holder
releases it, or dies (the kernel drops a dead process's locks, even after ``kill -9``). Nobody
sleeps and looks again. A blocking ``flock`` has no timeout, so the wait runs in a helper thread
(one per lock and process at a time) and the caller waits on it for at most its timeout; a helper
outliving a timed-out wait ends when the lock is next released.

The lock file also carries the last renewal's outcome, written by the holder before it releases:
``{}`` while a renewal is under way, then ``{}`` again or the failure for its waiters.

Where ``fcntl`` does not exist (Windows), ``filelock`` takes the lock and waiters look again
every 50 ms.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from pathlib import Path
from typing import Any

if sys.platform != "win32":
    import fcntl

from ..errors import StoreUnavailable

#: How often a waiter looks again where the kernel cannot wake it (no ``fcntl``).
POLL_EVERY = 0.05


class FileRenewalLock:
    """An exclusive lock on ``path`` (mode 0600) whose waiters are woken when it is released."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._held: int | None = None  # the descriptor holding the exclusive lock
        self._waiting: _SharedLockWait | None = None
        self._guard = threading.Lock()
        self._fallback: Any = None  # filelock's lock, where the kernel cannot wake waiters
        if sys.platform == "win32":
            from filelock import FileLock

            # thread_local=False: taken in one thread (asyncio.to_thread), released in another.
            self._fallback = FileLock(str(path), mode=0o600, thread_local=False)

    def try_acquire(self) -> bool:
        """Take the lock if it is free, without waiting."""
        if self._fallback is not None:
            from filelock import Timeout

            try:
                self._fallback.acquire(timeout=0)
            except Timeout:
                return False
            return True
        descriptor = self._open()
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            return False
        except OSError as error:
            os.close(descriptor)
            raise self._unavailable(error) from None
        self._held = descriptor
        return True

    def wait_released(self, timeout: float) -> None:
        """Return when the holder releases the lock (or dies), or after ``timeout`` seconds."""
        if self._fallback is not None:
            threading.Event().wait(min(timeout, POLL_EVERY))
            return
        with self._guard:
            waiting = self._waiting
            if waiting is None or waiting.released.is_set():
                waiting = self._waiting = _SharedLockWait(self._open())
        waiting.released.wait(timeout)
        if waiting.error is not None:
            raise self._unavailable(waiting.error)

    def write_outcome(self, text: str) -> None:
        """Leave ``text`` in the lock file (only while holding it) for the processes that waited."""
        if self._held is None:
            return  # the fallback lock's file belongs to filelock
        try:
            os.ftruncate(self._held, 0)
            os.pwrite(self._held, text.encode(), 0)
        except OSError as error:
            raise self._unavailable(error) from None

    def read_outcome(self) -> str:
        """What the last holder left: a renewal failure's JSON, or "" when it succeeded."""
        try:
            return self.path.read_text(encoding="utf-8", errors="replace")
        except FileNotFoundError:
            return ""
        except OSError as error:
            raise self._unavailable(error) from None

    def release(self) -> None:
        if self._fallback is not None:
            self._fallback.release()
            return
        descriptor, self._held = self._held, None
        if descriptor is not None:
            os.close(descriptor)  # closing drops the flock, and the kernel wakes the waiters

    def _open(self) -> int:
        try:
            return os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise self._unavailable(error) from None

    def _unavailable(self, error: OSError) -> StoreUnavailable:
        return StoreUnavailable(f"cannot lock the token file {self.path}: {error.strerror}")


class _SharedLockWait:
    """A helper thread blocked on a shared ``flock`` of an open lock file; ``released`` is set once
    the kernel grants it (the exclusive holder is gone), and the shared lock is dropped at once."""

    def __init__(self, descriptor: int) -> None:
        self.released = threading.Event()
        self.error: OSError | None = None
        thread = threading.Thread(target=self._wait, args=(descriptor,), name="grantwire-file-lock", daemon=True)
        thread.start()

    def _wait(self, descriptor: int) -> None:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_SH)
        except OSError as error:
            self.error = error
        finally:
            with contextlib.suppress(OSError):
                os.close(descriptor)
            self.released.set()


__all__ = ["FileRenewalLock"]
