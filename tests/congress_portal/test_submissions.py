"""A form that creates something is answered once: the same form posted twice
(a double click, the page sent again) does the work once, and the repeat is
answered with the first post's result."""

import datetime
import uuid

import pytest
import time_machine
from django.urls import reverse

from congress_portal import submissions, tasks
from congress_portal.models import Submission
from deputies.models import PointEntry, PointRule
from liaison_stations.models import Supervision, Visit
from suggestions.models import Suggestion
from tests.access import client_as, get_as
from tests.deputies.factories import MembershipFactory
from tests.liaison_stations.factories import StationFactory, VisitFactory
from tests.suggestions.factories import CongressSessionFactory

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture
def draft_form(my_deputy):
    session = CongressSessionFactory()
    MembershipFactory(deputy=my_deputy, term=session.term)
    return {
        "title": "关于增设公交站点的建议",
        "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk,
        "category": Suggestion.Category.URBAN,
        "reasons": "站点太远。",
        "proposals": "增设一个站点。",
        submissions.FIELD: str(uuid.uuid4()),
    }


def test_a_draft_posted_twice_is_saved_once_and_the_repeat_shows_it(deputy, draft_form):
    client = client_as(deputy)

    first = client.post(reverse("suggestions:new"), draft_form)
    repeat = client.post(reverse("suggestions:new"), draft_form, follow=True)

    suggestion = Suggestion.objects.get()
    assert (
        first.url
        == repeat.redirect_chain[-1][0]
        == reverse("suggestions:detail", args=[suggestion.pk])
    )
    assert "已经提交过" in repeat.content.decode()


def test_a_form_refused_for_its_errors_can_be_sent_again_corrected(deputy, draft_form):
    client = client_as(deputy)

    refused = client.post(reverse("suggestions:new"), {**draft_form, "title": ""})
    client.post(reverse("suggestions:new"), draft_form)

    assert refused.status_code == 200
    assert draft_form[submissions.FIELD] in refused.content.decode()  # the same token again
    assert Suggestion.objects.count() == 1


def test_tokens_are_each_users_own(deputy, draft_form, staff):
    Submission.objects.create(user=staff, token=draft_form[submissions.FIELD])

    client_as(deputy).post(reverse("suggestions:new"), draft_form)

    assert Suggestion.objects.count() == 1


def test_a_supervision_posted_twice_is_recorded_once(staff, street):
    visit = VisitFactory(station=StationFactory(street=street))
    url = reverse("liaison_stations:add_supervision", args=[visit.pk])
    form = {"method": "phone", "note": "催办", submissions.FIELD: str(uuid.uuid4())}

    client_as(staff).post(url, form)
    client_as(staff).post(url, form)

    assert Supervision.objects.filter(visit=visit).count() == 1


@time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False)
def test_a_duty_logged_twice_is_one_claim(deputy, my_deputy):
    MembershipFactory(deputy=my_deputy)
    rule = PointRule.objects.filter(claimable=True).first()
    form = {"rule": rule.pk, "occurred_on": "2026-11-20", "description": "走访辖区企业",
            submissions.FIELD: str(uuid.uuid4())}  # fmt: skip

    first = client_as(deputy).post(reverse("deputies:log_duty"), form)
    repeat = client_as(deputy).post(reverse("deputies:log_duty"), form)

    assert PointEntry.objects.filter(deputy=my_deputy).count() == 1
    assert repeat.url == first.url


@time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False)
def test_a_visit_registered_twice_is_one_visit(staff, street, my_deputy):
    MembershipFactory(deputy=my_deputy)
    station = StationFactory(street=street)
    form = {
        "station": station.pk, "received_on": "2026-11-20", "category": "property",
        "matter": "电梯故障", "deputies": [my_deputy.pk], "constituents-TOTAL_FORMS": "1",
        "constituents-INITIAL_FORMS": "0", "constituents-0-name": "王先生",
        submissions.FIELD: str(uuid.uuid4()),
    }  # fmt: skip

    client_as(staff).post(reverse("liaison_stations:register_visit"), form)
    client_as(staff).post(reverse("liaison_stations:register_visit"), form)

    assert Visit.objects.filter(station=station).count() == 1


@pytest.mark.parametrize(
    "url", [reverse("suggestions:new"), reverse("liaison_stations:register_visit")]
)
def test_forms_that_create_carry_a_new_token_each_time(deputy, my_deputy, url):
    tokens = [get_as(deputy, url).content.decode().split(f'name="{submissions.FIELD}" value="')[1]
              for _ in range(2)]  # fmt: skip

    assert tokens[0][:36] != tokens[1][:36]
    uuid.UUID(tokens[0][:36])


def test_tokens_are_forgotten_after_a_day(deputy):
    with time_machine.travel(datetime.datetime(2026, 11, 20, 9, tzinfo=datetime.UTC)):
        Submission.objects.create(user=deputy, token=uuid.uuid4())
    with time_machine.travel(datetime.datetime(2026, 11, 21, 8, tzinfo=datetime.UTC)):
        recent = Submission.objects.create(user=deputy, token=uuid.uuid4())
        assert submissions.forget_old() == 0
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)):
        tasks.remove_expired()  # hourly
    assert list(Submission.objects.all()) == [recent]
