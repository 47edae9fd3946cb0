"""``RedisTokenStore``: one token in Redis (or Valkey), shared by every process on every host.

``pip install 'grantwire-core[redis]'`` (redis-py). Everything of one token lives under one key
with a hash tag, ``<prefix>{<key>}`` (the token), ``…:lock``, ``…:waiters``, ``…:wake:<id>`` and
``…:outcome``, so that in a Redis Cluster all of them land in one slot and each script runs on one
node.

The renewal lock is a key with a time to live (``lock_ttl``: a holder that dies costs at most
that), taken and released by Lua scripts. A process that finds it taken registers itself as a
waiter and blocks in ``BLPOP`` on a wake key of its own; releasing the lock pushes to every
registered waiter's key in the same script, so waiters are woken the moment the holder is done,
with its failure left under ``…:outcome`` when it failed. No message can be missed (registering
and the lock attempt are one script), and if one is lost anyway (a restart), the ``BLPOP`` times
out when the lock would expire, or after ``FALLBACK_LOOK`` seconds, and the waiter looks again.

Sync token sources use ``redis.Redis``; async ones (``atoken()``, ``httpx.AsyncClient``) use
``redis.asyncio`` on their own event loop (one connection pool per loop, since asyncio connections
cannot cross loops), so a renewal never blocks an event loop. TLS and authentication come with the
URL (``rediss://user:password@host:6380/0``) or with a client you build (``client=``,
``async_client=``: a ``redis.Redis``, ``redis.asyncio.Redis`` or ``RedisCluster``). Tokens and
passwords never reach a log line, a repr or an error message.
"""

from __future__ import annotations

import ssl
import uuid
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import Any, TypeVar
from urllib.parse import urlsplit

from .._internal.redact import url_without_userinfo
from ..errors import ConfigurationError, StoreRefused, StoreUnavailable
from ..timeouts import positive_seconds
from .access_token import AccessToken
from .renewal_outcome import RenewalFailure

T = TypeVar("T")
#: The token a wake-up carried, for the next ``load`` of the same store in this thread or task.
_WOKEN_WITH: ContextVar[tuple[int, bytes | str] | None] = ContextVar("grantwire_redis_woken_with", default=None)
DEFAULT_PREFIX = "grantwire:token:"
#: The longest a waiter blocks before looking again, should a wake-up be lost.
FALLBACK_LOOK = 1.0
_SCHEMES = ("redis", "rediss", "unix")

# Compare-and-set: save ARGV[2] if the stored token's access_token is ARGV[1] ("" = nothing stored).
_COMPARE_AND_SET = """
local stored = redis.call('GET', KEYS[1])
local current = ''
if stored then current = cjson.decode(stored)['access_token'] end
if current == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2])
  return 1
end
return 0
"""

# Take the lock (KEYS[1]) for owner ARGV[1] for ARGV[2] ms, clearing the last outcome (KEYS[3]):
# {1}. Taken: register the wake key KEYS[4] among the waiters (KEYS[2]): {0, the lock's ms left}.
_CLAIM = """
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  redis.call('DEL', KEYS[3])
  return {1, 0}
end
redis.call('SADD', KEYS[2], KEYS[4])
redis.call('PEXPIRE', KEYS[2], ARGV[2])
return {0, redis.call('PTTL', KEYS[1])}
"""

# Release the lock KEYS[1] if owner ARGV[1] still holds it, leaving the outcome ARGV[2] ("" = none)
# under KEYS[3] for ARGV[3] ms; then wake every registered waiter (KEYS[2]) through its wake key,
# with the stored token (KEYS[4]) as the message, which spares each waiter a read of its own.
# The wake keys share the token's hash tag, so they live in the same slot as the declared keys.
_RELEASE = """
local owned = redis.call('GET', KEYS[1]) == ARGV[1]
if owned then
  redis.call('DEL', KEYS[1])
  if ARGV[2] ~= '' then redis.call('SET', KEYS[3], ARGV[2], 'PX', ARGV[3]) end
end
local token = redis.call('GET', KEYS[4])
if not token then token = '' end
local waiting = redis.call('SMEMBERS', KEYS[2])
redis.call('DEL', KEYS[2])
for _, wake in ipairs(waiting) do
  redis.call('RPUSH', wake, token)
  redis.call('PEXPIRE', wake, ARGV[3])
end
if owned then return 1 end
return 0
"""


class RedisTokenStore:
    """A token under ``prefix + "{" + key + "}"`` in the Redis at ``url`` (or on a client you pass).

    ``key`` names the client and subject (``"ringcentral:my-app:user-42"``); pick a ``prefix`` per
    application when several share one Redis. ``lock_ttl`` is how long a renewal may hold the lock
    (keep it at most a token call's total deadline); ``timeout`` bounds each Redis command.
    ``options`` are passed to ``redis.Redis.from_url`` (and ``redis.asyncio``'s), e.g.
    ``{"ssl_ca_certs": "/etc/ssl/redis-ca.pem"}``.

    A malformed ``url`` raises ``ConfigurationError`` here; nothing connects until the first
    renewal. Then an unreachable server is ``StoreUnavailable`` (after the token source's
    ``store_wait``), and a refused password, ACL or TLS certificate is ``StoreRefused`` at once;
    each names the host, never the password.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        key: str,
        prefix: str = DEFAULT_PREFIX,
        client: Any = None,
        async_client: Any = None,
        lock_ttl: float = 30.0,
        timeout: float = 5.0,
        options: Mapping[str, Any] | None = None,
    ) -> None:
        try:
            import redis
        except ImportError:
            raise ImportError("RedisTokenStore needs redis-py: pip install 'grantwire-core[redis]'") from None
        if (url is None) == (client is None and async_client is None):
            raise TypeError("RedisTokenStore takes a url or a client (client=, async_client=), one of the two")
        for name, text in (("key", key), ("prefix", prefix)):
            if not isinstance(text, str):
                raise TypeError(f"RedisTokenStore {name} must be a str, got {type(text).__name__}")
        if not key.strip() or "{" in key or "}" in key:
            raise ValueError("key must name the client and subject without braces, e.g. 'ringcentral:my-app:user-42'")
        positive_seconds(lock_ttl, "RedisTokenStore lock_ttl")
        positive_seconds(timeout, "RedisTokenStore timeout")
        self._redis = redis
        self._options = {"socket_timeout": timeout, "socket_connect_timeout": timeout, **(options or {})}
        self._url = url
        if url is not None:
            self._shown = _checked_url(url)
            try:
                client = redis.Redis.from_url(url, **self._options)
            except ValueError:
                raise ConfigurationError(
                    "RedisTokenStore url", f"is not a Redis URL redis-py accepts ({self._shown})"
                ) from None
        else:
            self._shown = _described(client if client is not None else async_client)
        self.redis = client  # None when only an async client was given
        self._async_client = async_client
        self._timeout, self._lock_ttl = timeout, lock_ttl
        self.key = f"{prefix}{{{key}}}"
        self._keys = [f"{self.key}:lock", f"{self.key}:waiters", f"{self.key}:outcome"]
        self._release_keys = [*self._keys, self.key]
        self._owner: str | None = None  # this store's token in the lock, while it holds it
        self._loops: dict[Any, Any] = {}  # event loop → its asyncio client

    def __repr__(self) -> str:
        return f"RedisTokenStore({self._shown!r}, key={self.key!r})"

    # -- sync ---------------------------------------------------------------------------------
    def load(self) -> AccessToken | None:
        pushed = self._pushed()
        if pushed is not None:
            return _decoded(pushed)
        return _decoded(self._call("read", self._sync().get, self.key))

    def save(self, token: AccessToken) -> None:
        self._call("write", self._sync().set, self.key, token.to_json())

    def compare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        expected_text = expected.access_token if expected is not None else ""
        client = self._sync()
        return bool(self._call("write", client.eval, _COMPARE_AND_SET, 1, self.key, expected_text, token.to_json()))

    def claim(self, timeout: float) -> bool:
        """Take the renewal lock if it is free; else wait (at most ``timeout``) to be woken by its
        holder's release, and return False (``WakingTokenStore``)."""
        client, (owner, wake) = self._sync(), self._claim_names()
        taken, left_ms = self._call("lock", client.eval, _CLAIM, 4, *self._keys, wake, owner, self._ttl_ms())
        if self._took(taken, owner):
            return True
        if (wait := self._wait_for(timeout, left_ms)) > 0:
            self._keep_pushed(self._call("wait on", client.blpop, [wake], wait, timeout_wakes=True))
        return False

    def release_after(self, failure: RenewalFailure | None) -> None:
        """Release the lock, leave the renewal's outcome and wake every waiter."""
        owner, self._owner = self._owner, None
        outcome = failure.to_json() if failure is not None else ""
        self._call("unlock", self._sync().eval, _RELEASE, 4, *self._release_keys, owner or "", outcome, self._ttl_ms())

    def last_failure(self) -> RenewalFailure | None:
        text = self._call("read", self._sync().get, self._keys[2])
        return RenewalFailure.from_json(text) if text else None

    def acquire(self, timeout: float) -> bool:
        """Take the renewal lock, waiting up to ``timeout`` seconds; False if it was not free."""
        import time

        deadline = time.monotonic() + timeout
        while not self.claim(max(0.0, deadline - time.monotonic())):
            if time.monotonic() >= deadline:
                return False
        return True

    def release(self) -> None:
        self.release_after(None)

    # -- asyncio ------------------------------------------------------------------------------
    async def aload(self) -> AccessToken | None:
        client = self._async()
        if client is None:
            return await _in_thread(self.load)
        pushed = self._pushed()
        if pushed is not None:
            return _decoded(pushed)
        return _decoded(await self._acall("read", client.get, self.key))

    async def asave(self, token: AccessToken) -> None:
        client = self._async()
        if client is None:
            return await _in_thread(self.save, token)
        await self._acall("write", client.set, self.key, token.to_json())

    async def acompare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        client = self._async()
        if client is None:
            return await _in_thread(self.compare_and_save, expected, token)
        expected_text = expected.access_token if expected is not None else ""
        return bool(
            await self._acall("write", client.eval, _COMPARE_AND_SET, 1, self.key, expected_text, token.to_json())
        )

    async def aclaim(self, timeout: float) -> bool:
        client = self._async()
        if client is None:
            return await _in_thread(self.claim, timeout)
        owner, wake = self._claim_names()
        taken, left_ms = await self._acall("lock", client.eval, _CLAIM, 4, *self._keys, wake, owner, self._ttl_ms())
        if self._took(taken, owner):
            return True
        if (wait := self._wait_for(timeout, left_ms)) > 0:
            self._keep_pushed(await self._acall("wait on", client.blpop, [wake], wait, timeout_wakes=True))
        return False

    async def arelease_after(self, failure: RenewalFailure | None) -> None:
        client = self._async()
        if client is None:
            return await _in_thread(self.release_after, failure)
        owner, self._owner = self._owner, None
        outcome = failure.to_json() if failure is not None else ""
        await self._acall("unlock", client.eval, _RELEASE, 4, *self._release_keys, owner or "", outcome, self._ttl_ms())

    async def alast_failure(self) -> RenewalFailure | None:
        client = self._async()
        if client is None:
            return await _in_thread(self.last_failure)
        text = await self._acall("read", client.get, self._keys[2])
        return RenewalFailure.from_json(text) if text else None

    async def aacquire(self, timeout: float) -> bool:
        import time

        deadline = time.monotonic() + timeout
        while not await self.aclaim(max(0.0, deadline - time.monotonic())):
            if time.monotonic() >= deadline:
                return False
        return True

    async def arelease(self) -> None:
        await self.arelease_after(None)

    async def aclose(self) -> None:
        """Close the asyncio client of the running event loop (before the loop ends, so that no
        connection is left open on a closed loop); the next async renewal on a loop opens another."""
        import asyncio

        client = self._loops.pop(asyncio.get_running_loop(), None)
        if client is not None:
            await client.aclose()

    # -- shared -------------------------------------------------------------------------------
    def _sync(self) -> Any:
        if self.redis is None:
            raise TypeError("a sync token source needs RedisTokenStore(url=...) or client=, not only async_client=")
        return self.redis

    def _async(self) -> Any:
        """This event loop's asyncio client; None where there is none (only a sync ``client=``:
        its calls then run in a worker thread)."""
        if self._async_client is not None:
            return self._async_client
        if self._url is None:
            return None
        import asyncio

        import redis.asyncio

        loop = asyncio.get_running_loop()
        client = self._loops.get(loop)
        if client is None:
            self._loops = {key: value for key, value in self._loops.items() if not key.is_closed()}
            client = self._loops[loop] = redis.asyncio.Redis.from_url(self._url, **self._options)
        return client

    def _ttl_ms(self) -> int:
        return max(1, int(self._lock_ttl * 1000))

    def _wait_for(self, timeout: float, left_ms: int) -> float:
        """How long to block for a wake-up: until the lock would expire (a dead holder's does), or
        ``FALLBACK_LOOK``, within ``timeout`` and below the socket's own timeout."""
        socket_timeout = self._options.get("socket_timeout") or FALLBACK_LOOK * 2
        longest = min(timeout, FALLBACK_LOOK, float(socket_timeout) * 0.8)
        if left_ms > 0:
            longest = min(longest, left_ms / 1000 + 0.01)
        return round(longest, 3) if longest >= 0.01 else 0.0

    def _claim_names(self) -> tuple[str, str]:
        """A new owner token for the lock, and a new wake key for this wait."""
        return uuid.uuid4().hex, f"{self.key}:wake:{uuid.uuid4().hex}"

    def _took(self, taken: int, owner: str) -> bool:
        _WOKEN_WITH.set(None)  # a token pushed to an earlier wait is no read for this one
        if taken:
            self._owner = owner
        return bool(taken)

    def _keep_pushed(self, popped: Any) -> None:
        """Keep the token a wake-up carried (``BLPOP``'s ``[key, token]``) for this thread's or
        task's next ``load``, which follows at once."""
        if popped and popped[1]:
            _WOKEN_WITH.set((id(self), popped[1]))

    def _pushed(self) -> bytes | str | None:
        woken = _WOKEN_WITH.get()
        if woken is None or woken[0] != id(self):
            return None
        _WOKEN_WITH.set(None)
        return woken[1]

    def _call(self, what: str, operation: Any, *arguments: Any, timeout_wakes: bool = False) -> Any:
        """``operation(*arguments)`` with redis-py's errors as ours; with ``timeout_wakes``, a
        socket timeout (a blocking wait that outlived it) is a fallback look, as if woken."""
        try:
            return operation(*arguments)
        except (self._redis.RedisError, OSError) as error:
            return self._unless_woken(what, error, timeout_wakes)

    async def _acall(self, what: str, operation: Any, *arguments: Any, timeout_wakes: bool = False) -> Any:
        try:
            return await operation(*arguments)
        except (self._redis.RedisError, OSError) as error:
            return self._unless_woken(what, error, timeout_wakes)

    def _unless_woken(self, what: str, error: BaseException, timeout_wakes: bool) -> None:
        if timeout_wakes and isinstance(error, self._redis.TimeoutError):
            return
        raise self._failed(what, error) from error

    def _failed(self, what: str, error: BaseException) -> StoreUnavailable:
        # The error's class only: redis-py's messages can name the host and port, never a token,
        # but they are not ours to vouch for.
        exceptions = self._redis.exceptions
        refused = (
            exceptions.AuthenticationError,
            exceptions.AuthorizationError,
            exceptions.NoPermissionError,
            exceptions.AuthenticationWrongNumberOfArgsError,
        )
        if isinstance(error, refused) or _caused_by(error, ssl.SSLCertVerificationError):
            return StoreRefused(
                f"Redis at {self._shown} refused to {what} the token ({type(error).__name__}): check the "
                "user, password, its ACL (the keys under the prefix, and GET, SET, EVAL, BLPOP) and the TLS CA"
            )
        return StoreUnavailable(f"cannot {what} the token in Redis at {self._shown} ({type(error).__name__})")


def _checked_url(url: object) -> str:
    """``url`` as shown in reprs and errors (no user info); ``ConfigurationError`` if it is not a
    Redis URL with a host."""
    if not isinstance(url, str):
        raise TypeError(f"RedisTokenStore url must be a str, got {type(url).__name__}")
    rule = "must be redis://[user:password@]host[:port][/db], rediss://… (TLS) or unix:///path"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number
    except ValueError:
        raise ConfigurationError("RedisTokenStore url", f"{rule}; its port is not a number") from None
    host = parts.hostname or ""
    if parts.scheme not in _SCHEMES:
        raise ConfigurationError("RedisTokenStore url", f"{rule}; got scheme {parts.scheme or '(none)'!r}")
    if parts.scheme != "unix" and not host:
        raise ConfigurationError("RedisTokenStore url", f"{rule}; it names no host")
    return url_without_userinfo(url)


def _described(client: Any) -> str:
    """A client as shown in reprs and errors: its host and port where redis-py says them."""
    pool = getattr(client, "connection_pool", None)
    settings = getattr(pool, "connection_kwargs", None) or {}
    if "host" in settings:
        return f"{settings['host']}:{settings.get('port', 6379)}"
    nodes = getattr(client, "startup_nodes", None) or getattr(client, "nodes_manager", None)
    return type(client).__name__ if nodes is None else f"{type(client).__name__} cluster"


def _caused_by(error: BaseException, kind: type[BaseException]) -> bool:
    seen: BaseException | None = error
    while seen is not None:
        # redis-py wraps a failed TLS handshake in its ConnectionError, sometimes only by message.
        if isinstance(seen, kind) or "CERTIFICATE_VERIFY_FAILED" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


async def _in_thread(function: Callable[..., T], *arguments: Any) -> T:
    import asyncio

    return await asyncio.to_thread(function, *arguments)


def _decoded(text: bytes | str | None) -> AccessToken | None:
    """The stored token, or None for none and for anything that is not one."""
    if text is None:
        return None
    try:
        return AccessToken.from_json(text)
    except ValueError:
        return None


__all__ = ["DEFAULT_PREFIX", "FALLBACK_LOOK", "RedisTokenStore"]
