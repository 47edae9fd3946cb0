"""``RedisTokenStore``: one token in Redis (or Valkey), shared by every process on every host.

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
from .tokens import AccessToken

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
        self._shown = url_without_userinfo(url) if url else repr(client)
        self.key = prefix + key
        # thread_local=False: a renewal may take the lock in one thread and release it in another.
        self._lock = self.redis.lock(f"{self.key}:lock", timeout=lock_ttl, sleep=0.05, thread_local=False)
        self._compare_and_set = self.redis.register_script(_COMPARE_AND_SET)

    def __repr__(self) -> str:
        return f"RedisTokenStore({self._shown!r}, key={self.key!r})"

    def load(self) -> AccessToken | None:
        try:
            text = self.redis.get(self.key)
        except self._errors as error:
            raise self._unavailable("read", error) from None
        if text is None:
            return None
        try:
            return AccessToken.from_json(text)
        except ValueError:
            return None

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

    def _unavailable(self, what: str, error: BaseException) -> StoreUnavailable:
        # The error's class only: redis-py's messages can name the host and port, never a token,
        # but they are not ours to vouch for.
        return StoreUnavailable(f"cannot {what} the token in Redis at {self._shown} ({type(error).__name__})")


__all__ = ["DEFAULT_PREFIX", "RedisTokenStore"]
