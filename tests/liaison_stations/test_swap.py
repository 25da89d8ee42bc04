import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from liaison_stations import services
from liaison_stations.models import SwapRequest
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.liaison_stations.factories import DutyAssignmentFactory

TODAY = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def my_duty(my_deputy):
    return DutyAssignmentFactory(
        deputy=my_deputy,
        session__date=datetime.date(2026, 11, 25),
        session__station__street=my_deputy.street,
    )


@pytest.fixture
def colleague(my_deputy):
    colleague = DeputyFactory(street=my_deputy.street, name="吴海波")
    MembershipFactory(deputy=colleague)
    return colleague


def test_deputy_asks_to_swap_and_staff_approve(my_duty, colleague, deputy, staff):
    swap = services.request_swap(my_duty, colleague, "出差", by=deputy)

    services.decide_swap(swap, True, staff)

    my_duty.refresh_from_db()
    swap.refresh_from_db()
    assert my_duty.deputy == colleague
    assert (swap.state, swap.decided_by) == (SwapRequest.State.APPROVED, staff)


def test_rejected_swap_keeps_the_duty(my_duty, colleague, deputy, staff, my_deputy):
    swap = services.request_swap(my_duty, colleague, "出差", by=deputy)

    services.decide_swap(swap, False, staff)

    my_duty.refresh_from_db()
    assert my_duty.deputy == my_deputy


def test_a_swap_is_decided_once(my_duty, colleague, deputy, staff):
    swap = services.request_swap(my_duty, colleague, "出差", by=deputy)
    services.decide_swap(swap, False, staff)

    with pytest.raises(DomainError, match="已处理"):
        services.decide_swap(swap, True, staff)
    swap.refresh_from_db()
    assert swap.state == SwapRequest.State.REJECTED


def test_replacement_already_on_duty_is_refused(my_duty, colleague, deputy):
    DutyAssignmentFactory(session=my_duty.session, deputy=colleague)

    with pytest.raises(DomainError, match="吴海波"):
        services.request_swap(my_duty, colleague, "出差", by=deputy)
    assert not SwapRequest.objects.exists()


def test_past_session_cannot_be_swapped(my_deputy, colleague, deputy):
    past = DutyAssignmentFactory(deputy=my_deputy, session__date=datetime.date(2026, 11, 18))

    with pytest.raises(DomainError):
        services.request_swap(past, colleague, "出差", by=deputy)


def test_swap_form_offers_current_colleagues_of_the_street(my_duty, colleague, deputy):
    page = get_as(
        deputy, reverse("liaison_stations:request_swap", args=[my_duty.pk])
    ).content.decode()

    assert "吴海波" in page


def test_deputy_sends_a_swap_request_from_the_form(my_duty, colleague, deputy):
    form = {"replacement": colleague.pk, "reason": "参加培训"}

    client_as(deputy).post(reverse("liaison_stations:request_swap", args=[my_duty.pk]), form)

    assert SwapRequest.objects.get().reason == "参加培训"


@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_swap_form_is_for_deputies(my_duty, personas, persona, outcome):
    url = reverse("liaison_stations:request_swap", args=[my_duty.pk])
    assert_outcome(get_as(personas[persona], url), outcome)


def test_another_deputys_duty_cannot_be_swapped(my_duty, other_deputy):
    DeputyFactory(user=other_deputy)
    url = reverse("liaison_stations:request_swap", args=[my_duty.pk])

    assert get_as(other_deputy, url).status_code == 404


def test_staff_approve_swaps_in_the_admin(my_duty, colleague, deputy, staff):
    swap = services.request_swap(my_duty, colleague, "出差", by=deputy)
    data = {"action": "approve", "_selected_action": [swap.pk]}

    client_as(staff).post(reverse("admin:liaison_stations_swaprequest_changelist"), data)

    my_duty.refresh_from_db()
    assert my_duty.deputy == colleague
