from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse

from tests.factories import PASSWORD

START = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)


def log_in(client, username, password, address="10.0.0.1"):
    credentials = {"username": username, "password": password}
    return client.post(reverse("login"), credentials, REMOTE_ADDR=address)


@pytest.fixture
def locked(client, deputy, settings):
    """The deputy's username has failed AXES_FAILURE_LIMIT times from 10.0.0.1."""
    with time_machine.travel(START, tick=False) as traveller:
        for attempt in range(settings.AXES_FAILURE_LIMIT):
            response = log_in(client, "deputy", "wrong-password")
            expected = 429 if attempt == settings.AXES_FAILURE_LIMIT - 1 else 200
            assert response.status_code == expected
        yield traveller


def test_locked_account_is_refused_even_with_the_right_password(client, locked):
    response = log_in(client, "deputy", PASSWORD)

    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "锁定 30 分钟" in response.content.decode()


def test_lockout_is_per_username_and_address(client, locked, other_deputy):
    assert log_in(client, "deputy2", PASSWORD).status_code == 302
    client.logout()
    assert log_in(client, "deputy", PASSWORD, address="10.0.0.2").status_code == 302


def test_lock_lifts_after_the_cool_off(client, locked, settings):
    locked.shift(settings.AXES_COOLOFF_TIME - timedelta(seconds=5))
    assert log_in(client, "deputy", PASSWORD).status_code == 429

    locked.shift(timedelta(seconds=10))
    assert log_in(client, "deputy", PASSWORD).status_code == 302


def test_behind_a_proxy_each_client_address_is_locked_apart(client, deputy, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "10.0.0.254"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        credentials = {"username": "deputy", "password": "wrong"}
        # The client forges a left-hand entry; the proxy appends the real address.
        forged = "198.51.100.9, 203.0.113.7"
        client.post(reverse("login"), credentials, HTTP_X_FORWARDED_FOR=forged, **proxy)

    elsewhere = client.post(
        reverse("login"),
        {"username": "deputy", "password": PASSWORD},
        HTTP_X_FORWARDED_FOR="198.51.100.9",
        **proxy,
    )

    assert elsewhere.status_code == 302


def test_without_a_proxy_a_forged_forwarded_for_does_not_escape_the_lock(client, locked):
    forged = client.post(
        reverse("login"),
        {"username": "deputy", "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )

    assert forged.status_code == 429
