"""RedisTokenStore's constructor swept (construction only: nothing connects until the first
renewal, so no server is needed): each wrong argument is one error naming it, with no password."""

from __future__ import annotations

from typing import Any

import pytest
from grantwire_core.errors import ConfigurationError
from grantwire_core.tokens.redis_store import RedisTokenStore

PASSWORD = "pa55-SECRET"
URL = f"redis://:{PASSWORD}@localhost:6379/0"

CASES: list[tuple[dict[str, Any], type[Exception], str]] = [
    ({"url": None}, TypeError, "RedisTokenStore takes a url or a client"),
    ({"url": 6379}, TypeError, "RedisTokenStore url must be a str, got int"),
    ({"url": ""}, ConfigurationError, "RedisTokenStore url must be redis://"),
    ({"url": f"http://:{PASSWORD}@localhost:6379"}, ConfigurationError, "RedisTokenStore url must be redis://"),
    ({"url": f"redis://:{PASSWORD}@localhost:port/0"}, ConfigurationError, "RedisTokenStore url must be redis://"),
    ({"url": "redis://"}, ConfigurationError, "RedisTokenStore url must be redis://"),
    ({"key": ""}, ValueError, "key must name the client and subject without braces"),
    ({"key": "  "}, ValueError, "key must name the client and subject without braces"),
    ({"key": "user-{42}"}, ValueError, "key must name the client and subject without braces"),
    ({"key": 42}, TypeError, "RedisTokenStore key must be a str, got int"),
    ({"prefix": None}, TypeError, "RedisTokenStore prefix must be a str, got NoneType"),
    ({"lock_ttl": 0}, ValueError, "RedisTokenStore lock_ttl must be a positive number of seconds, got 0"),
    ({"lock_ttl": "30"}, ValueError, "RedisTokenStore lock_ttl must be a positive number of seconds, got '30'"),
    ({"timeout": -1.0}, ValueError, "RedisTokenStore timeout must be a positive number of seconds, got -1.0"),
    ({"timeout": True}, ValueError, "RedisTokenStore timeout must be a positive number of seconds, got True"),
]


@pytest.mark.parametrize(("changes", "error", "message"), CASES, ids=[repr(changes)[:40] for changes, _, _ in CASES])
def test_a_wrong_argument_is_one_error_naming_it(changes: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        RedisTokenStore(**{"url": URL, "key": "ringcentral:app:user-42", **changes})
    assert str(raised.value).startswith(message)
    assert "\n" not in str(raised.value)
    assert PASSWORD not in str(raised.value)


def test_good_arguments_still_make_a_store() -> None:
    store = RedisTokenStore(URL, key="ringcentral:app:user-42", lock_ttl=10, timeout=0.5)
    assert PASSWORD not in repr(store)
