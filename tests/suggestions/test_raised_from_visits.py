"""The chain visit → suggestion → answer → feedback: a visit raised as a suggestion
links both ways; when the suggestion's answer is released, the visit takes it as its
reply, the deputy who received the visit is asked to feed it back, and the
constituent's tracking page shows it. Nobody types the reply twice."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from congress_portal.workflow import take_step
from liaison_stations import services as station_services
from liaison_stations.models import Visit
from suggestions.models import Suggestion
from tests.access import client_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.liaison_stations.factories import StationFactory
from tests.suggestions.states import suggestion_in

S = Suggestion.State
ANSWER = "已列入明年计划"  # the text of the answer suggestion_in writes


@pytest.fixture
def escalated(my_deputy, street, staff):
    """A visit the deputy received, sent online, raised as a suggestion."""
    MembershipFactory(deputy=my_deputy)
    station = StationFactory(street=street)
    visit = station_services.submit_online(
        Visit(station=station, matter="老旧小区没有电梯，老人上下楼难", category="housing",
              addressed_to=my_deputy),
        "王女士", "13912345678",
    )  # fmt: skip
    take_step(visit, "take_up", my_deputy.user)
    take_step(visit, "escalate", staff)
    visit.refresh_from_db()
    return visit


def raised(visit, state, deputy):
    suggestion = suggestion_in(state, lead=deputy)
    suggestion.visits.add(visit)
    return suggestion


def test_a_released_answer_becomes_the_visits_reply_and_the_deputy_feeds_it_back(
    escalated, my_deputy, deputy, staff
):
    suggestion = raised(escalated, S.REVIEWING, my_deputy)

    take_step(suggestion, "release", staff)

    escalated.refresh_from_db()
    assert (escalated.state, escalated.reply) == (Visit.State.REPLIED, ANSWER)
    home = client_as(deputy).get(reverse("deputies:my_duties")).content.decode()
    assert "向选民反馈答复" in home
    feed_back = reverse("liaison_stations:visit_step", args=[escalated.pk, "feed_back"])
    client_as(deputy).post(feed_back, {"feed_back-feedback": "已电话告知王女士答复内容"})
    escalated.refresh_from_db()
    assert escalated.state == Visit.State.FED_BACK
    tracking = Client()
    tracking.post(reverse("liaison_stations:track"),
                  {"number": escalated.tracking_number, "digits": "5678"})  # fmt: skip
    page = tracking.get(reverse("liaison_stations:tracked")).content.decode()
    assert ANSWER in page and "已电话告知王女士答复内容" in page
    assert "您对事项的办理是否满意" in page


def test_a_paper_answer_recorded_by_staff_moves_the_visit_too(escalated, my_deputy, staff):
    suggestion = raised(escalated, S.ASSIGNED, my_deputy)

    take_step(suggestion, "answer", staff, text="已完成加装电梯可行性评估",
              answer_class="A", answered_on=datetime.date(2026, 11, 20))  # fmt: skip

    escalated.refresh_from_db()
    assert escalated.reply == "已完成加装电梯可行性评估"
    assert escalated.steps.last().name == "record_reply"


def test_an_answer_under_review_leaves_the_visit_waiting(escalated, my_deputy, staff):
    suggestion = raised(escalated, S.REVIEWING, my_deputy)

    take_step(suggestion, "return_answer", staff, comment="请写明时间表")

    escalated.refresh_from_db()
    assert escalated.state == Visit.State.ESCALATED and escalated.reply == ""


def test_a_visit_already_answered_another_way_is_left_alone(escalated, my_deputy, staff):
    take_step(escalated, "record_reply", staff, reply="单位已先行答复")
    suggestion = raised(escalated, S.REVIEWING, my_deputy)

    take_step(suggestion, "release", staff)

    escalated.refresh_from_db()
    assert escalated.reply == "单位已先行答复"


def test_both_pages_link_to_each_other(escalated, my_deputy, staff):
    suggestion = raised(escalated, S.REVIEWING, my_deputy)
    client = client_as(staff)

    visit_page = client.get(reverse("liaison_stations:visit_detail", args=[escalated.pk]))
    suggestion_page = client.get(reverse("suggestions:detail", args=[suggestion.pk]))

    assert reverse("suggestions:detail", args=[suggestion.pk]) in visit_page.content.decode()
    link = reverse("liaison_stations:visit_detail", args=[escalated.pk])
    assert link in suggestion_page.content.decode()


def test_the_visit_page_lists_only_suggestions_the_reader_may_see(escalated, deputy, street):
    suggestion = raised(escalated, S.REVIEWING, DeputyFactory(street=street))

    page = client_as(deputy).get(reverse("liaison_stations:visit_detail", args=[escalated.pk]))

    assert page.status_code == 200
    assert suggestion.title not in page.content.decode()
