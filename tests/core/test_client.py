"""grantwire_core.client: settings checked when the client is built, one httpx client per Client,
secret-free reprs, and a token source accepted as the bearer token."""

from __future__ import annotations

import base64
import threading

import pytest
from grantwire_core._internal.http import httpx
from grantwire_core.timeouts import Timeouts
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken

from tests.core.conftest import ExampleAuthenticatedClient, ExampleClient


def test_a_number_of_seconds_is_the_total_timeout() -> None:
    assert ExampleClient("https://api.example", timeout=10).timeout == Timeouts(connect=5.0, total=10)
    assert ExampleClient("https://api.example", timeout=2).timeout == Timeouts(connect=2, total=2)
    assert ExampleClient("https://api.example").with_timeout(7.5).timeout.total == 7.5


@pytest.mark.parametrize("timeout", ["10", True, httpx.Timeout(5.0), (1, 2)])
def test_anything_else_as_timeout_is_refused_when_the_client_is_built(timeout: object) -> None:
    with pytest.raises(TypeError, match="timeout must be a grantwire Timeouts or a number of seconds"):
        ExampleClient("https://api.example", timeout=timeout)  # type: ignore[arg-type]


def test_requests_carry_the_packages_user_agent() -> None:
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["User-Agent"])
        return httpx.Response(204)

    transport = httpx.MockTransport(answer)
    ExampleClient("https://api.example", httpx_args={"transport": transport}).get_httpx_client().get("/x")
    assert seen[0].startswith("grantwire-example/1.2.3 python/")
    assert seen[0].endswith(f" {httpx.__name__}/{httpx.__version__}")


def test_threads_making_the_first_call_together_share_one_httpx_client() -> None:
    client = ExampleClient("https://api.example")
    barrier = threading.Barrier(50)
    built: list[httpx.Client] = []
    lock = threading.Lock()

    def first_call() -> None:
        barrier.wait()
        http = client.get_httpx_client()
        with lock:
            built.append(http)

    threads = [threading.Thread(target=first_call) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(http) for http in built}) == 1
    client.close()


def test_reprs_hide_user_info_headers_and_tokens() -> None:
    client = ExampleAuthenticatedClient("https://id:s3cret@api.example/v1", "tok-123", headers={"X-Key": "k-456"})
    shown = repr(client)
    for secret in ("s3cret", "id:", "tok-123", "k-456"):
        assert secret not in shown
    assert "base_url='https://api.example/v1'" in shown


def test_user_info_in_the_base_url_is_sent_as_basic_auth_and_kept_out_of_the_url() -> None:
    seen: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(204)

    client = ExampleClient("https://id:s3cret@api.example", httpx_args={"transport": httpx.MockTransport(answer)})
    client.get_httpx_client().get("/x")
    assert str(seen[0].url) == "https://api.example/x"  # what httpx logs
    assert seen[0].headers["Authorization"] == "Basic " + base64.b64encode(b"id:s3cret").decode()


def test_a_token_source_is_accepted_as_the_bearer_token() -> None:
    source = TokenSource(
        fetch=lambda: AccessToken("at-source", expires_at=10**10),
        async_fetch=None,
        refresh=None,
        async_refresh=None,
    )
    seen: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["Authorization"])
        return httpx.Response(204)

    transport = httpx.MockTransport(answer)
    client = ExampleAuthenticatedClient("https://api.example", source, httpx_args={"transport": transport})
    client.get_httpx_client().get("/me")
    assert seen == ["Bearer at-source"]


def test_a_token_of_another_type_is_refused() -> None:
    with pytest.raises(TypeError, match=r"token must be a string or an httpx2/httpx Auth"):
        ExampleAuthenticatedClient("https://api.example", 12345)  # type: ignore[arg-type]


def test_with_headers_keeps_the_class_and_the_token() -> None:
    client = ExampleAuthenticatedClient("https://api.example", "tok").with_headers({"X-A": "1"})
    assert isinstance(client, ExampleAuthenticatedClient)
    assert client.token == "tok"
    assert client.get_httpx_client().headers["X-A"] == "1"
    assert client.get_httpx_client().headers["Authorization"] == "Bearer tok"
