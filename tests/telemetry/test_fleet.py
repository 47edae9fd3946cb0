"""A renewal in a fleet: a token source that waits for another process's renewal (a FileTokenStore's
lock) says so in its span, its wait histogram and a log line on ``grantwire.tokens``, also when
the wait ends with no token (the holder's renewal failed, or the lock stayed taken)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.errors import StoreUnavailable, TokenUnavailable
from grantwire_core.tokens.file_store import FileTokenStore
from grantwire_core.tokens.renewal_outcome import RenewalFailure
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken
from grantwire_ringcentral import Client
from grantwire_ringcentral.tokens import RingCentralTokenSource

from tests.authserver.server import TestAuthorizationServer
from tests.telemetry.conftest import Telemetry
from tests.tokens.conftest import CLIENT_ID, CLIENT_SECRET
from tests.tokens.test_real_server import Caller, password, ringcentral
from tests.tokens.token_server import Clock


class SignallingStore(FileTokenStore):
    """A FileTokenStore that tells the test when its renewal waits for the lock: after it found the
    lock taken, so that whatever the holder does next is something this store waited for. (Told
    as ``claim`` begins, a holder released before the store's first try, and the store renewed
    itself as a process arriving after the failure would.)"""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.claiming = threading.Event()
        lock = self._lock
        wait_released = lock.wait_released

        def waiting(timeout: float) -> None:
            self.claiming.set()
            wait_released(timeout)

        lock.wait_released = waiting  # type: ignore[method-assign]


@pytest.fixture(params=["sync", "async"])
def caller(request: pytest.FixtureRequest) -> Iterator[Caller]:
    runner = Caller(request.param)
    yield runner
    runner.close()


def test_a_renewal_that_waits_for_another_process_says_so(
    auth_server: TestAuthorizationServer,
    telemetry: Telemetry,
    caller: Caller,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    clock = Clock()
    path = tmp_path / "token.json"
    other_process = FileTokenStore(path)  # holds the renewal lock, as a process renewing now would
    assert other_process.claim(5.0)
    waiting = SignallingStore(path)
    source = ringcentral(auth_server, password(), clock)
    client = Client(base_url=auth_server.url, httpx_args={"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    source_store = RingCentralTokenSource(client, password(), clock=clock, store=waiting)
    got: list[AccessToken] = []
    with caplog.at_level(logging.INFO, logger="grantwire.tokens"):
        worker = threading.Thread(target=lambda: got.append(caller.token(source_store)))
        worker.start()
        assert waiting.claiming.wait(10)
        renewed = source.token()  # the other process's renewal, from the same server
        other_process.save(renewed)
        other_process.release_after(None)
        worker.join(30)

    assert [token.access_token for token in got] == [renewed.access_token]
    assert auth_server.grant_types == ["password"]  # the waiting source sent no request
    [waited] = [span for span in telemetry.spans() if span.attributes and span.attributes.get("grantwire.token.waited")]
    assert waited.attributes is not None
    assert waited.attributes["grantwire.token.outcome"] == "stored"
    assert waited.attributes["grantwire.token.store"] == "SignallingStore"
    wait = waited.attributes["grantwire.token.wait.duration"]
    assert isinstance(wait, float)
    assert wait > 0
    waits = telemetry.metrics()["grantwire.token.renewal.wait.duration"]
    assert [value for point, value in waits if point["grantwire.token.outcome"] == "stored"] == [1]
    assert any(
        "waited" in record.getMessage() and "another process" in record.getMessage() for record in caplog.records
    )


def test_a_wait_that_ends_with_the_holders_failure_says_so(
    auth_server: TestAuthorizationServer,
    telemetry: Telemetry,
    caller: Caller,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = tmp_path / "token.json"
    other_process = FileTokenStore(path)  # renewing now; its renewal will fail
    assert other_process.claim(5.0)
    waiting = SignallingStore(path)
    client = Client(base_url=auth_server.url, httpx_args={"auth": httpx.BasicAuth(CLIENT_ID, CLIENT_SECRET)})
    source = RingCentralTokenSource(client, password(), clock=Clock(), store=waiting)
    raised: list[BaseException] = []

    def ask() -> None:
        try:
            caller.token(source)
        except TokenUnavailable as error:
            raised.append(error)

    with caplog.at_level(logging.INFO, logger="grantwire.tokens"):
        worker = threading.Thread(target=ask)
        worker.start()
        assert waiting.claiming.wait(10)
        other_process.release_after(RenewalFailure.of(TokenUnavailable("the user revoked the app"), None))
        worker.join(30)

    assert [type(error) for error in raised] == [TokenUnavailable]
    assert auth_server.grant_types == []  # the waiter took the holder's failure, sent nothing
    [renewal] = [span.attributes or {} for span in telemetry.spans() if span.name == "token renewal"]
    assert (renewal["grantwire.token.outcome"], renewal["grantwire.token.waited"]) == ("failed", True)
    lines = [record for record in caplog.records if record.name == "grantwire.tokens"]
    assert any(
        record.levelno == logging.WARNING
        and "another process's renewal" in record.getMessage()
        and "TokenUnavailable" in record.getMessage()
        for record in lines
    )


def test_a_wait_that_times_out_says_so(telemetry: Telemetry, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    path = tmp_path / "token.json"
    other_process = FileTokenStore(path)  # holds the lock for the whole test
    assert other_process.claim(5.0)

    def fetch() -> AccessToken:
        raise AssertionError("a waiter that times out sends no request")

    source = TokenSource(
        fetch=fetch, async_fetch=None, refresh=None, async_refresh=None, store=FileTokenStore(path), store_wait=0.3
    )
    with caplog.at_level(logging.INFO, logger="grantwire.tokens"), pytest.raises(StoreUnavailable):
        source.token()
    other_process.release_after(None)

    [renewal] = [span.attributes or {} for span in telemetry.spans() if span.name == "token renewal"]
    assert (renewal["grantwire.token.outcome"], renewal["grantwire.token.waited"]) == ("failed", True)
    [line] = [record for record in caplog.records if record.name == "grantwire.tokens" and "waited" in record.msg]
    assert line.levelno == logging.WARNING
    assert "not free within 0.3s" in line.getMessage()
