from datetime import UTC, datetime, timedelta

import time_machine
from django.urls import reverse

from tests.access import LOGIN, assert_outcome
from tests.factories import PASSWORD


def test_session_slides_while_used_and_ends_after_30_idle_minutes(client, deputy):
    page = reverse("deputies:my_duties")
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False) as clock:
        client.post(reverse("login"), {"username": "deputy", "password": PASSWORD})

        for _ in range(3):  # 87 minutes in all, never 30 idle
            clock.shift(timedelta(minutes=29))
            assert client.get(page).status_code == 200

        clock.shift(timedelta(minutes=31))
        assert_outcome(client.get(page), LOGIN)


def sign_in(client, username, remember=False):
    credentials = {"username": username, "password": PASSWORD}
    if remember:
        credentials["remember"] = "on"
    return client.post(reverse("login"), credentials)


def test_a_deputy_who_asks_stays_signed_in_for_14_days_and_no_longer(client, deputy):
    page = reverse("deputies:my_duties")
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False) as clock:
        sign_in(client, "deputy", remember=True)

        clock.shift(timedelta(days=3))  # three idle days
        assert client.get(page).status_code == 200
        clock.shift(timedelta(days=10, hours=23))  # 13 days 23 hours after signing in
        assert client.get(page).status_code == 200
        clock.shift(timedelta(hours=2))  # the end is fixed, not moved by use
        assert_outcome(client.get(page), LOGIN)


def test_staying_signed_in_is_for_deputies_only(client, staff):
    page = reverse("staff_home")
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False) as clock:
        sign_in(client, "staff", remember=True)

        clock.shift(timedelta(minutes=31))
        assert_outcome(client.get(page), LOGIN)


def test_the_login_page_offers_to_stay_signed_in(client, db):
    page = client.get(reverse("login")).content.decode()

    assert "在本机保持登录 14 天" in page
    assert "仅限代表在本人手机上使用" in page


def test_an_ended_session_says_so_on_the_login_page(client, deputy):
    page = reverse("deputies:my_duties")
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False) as clock:
        sign_in(client, "deputy")
        clock.shift(timedelta(minutes=31))

        login = client.get(page, follow=True).content.decode()

    assert "登录已过期" in login
    assert "正在填写的内容已保存在本机" in login


def test_signing_out_then_opening_a_page_says_nothing_of_an_ended_session(client, deputy):
    sign_in(client, "deputy")
    client.post(reverse("logout"))

    login = client.get(reverse("deputies:my_duties"), follow=True).content.decode()

    assert "登录已过期" not in login


def test_the_session_is_written_at_most_once_a_minute(client, deputy):
    from django.contrib.sessions.models import Session

    page = reverse("deputies:my_duties")
    with time_machine.travel(datetime(2026, 11, 21, 9, 0, tzinfo=UTC), tick=False) as clock:
        sign_in(client, "deputy")
        ends = Session.objects.get().expire_date

        clock.shift(timedelta(seconds=59))
        client.get(page)
        assert Session.objects.get().expire_date == ends  # not written again

        clock.shift(timedelta(seconds=2))
        client.get(page)
        assert Session.objects.get().expire_date == ends + timedelta(seconds=61)
