"""OpenTelemetry's SDK, set up the usual way once per test session: every span goes to an in-memory
exporter and every metric to an in-memory reader, which each test reads from empty."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

pytest.importorskip("opentelemetry.sdk", reason="the otel tests need opentelemetry-sdk (the test group)")

from opentelemetry import metrics, trace
from opentelemetry.sdk.metrics import Counter, Histogram, MeterProvider
from opentelemetry.sdk.metrics.export import AggregationTemporality, InMemoryMetricReader, NumberDataPoint
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from tests.authserver.server import RegisteredClient, TestAuthorizationServer
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET

_EXPORTER = InMemorySpanExporter()
# Delta temporality: each read returns what happened since the previous one.
_READER = InMemoryMetricReader(
    preferred_temporality={Counter: AggregationTemporality.DELTA, Histogram: AggregationTemporality.DELTA}
)
_installed = False


@dataclass
class Telemetry:
    """What the SDK received during one test."""

    exporter: InMemorySpanExporter
    reader: InMemoryMetricReader

    def spans(self) -> list[ReadableSpan]:
        return list(self.exporter.get_finished_spans())

    def metrics(self) -> dict[str, list[tuple[dict[str, Any], float]]]:
        """``(attributes, value)`` of each point of each metric since the last read, by metric
        name (a histogram's value is its count)."""
        data = self.reader.get_metrics_data()
        found: dict[str, list[tuple[dict[str, Any], float]]] = {}
        for resource in data.resource_metrics if data is not None else []:
            for scope in resource.scope_metrics:
                for metric in scope.metrics:
                    for point in metric.data.data_points:
                        value = point.value if isinstance(point, NumberDataPoint) else point.count
                        found.setdefault(metric.name, []).append((dict(point.attributes or {}), value))
        return found


@pytest.fixture
def telemetry() -> Telemetry:
    global _installed
    if not _installed:
        trace.set_tracer_provider(_provider())
        metrics.set_meter_provider(MeterProvider(metric_readers=[_READER]))
        _installed = True
    _EXPORTER.clear()
    _READER.get_metrics_data()  # what earlier tests left is read away
    return Telemetry(_EXPORTER, _READER)


def _provider() -> TracerProvider:
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(_EXPORTER))
    return provider


@pytest.fixture
def auth_server() -> Iterator[TestAuthorizationServer]:
    """The token tests' rotating authorization server (tests/authserver/), one confidential client."""
    server = TestAuthorizationServer()
    server.register(RegisteredClient(CLIENT_ID, CLIENT_SECRET))
    with server.running():
        yield server
