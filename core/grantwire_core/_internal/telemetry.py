"""OpenTelemetry spans and metrics for operation calls, HTTP attempts and token renewals; renewal log lines.

With the ``otel`` extra (opentelemetry-api) installed, an operation call is one INTERNAL span named
after the operation, each HTTP attempt one CLIENT span beneath it (OpenTelemetry's HTTP client
semantic conventions), and each token renewal one span of its own; the metrics below go through the
metrics API. Whatever TracerProvider and MeterProvider the application sets (the usual
``opentelemetry.trace.set_tracer_provider``) receives them. Without the extra, ``ENABLED`` is
False, nothing of OpenTelemetry is imported, and the transport's hooks are one flag check.

Token renewals are logged (logger ``grantwire_core.tokens``) with or without the extra.

No attribute, event or log line carries a request body, a header or a query value: URLs are
``redact.loggable_url``'s, errors are named by their type only.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from .redact import loggable_url

if TYPE_CHECKING:
    from opentelemetry.metrics import Counter, Histogram
    from opentelemetry.trace import Span, Tracer

    from .http import httpx


def _installed() -> bool:
    try:
        # Finds the module without running it: importing OpenTelemetry waits for the first call.
        return importlib.util.find_spec("opentelemetry.trace") is not None
    except ModuleNotFoundError:
        return False


#: Whether opentelemetry-api is installed (the ``otel`` extra): checked once, at import.
ENABLED = _installed()

#: The tracer's and meter's instrumentation scope.
SCOPE = "grantwire_core"
#: Span and metric names (see the README, Observability).
RENEWAL_SPAN = "token renewal"
ATTEMPTS = "grantwire.http.client.attempts"
RETRIES = "grantwire.http.client.retries"
RENEWALS = "grantwire.token.renewals"
RENEWAL_WAIT = "grantwire.token.renewal.wait.duration"

#: Renewals, waits for another process's renewal and fallbacks (see docs/using-a-client.md).
logger = logging.getLogger("grantwire.tokens")
T = TypeVar("T")
A = TypeVar("A")


class _Instruments:
    """The tracer and the instruments, made on first use (proxies until a provider is set)."""

    def __init__(self) -> None:
        from opentelemetry import context, metrics, trace
        from opentelemetry.metrics import _internal as metrics_internal

        from .. import __version__

        self.trace = trace
        self.metrics = metrics
        # The key every OpenTelemetry HTTP instrumentation reads (private to the API, but shared).
        self.suppress_http_key: str = getattr(
            context, "_SUPPRESS_HTTP_INSTRUMENTATION_KEY", "suppress_http_instrumentation"
        )
        # The placeholders the API hands out until the application sets a provider.
        self._unset_tracers = trace.ProxyTracerProvider
        self._unset_meters: type = getattr(metrics_internal, "_ProxyMeterProvider", type(None))
        self.tracer: Tracer = trace.get_tracer(SCOPE, __version__)
        meter = metrics.get_meter(SCOPE, __version__)
        self.attempts: Counter = meter.create_counter(ATTEMPTS, "{attempt}", "HTTP attempts, by outcome")
        self.retries: Counter = meter.create_counter(RETRIES, "{retry}", "HTTP attempts sent again, by why")
        self.renewals: Counter = meter.create_counter(RENEWALS, "{renewal}", "Token renewals, by outcome")
        self.renewal_wait: Histogram = meter.create_histogram(
            RENEWAL_WAIT, "s", "How long a renewal waited before it had a token or sent its own request"
        )

    def recording(self) -> bool:
        """Whether the application has set a tracer or meter provider: until then, calls make no
        spans at all (the API's would be no-ops, at a cost the bench would see)."""
        return not isinstance(self.trace.get_tracer_provider(), self._unset_tracers) or not isinstance(
            self.metrics.get_meter_provider(), self._unset_meters
        )


_instruments: _Instruments | None = None


def _otel() -> _Instruments:
    global _instruments
    if _instruments is None:
        _instruments = _Instruments()
    return _instruments


# -- operation calls and their attempts ---------------------------------------------------------
class CallTrace:
    """One operation call's span, and one CLIENT span per attempt beneath it (made by the transport)."""

    __slots__ = ("attempt_span", "attempts", "last_outcome", "operation", "otel", "span")

    def __init__(self, operation: str) -> None:
        #: The tracer and instruments (made with the first call once OpenTelemetry is installed).
        self.otel = _otel()
        self.operation = operation
        self.span: Span | None = None
        #: The span of the attempt in flight.
        self.attempt_span: Span | None = None
        #: How many attempts have been sent.
        self.attempts = 0
        #: How the last attempt ended, for the operation span's attributes.
        self.last_outcome: str | None = None

    def run_sync(self, attempts: Callable[..., T], *arguments: Any) -> T:
        """``attempts(*arguments)`` inside the operation's span."""
        token = self._start()
        try:
            return attempts(*arguments)
        except BaseException as error:
            self._failed(error)
            raise
        finally:
            self._end(token)

    async def run_async(self, attempts: Callable[..., Awaitable[T]], *arguments: Any) -> T:
        """``run_sync`` for a coroutine function."""
        token = self._start()
        try:
            return await attempts(*arguments)
        except BaseException as error:
            self._failed(error)
            raise
        finally:
            self._end(token)

    def begin(self, attempt: int) -> None:
        """An attempt starts: its CLIENT span, and a retry counted by what the previous one met."""
        otel = self.otel
        if attempt > 1 and self.last_outcome is not None:
            otel.retries.add(1, {"grantwire.operation": self.operation, "grantwire.retry.reason": self.last_outcome})
        context = otel.trace.set_span_in_context(self.span) if self.span is not None else None
        self.attempt_span = otel.tracer.start_span(self.operation, context=context, kind=otel.trace.SpanKind.CLIENT)
        self.attempts = attempt

    def answered(self, request: httpx.Request | None, outcome: object) -> None:
        """The attempt's outcome (a status code, or the name of the transport error): its span ends."""
        span, self.attempt_span = self.attempt_span, None
        reason = str(outcome)
        self.last_outcome = reason
        attributes: dict[str, Any] = {"grantwire.operation": self.operation}
        if isinstance(outcome, int):
            attributes["http.response.status_code"] = outcome
            if outcome >= 400:
                attributes["error.type"] = reason
        else:
            attributes["error.type"] = reason
        if request is not None:
            attributes["http.request.method"] = request.method
            attributes["server.address"] = request.url.host
            attributes["server.port"] = request.url.port or (443 if request.url.scheme == "https" else 80)
        if span is None:
            return  # the body of an answered attempt failed to arrive: the attempt was counted
        self.otel.attempts.add(1, attributes)
        if request is not None:
            attributes["url.full"] = _full_url(request.url)
        if self.attempts > 1:
            attributes["http.request.resend_count"] = self.attempts - 1
        if request is not None:
            span.update_name(request.method)  # the semantic conventions' name: the method (no URL)
        span.set_attributes(attributes)
        if "error.type" in attributes:
            span.set_status(self.otel.trace.StatusCode.ERROR)
        span.end()

    def _start(self) -> object:
        from opentelemetry import context

        otel = self.otel
        self.span = otel.tracer.start_span(
            self.operation, kind=otel.trace.SpanKind.INTERNAL, attributes={"grantwire.operation": self.operation}
        )
        current = otel.trace.set_span_in_context(self.span)
        # Our CLIENT spans stand for the attempts: an HTTP instrumentation (opentelemetry-
        # instrumentation-httpx, with GRANTWIRE_HTTP=httpx) honours this key and adds none of its own.
        return context.attach(context.set_value(otel.suppress_http_key, True, current))

    def _failed(self, error: BaseException) -> None:
        assert self.span is not None
        self.span.set_attribute("error.type", type(error).__name__)
        self.span.set_status(self.otel.trace.StatusCode.ERROR)

    def _end(self, token: object) -> None:
        from opentelemetry import context

        context.detach(token)  # type: ignore[arg-type]
        if self.attempt_span is not None:  # an attempt that raised before it had an outcome
            self.attempt_span.end()
        span = self.span
        assert span is not None
        span.set_attribute("grantwire.attempts", self.attempts)
        if self.last_outcome is not None and self.last_outcome.isdigit() and int(self.last_outcome) >= 400:
            span.set_attribute("error.type", self.last_outcome)
            span.set_status(self.otel.trace.StatusCode.ERROR)
        span.end()


def _full_url(url: httpx.URL) -> str:
    # Without user info, query or fragment (every token endpoint's URL) there is nothing to mask,
    # and rebuilding the URL would cost more than the spans.
    if not url.userinfo and not url.query and not url.fragment:
        return str(url)
    return loggable_url(url)


def call_trace(operation: str) -> CallTrace | None:
    """The trace of one operation call, or None without OpenTelemetry or a provider set."""
    return CallTrace(operation) if ENABLED and _otel().recording() else None


# -- token renewals ------------------------------------------------------------------------------
class _Renewal:
    """What one renewal did, noted by the token source and the shared store's renewal."""

    __slots__ = ("fallback", "grant", "started", "wait", "waited")

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.grant: str | None = None
        self.wait: float | None = None
        self.waited = False
        self.fallback = False


_RENEWAL: ContextVar[_Renewal | None] = ContextVar("grantwire_renewal", default=None)


def renewing(grant: str) -> None:
    """This process sends its own token request now: ``refresh_token``, or ``original`` (the original grant)."""
    renewal = _RENEWAL.get()
    if renewal is None:
        return
    if renewal.grant == "refresh_token" and grant == "original":
        renewal.fallback = True
        logger.info("refresh token rejected: falling back to the original grant")
    renewal.grant = grant
    if renewal.wait is None:
        renewal.wait = time.monotonic() - renewal.started


def waited_for_another_process() -> None:
    """The token came from another process's renewal, which this one waited for (the store's lock)."""
    renewal = _RENEWAL.get()
    if renewal is None:
        return
    renewal.waited = True
    renewal.wait = time.monotonic() - renewal.started
    logger.info("waited %.1f ms for another process's renewal", renewal.wait * 1000)


def waited_in_vain(why: str) -> None:
    """A wait for another process's renewal ended with no token; ``why`` says how (never a secret)."""
    renewal = _RENEWAL.get()
    waited = 0.0
    if renewal is not None:
        renewal.waited = True
        renewal.wait = waited = time.monotonic() - renewal.started
    logger.warning("waited %.1f ms for another process's renewal, in vain: %s", waited * 1000, why)


def renewal_sync(renew: Callable[[A], T], argument: A, store: object) -> T:
    """``renew(argument)``, a token source's renewal: its span, metrics and log line."""
    renewal, reset, span = _begin_renewal()
    try:
        result = renew(argument)
    except BaseException as error:
        _end_renewal(renewal, span, store, error)
        raise
    finally:
        _RENEWAL.reset(reset)
    _end_renewal(renewal, span, store, None)
    return result


async def renewal_async(renew: Callable[[A], Awaitable[T]], argument: A, store: object) -> T:
    """``renewal_sync`` for a coroutine function."""
    renewal, reset, span = _begin_renewal()
    try:
        result = await renew(argument)
    except BaseException as error:
        _end_renewal(renewal, span, store, error)
        raise
    finally:
        _RENEWAL.reset(reset)
    _end_renewal(renewal, span, store, None)
    return result


def _begin_renewal() -> tuple[_Renewal, Any, tuple[Span, object] | None]:
    renewal = _Renewal()
    reset = _RENEWAL.set(renewal)
    if not ENABLED:
        return renewal, reset, None
    from opentelemetry import context

    otel = _otel()
    span = otel.tracer.start_span(RENEWAL_SPAN, kind=otel.trace.SpanKind.INTERNAL)
    return renewal, reset, (span, context.attach(otel.trace.set_span_in_context(span)))


def _end_renewal(
    renewal: _Renewal, opened: tuple[Span, object] | None, store: object, error: BaseException | None
) -> None:
    elapsed = time.monotonic() - renewal.started
    outcome = "failed" if error is not None else "renewed" if renewal.grant is not None else "stored"
    store_name = type(store).__name__
    grant = renewal.grant or "none"
    wait = renewal.wait if renewal.wait is not None else elapsed
    if error is not None:
        logger.warning(
            "token renewal failed: %s (%s grant, %s, %.1f ms)", type(error).__name__, grant, store_name, elapsed * 1000
        )
    elif outcome == "renewed":
        logger.info("token renewed (%s grant, %s, %.1f ms)", grant, store_name, elapsed * 1000)
    else:
        logger.info("token renewed by another process, read from %s (%.1f ms)", store_name, elapsed * 1000)
    if opened is None:
        return
    from opentelemetry import context

    otel = _otel()
    span, token = opened
    attributes: dict[str, Any] = {
        "grantwire.token.outcome": outcome,
        "grantwire.token.grant_type": grant,
        "grantwire.token.store": store_name,
    }
    otel.renewals.add(1, attributes)
    otel.renewal_wait.record(wait, attributes)
    attributes["grantwire.token.waited"] = renewal.waited
    attributes["grantwire.token.fallback"] = renewal.fallback
    attributes["grantwire.token.wait.duration"] = wait
    if error is not None:
        attributes["error.type"] = type(error).__name__
        span.set_status(otel.trace.StatusCode.ERROR)
    span.set_attributes(attributes)
    context.detach(token)  # type: ignore[arg-type]
    span.end()


__all__ = [
    "ENABLED",
    "CallTrace",
    "call_trace",
    "renewal_async",
    "renewal_sync",
    "renewing",
    "waited_for_another_process",
    "waited_in_vain",
]
