"""The dashboard answers when Redis, its cache, is stopped or hung: it counts the
figures afresh after the socket timeout rather than failing."""

import socket
import time

import pytest
from django.conf import settings as project_settings

from reports.figures import cached_year_figures, year_figures


@pytest.fixture
def hung_redis():
    """An address that takes the connection and never answers: a hung Redis."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)  # connections complete in the backlog; nothing is ever read
    yield f"redis://127.0.0.1:{listener.getsockname()[1]}/0"
    listener.close()


@pytest.fixture
def stopped_redis():
    """An address where nothing listens."""
    free = socket.socket()
    free.bind(("127.0.0.1", 0))
    address = f"redis://127.0.0.1:{free.getsockname()[1]}/0"
    free.close()
    return address


@pytest.mark.parametrize("redis_at", ["hung_redis", "stopped_redis"])
def test_the_figures_are_counted_afresh_when_the_cache_is_unreachable(
    request, settings, street, redis_at
):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": request.getfixturevalue(redis_at),
            "OPTIONS": project_settings.REDIS_CACHE_OPTIONS,
        }
    }
    started = time.monotonic()

    figures = cached_year_figures(2026, street)

    assert figures == year_figures(2026, street)
    assert time.monotonic() - started < 5  # one timeout, not a hang
