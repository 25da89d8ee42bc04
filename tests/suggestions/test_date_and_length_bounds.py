"""Suggestion steps and supervisions dated out of bounds, and drafts too long, are
refused with a clear message, and nothing changes."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from suggestions.models import Answer, CongressSession, Suggestion, Supervision
from tests.access import client_as
from tests.bounds import OUT_OF_BOUNDS, TOO_LONG, too_long_for
from tests.deputies.factories import MembershipFactory, TermFactory
from tests.suggestions.factories import CongressSessionFactory
from tests.suggestions.states import suggestion_in

pytestmark = pytest.mark.usefixtures("point_rules")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def assigned(street):
    return suggestion_in(Suggestion.State.ASSIGNED, lead__street=street)


def post(user, name, suggestion, form, *args):
    url = reverse(f"suggestions:{name}", args=[suggestion.pk, *args])
    return client_as(user).post(url, form, follow=True).content.decode()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_an_answer_dated_out_of_bounds_is_refused(staff, assigned, day, message):
    form = {"answer-text": "已办理。", "answer-answer_class": "A", "answer-answered_on": day}

    assert message in post(staff, "step", assigned, form, "answer")
    assigned.refresh_from_db()
    assert assigned.state == Suggestion.State.ASSIGNED
    assert not Answer.objects.exists()


@pytest.mark.parametrize("day, message", OUT_OF_BOUNDS)
def test_a_supervision_dated_out_of_bounds_is_refused(staff, assigned, day, message):
    form = {"method": "written", "supervised_by": "王主任", "on": day, "note": "请加快办理"}

    assert message in post(staff, "supervise", assigned, form)
    assert not Supervision.objects.exists()


def test_a_draft_with_100000_characters_of_reasons_is_refused(deputy, my_deputy):
    session = CongressSessionFactory()
    MembershipFactory(deputy=my_deputy, term=session.term)
    form = {
        "title": "关于学校周边交通疏导的建议", "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk, "category": Suggestion.Category.URBAN,
        "reasons": TOO_LONG, "proposals": "增设临时停车带。",
    }  # fmt: skip

    page = client_as(deputy).post(reverse("suggestions:new"), form)

    assert too_long_for(20000) in page.content.decode()
    assert not Suggestion.objects.exists()


def test_a_session_cannot_close_before_it_opens(db):
    session = CongressSession(term=TermFactory(), number=6, opens_on=datetime.date(2027, 1, 12),
                              closes_on=datetime.date(2027, 1, 10))  # fmt: skip

    with pytest.raises(ValidationError) as refused:
        session.full_clean()

    assert refused.value.message_dict == {"closes_on": ["会议的闭幕日期不能早于开幕日期。"]}
