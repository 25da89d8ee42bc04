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
