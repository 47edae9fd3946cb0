"""``RedisTokenStore``: one token in Redis (or Valkey), shared by every process on every host.

Sync token sources use redis-py's ``redis.Redis``; async ones (``atoken()``, ``httpx.AsyncClient``)
use ``redis.asyncio`` on their own event loop (one connection pool per loop, since asyncio
connections cannot cross loops), so a renewal never blocks an event loop.

``pip install 'grantwire-core[redis]'`` (redis-py). The renewal lock is redis-py's own (a Lua-based
lock with a time to live, so a holder that dies costs at most that long); saving is
compare-and-set in one Lua script; the key is ``<prefix><key>``, one per client and subject. TLS
and authentication come with the URL (``rediss://:password@host:6380/0``). Tokens and the URL's
password never reach a log line or a repr.
"""

from __future__ import annotations

from typing import Any

from .errors import StoreUnavailable
from .redact import url_without_userinfo
from .store import AccessToken

DEFAULT_PREFIX = "grantwire:token:"

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


class RedisTokenStore:
    """A token under ``prefix + key`` in the Redis at ``url`` (or on a ``redis.Redis`` you pass).

    ``key`` names the client and subject (``"ringcentral:my-app:user-42"``); pick a ``prefix`` per
    application when several share one Redis. ``lock_ttl`` is how long a renewal may hold the lock
    (keep it at most a token call's total deadline); ``timeout`` bounds each Redis command.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        key: str,
        prefix: str = DEFAULT_PREFIX,
        client: Any = None,
        lock_ttl: float = 30.0,
        timeout: float = 5.0,
    ) -> None:
        try:
            import redis
        except ImportError:
            raise ImportError("RedisTokenStore needs redis-py: pip install 'grantwire-core[redis]'") from None
        if (url is None) == (client is None):
            raise TypeError("RedisTokenStore takes a url or a client, one of the two")
        if not key:
            raise ValueError("key must name the client and subject, e.g. 'ringcentral:my-app:user-42'")
        self._errors = (redis.ConnectionError, redis.TimeoutError, OSError)
        self._lock_errors = (redis.exceptions.LockError,)
        self.redis = (
            client
            if client is not None
            else redis.Redis.from_url(str(url), socket_timeout=timeout, socket_connect_timeout=timeout)
        )
        self._url, self._timeout, self._lock_ttl = url, timeout, lock_ttl
        self._shown = url_without_userinfo(url) if url else repr(client)
        self.key = prefix + key
        # thread_local=False: a renewal may take the lock in one thread and release it in another.
        self._lock = self.redis.lock(f"{self.key}:lock", timeout=lock_ttl, sleep=0.05, thread_local=False)
        self._compare_and_set = self.redis.register_script(_COMPARE_AND_SET)
        self._loops: dict[Any, tuple[Any, Any]] = {}  # event loop → (asyncio client, its lock)

    def __repr__(self) -> str:
        return f"RedisTokenStore({self._shown!r}, key={self.key!r})"

    def load(self) -> AccessToken | None:
        try:
            return _decoded(self.redis.get(self.key))
        except self._errors as error:
            raise self._unavailable("read", error) from None

    def save(self, token: AccessToken) -> None:
        try:
            self.redis.set(self.key, token.to_json())
        except self._errors as error:
            raise self._unavailable("write", error) from None

    def acquire(self, timeout: float) -> bool:
        try:
            return bool(self._lock.acquire(blocking_timeout=timeout))
        except self._errors as error:
            raise self._unavailable("lock", error) from None

    def release(self) -> None:
        try:
            self._lock.release()
        except self._lock_errors:
            pass  # expired meanwhile (its TTL): nothing to release
        except self._errors as error:
            raise self._unavailable("unlock", error) from None

    def compare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        expected_text = expected.access_token if expected is not None else ""
        try:
            return bool(self._compare_and_set(keys=[self.key], args=[expected_text, token.to_json()]))
        except self._errors as error:
            raise self._unavailable("write", error) from None

    # -- asyncio ------------------------------------------------------------------------------
    def _async_parts(self) -> tuple[Any, Any]:
        import asyncio

        import redis.asyncio

        loop = asyncio.get_running_loop()
        parts = self._loops.get(loop)
        if parts is None:
            if self._url is None:
                raise TypeError("an async token source needs RedisTokenStore(url=...), not a sync client")
            self._loops = {key: value for key, value in self._loops.items() if not key.is_closed()}
            client = redis.asyncio.Redis.from_url(
                self._url, socket_timeout=self._timeout, socket_connect_timeout=self._timeout
            )
            lock = client.lock(f"{self.key}:lock", timeout=self._lock_ttl, sleep=0.05, thread_local=False)
            parts = self._loops[loop] = (client, lock)
        return parts

    async def aload(self) -> AccessToken | None:
        client, _ = self._async_parts()
        try:
            return _decoded(await client.get(self.key))
        except self._errors as error:
            raise self._unavailable("read", error) from None

    async def asave(self, token: AccessToken) -> None:
        client, _ = self._async_parts()
        try:
            await client.set(self.key, token.to_json())
        except self._errors as error:
            raise self._unavailable("write", error) from None

    async def aacquire(self, timeout: float) -> bool:
        _, lock = self._async_parts()
        try:
            return bool(await lock.acquire(blocking_timeout=timeout))
        except self._errors as error:
            raise self._unavailable("lock", error) from None

    async def arelease(self) -> None:
        _, lock = self._async_parts()
        try:
            await lock.release()
        except self._lock_errors:
            pass
        except self._errors as error:
            raise self._unavailable("unlock", error) from None

    async def acompare_and_save(self, expected: AccessToken | None, token: AccessToken) -> bool:
        client, _ = self._async_parts()
        expected_text = expected.access_token if expected is not None else ""
        try:
            return bool(await client.eval(_COMPARE_AND_SET, 1, self.key, expected_text, token.to_json()))
        except self._errors as error:
            raise self._unavailable("write", error) from None

    def _unavailable(self, what: str, error: BaseException) -> StoreUnavailable:
        # The error's class only: redis-py's messages can name the host and port, never a token,
        # but they are not ours to vouch for.
        return StoreUnavailable(f"cannot {what} the token in Redis at {self._shown} ({type(error).__name__})")


def _decoded(text: bytes | str | None) -> AccessToken | None:
    """The stored token, or None for none and for anything that is not one."""
    if text is None:
        return None
    try:
        return AccessToken.from_json(text)
    except ValueError:
        return None


__all__ = ["DEFAULT_PREFIX", "RedisTokenStore"]
