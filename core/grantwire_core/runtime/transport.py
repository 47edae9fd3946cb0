"""Sending one operation's request: attempts, backoff, deadline, logging and transport errors.

Sync and async share everything but the two loops at the bottom: the decisions live in ``_Call``.
Log records carry method, URL (no query values, no user info), status, attempt and elapsed time,
never a body or a header.
"""

from __future__ import annotations

import logging
import time
from typing import TYPE_CHECKING, Any

from .._internal.deadline import CALL_DEADLINE, WATCHDOG, socket_of
from .._internal.http import httpx
from .._internal.redact import loggable_url
from .._internal.telemetry import call_trace
from ..errors import ConnectError, RequestTimeout, ResponseValidationError, TransportError
from ..retry import RetryPolicy
from ..timeouts import Timeouts, TimeoutsLike, as_timeouts
from .package import ClientPackage

if TYPE_CHECKING:
    from ..client import Client

_ATTEMPTS = "grantwire.attempts"
# Failures that happen before a request leaves: even a single-use credential is safe to resend.
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
# Failures no retry can fix (a bad URL, a request httpx refuses to send).
_PERMANENT = (httpx.UnsupportedProtocol, httpx.LocalProtocolError)


class CallOptions:
    """What one call needs besides the request: its operation and package, policy and timeouts.

    Not frozen: one is made per call, and a frozen dataclass's __init__ costs ~1% of a call.
    Nothing mutates it after construction. Not a dataclass either: ``slots=True`` builds the class
    twice and compiles its methods in every process that imports an operation (~1 ms of a token
    call's cold start).
    """

    __slots__ = ("operation", "package", "retry", "single_use", "timeouts")

    operation: str
    """The operation's name, for errors and logs (``get_token``)."""
    package: ClientPackage
    """The client distribution that sends it."""
    retry: RetryPolicy | None
    """This call's retry policy."""
    timeouts: Timeouts | None
    """This call's timeouts."""
    single_use: bool
    """Whether the body carries a single-use credential (an authorization code): never resent once
    it may have reached the server."""

    def __init__(
        self,
        operation: str,
        package: ClientPackage,
        retry: RetryPolicy | None = None,
        timeouts: Timeouts | None = None,
        single_use: bool = False,
    ) -> None:
        self.operation = operation
        self.package = package
        self.retry = retry
        self.timeouts = timeouts
        self.single_use = single_use

    def __repr__(self) -> str:
        return (
            f"CallOptions(operation={self.operation!r}, package={self.package!r}, retry={self.retry!r}, "
            f"timeouts={self.timeouts!r}, single_use={self.single_use!r})"
        )

    def for_call(
        self,
        client: Client,
        body: object,
        retry: RetryPolicy | None,
        timeout: TimeoutsLike | None,
    ) -> CallOptions:
        """These options for one call: ``retry`` and ``timeout`` if given, else ``client``'s."""
        if not hasattr(client, "get_httpx_client"):  # one attribute lookup: this runs on every call
            raise TypeError(
                f"{self.operation}: client must be the package's Client or AuthenticatedClient, "
                f"got {type(client).__name__}"
            )
        # Built directly (not dataclasses.replace): this runs on every call.
        return CallOptions(
            self.operation,
            self.package,
            client.retry if retry is None else _retry_policy(retry),
            client.timeout if timeout is None else as_timeouts(timeout),
            getattr(body, "SINGLE_USE_CREDENTIAL", False),
        )

    @staticmethod
    def attempts_of(response: httpx.Response) -> int:
        """How many times the request of ``response`` was sent."""
        return int(response.extensions.get(_ATTEMPTS, 1))


def _retry_policy(retry: object) -> RetryPolicy:
    if isinstance(retry, RetryPolicy):
        return retry
    raise TypeError(f"retry must be a grantwire RetryPolicy, got {type(retry).__name__}")


class _Call:
    """One call across its attempts: decides whether and when to try again."""

    __slots__ = ("attempt", "attempt_started", "logger", "options", "policy", "request", "started", "timeouts", "trace")

    def __init__(self, options: CallOptions) -> None:
        assert options.retry is not None
        assert options.timeouts is not None
        self.policy = options.retry
        self.timeouts = options.timeouts
        self.options = options
        self.logger = options.package.logger
        self.request: httpx.Request | None = None
        self.started = self.attempt_started = self.policy.clock()
        self.attempt = 0
        # Spans and metrics (grantwire_core.telemetry): None unless OpenTelemetry is installed.
        self.trace = call_trace(options.operation)

    @property
    def method(self) -> str:
        return self.request.method if self.request is not None else "?"

    @property
    def url(self) -> str:
        # Worked out only when something is logged or raised: most calls need neither.
        return loggable_url(self.request.url) if self.request is not None else "?"

    def remaining(self) -> float:
        return self.timeouts.total - (self.policy.clock() - self.started)

    def begin(self) -> float:
        """Starts an attempt; returns the seconds it may take."""
        self.attempt += 1
        self.attempt_started = now = self.policy.clock()
        remaining = self.timeouts.total - (now - self.started)
        if remaining <= 0:
            raise self._deadline()
        if self.trace is not None:
            self.trace.begin(self.attempt)
        return remaining

    def attempt_timeout(self, client: Client, remaining: float) -> httpx.Timeout | Any:
        """The attempt's httpx timeouts: what is left of the total, the connect timeout at most.

        A first attempt under the client's own Timeouts keeps the httpx client's default, which
        was built from the same values, and saves building a Timeout per call.
        """
        if self.attempt == 1 and self.timeouts is client.timeout:
            return httpx.USE_CLIENT_DEFAULT
        return self.timeouts.for_attempt(remaining)

    def answered(self, response: httpx.Response) -> float | None:
        """Seconds to wait before retrying, or None when this response is the result."""
        self._log_attempt(response.status_code)
        response.extensions[_ATTEMPTS] = self.attempt
        if response.status_code not in self.policy.retry_statuses or self.options.single_use:
            return None
        return self._retry_delay(response.headers.get("Retry-After"), f"HTTP {response.status_code}")

    def failed(self, error: httpx.TransportError) -> float:
        """Seconds to wait before retrying after ``error``; raises when the call is over."""
        self._log_attempt(type(error).__name__)
        if self.remaining() <= 0:
            # Whatever broke the attempt (the deadline watchdog ends a trickling body by shutting
            # its socket), the call's total deadline is what ran out.
            raise self._deadline() from error
        may_have_arrived = not isinstance(error, _NOT_SENT)
        if not isinstance(error, _PERMANENT) and not (may_have_arrived and self.options.single_use):
            delay = self._retry_delay(None, type(error).__name__)
            if delay is not None:
                return delay
        raise self._error(error) from error

    def _retry_delay(self, retry_after: str | None, reason: str) -> float | None:
        if self.attempt > self.policy.max_retries:
            return None
        delay = self.policy.delay(self.attempt, retry_after)
        if delay >= self.remaining():
            return None
        self.logger.info(
            "%s %s: %s, retrying in %.2fs (attempt %d of %d)",
            self.method,
            self.url,
            reason,
            delay,
            self.attempt + 1,
            self.policy.max_retries + 1,
        )
        return delay

    def _log_attempt(self, outcome: object) -> None:
        if self.trace is not None:
            self.trace.answered(self.request, outcome)
        if self.logger.isEnabledFor(logging.DEBUG):
            elapsed = (self.policy.clock() - self.attempt_started) * 1000
            self.logger.debug(
                "%s %s -> %s (attempt %d, %.1f ms)", self.method, self.url, outcome, self.attempt, elapsed
            )

    def _error(self, error: httpx.TransportError) -> TransportError:
        what = f"{self.options.operation}: {self.method} {self.url}"
        tries = f"{self.attempt} attempt{'s' if self.attempt > 1 else ''}"
        if isinstance(error, httpx.ConnectError | httpx.ConnectTimeout | httpx.ProxyError):
            return ConnectError(f"{what}: could not connect ({type(error).__name__}, {tries})", attempts=self.attempt)
        if isinstance(error, httpx.TimeoutException):
            return RequestTimeout(f"{what}: {type(error).__name__} ({tries})", attempts=self.attempt)
        return TransportError(f"{what}: {type(error).__name__} ({tries})", attempts=self.attempt)

    def undecodable(self, response: httpx.Response) -> ResponseValidationError:
        """A body that cannot be decoded as its Content-Encoding says (httpx.DecodingError)."""
        self._log_attempt(response.status_code)
        encoding = response.headers.get("Content-Encoding", "none")
        return ResponseValidationError(
            operation=self.options.operation,
            status_code=response.status_code,
            problem=f"the body cannot be decoded as its Content-Encoding ({encoding}) says",
            excerpt=f"({response.headers.get('Content-Type') or 'no content type'})",
            attempts=self.attempt,
        )

    def _deadline(self) -> RequestTimeout:
        return RequestTimeout(
            f"{self.options.operation}: {self.method} {self.url}: total timeout of {self.timeouts.total:g}s "
            f"reached ({self.attempt} attempt{'s' if self.attempt > 1 else ''})",
            attempts=self.attempt,
        )


def send_sync(client: Client, request: dict[str, Any], options: CallOptions) -> httpx.Response:
    """Send ``request`` with ``client``, retrying and timing out as ``options`` say; only grantwire's
    errors leave it."""
    http = client.get_httpx_client()
    request["url"] = client.absolute_url(http, request["url"])
    call = _Call(options)
    # Every wait of the call (connect, headers, body) ends by its deadline: grantwire_core.deadline.
    deadline = CALL_DEADLINE.set(time.monotonic() + call.timeouts.total)
    try:
        if call.trace is not None:
            return call.trace.run_sync(_attempts_sync, http, request, call, client)
        return _attempts_sync(http, request, call, client)
    finally:
        CALL_DEADLINE.reset(deadline)


def _attempts_sync(http: httpx.Client, request: dict[str, Any], call: _Call, client: Client) -> httpx.Response:
    while True:
        remaining = call.begin()
        attempt = call.request = http.build_request(**request, timeout=call.attempt_timeout(client, remaining))
        try:
            response = http.send(attempt, stream=True)
        except httpx.TransportError as error:
            delay = call.failed(error)
        else:
            wait = call.answered(response)
            if wait is None:
                try:
                    _read_sync(response, call)
                except httpx.TransportError as error:
                    response.close()
                    delay = call.failed(error)
                except httpx.DecodingError as error:
                    response.close()
                    raise call.undecodable(response) from error
                else:
                    return response
            else:
                response.close()
                delay = wait
        call.policy.sleep(delay)


async def send_async(client: Client, request: dict[str, Any], options: CallOptions) -> httpx.Response:
    """``send_sync``, as a coroutine."""
    http = client.get_async_httpx_client()
    request["url"] = client.absolute_url(http, request["url"])
    call = _Call(options)
    deadline = CALL_DEADLINE.set(time.monotonic() + call.timeouts.total)  # this task's, see send_sync
    try:
        if call.trace is not None:
            return await call.trace.run_async(_attempts_async, http, request, call, client)
        return await _attempts_async(http, request, call, client)
    finally:
        CALL_DEADLINE.reset(deadline)


async def _attempts_async(
    http: httpx.AsyncClient, request: dict[str, Any], call: _Call, client: Client
) -> httpx.Response:
    while True:
        remaining = call.begin()
        attempt = call.request = http.build_request(**request, timeout=call.attempt_timeout(client, remaining))
        try:
            response = await http.send(attempt, stream=True)
        except httpx.TransportError as error:
            delay = call.failed(error)
        else:
            wait = call.answered(response)
            if wait is None:
                try:
                    await _read_async(response, call)
                except httpx.TransportError as error:
                    await response.aclose()
                    delay = call.failed(error)
                except httpx.DecodingError as error:
                    await response.aclose()
                    raise call.undecodable(response) from error
                else:
                    return response
            else:
                await response.aclose()
                delay = wait
        await call.policy.async_sleep(delay)


def _read_sync(response: httpx.Response, call: _Call) -> None:
    """The body, read within the call's deadline (see grantwire_core.deadline)."""
    sock = socket_of(response.extensions)
    if sock is None:
        response.read()
        return
    key = WATCHDOG.watch(time.monotonic() + call.remaining(), sock)
    try:
        response.read()
    finally:
        WATCHDOG.release(key)


async def _read_async(response: httpx.Response, call: _Call) -> None:
    sock = socket_of(response.extensions)
    if sock is None:
        await response.aread()
        return
    # The same watchdog: an asyncio.timeout here would cost every call a timer handle.
    key = WATCHDOG.watch(time.monotonic() + call.remaining(), sock)
    try:
        await response.aread()
    finally:
        WATCHDOG.release(key)


__all__ = ["CallOptions", "send_async", "send_sync"]
