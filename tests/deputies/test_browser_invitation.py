"""A deputy's phone (360 px): the inbox, an invitation answered, the check-in by the
activity's code, an answer evaluated from its notice."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress_portal.workflow import take_step as take
from deputies import invitations
from deputies.models import Attendance, PointEntry
from suggestions.models import Suggestion
from tests.browser import PHONE, log_in, page_width, screenshot, take_step
from tests.deputies.factories import ActivityFactory, MembershipFactory
from tests.suggestions.states import suggestion_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_deputy_answers_from_the_inbox_on_a_phone(live_server, phone, my_deputy, staff, street):
    MembershipFactory(deputy=my_deputy)
    today = timezone.localdate()
    activity = ActivityFactory(street=street, theme="老旧小区改造视察", held_on=today)
    invitations.invite(activity, [my_deputy], staff, at=timezone.now())
    suggestion = suggestion_in(Suggestion.State.ASSIGNED, lead=my_deputy,
                               assigned_on=today - datetime.timedelta(days=10))  # fmt: skip
    take(suggestion, "answer", staff, text="已完成改造", answer_class="A", answered_on=today)

    log_in(phone, live_server, "deputy")
    phone.goto(live_server.url + "/deputies/me/")
    expect(phone.get_by_text("2 条未读").first).to_be_visible()
    phone.get_by_role("link", name="通知").first.click()
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "deputy-inbox-360")

    phone.get_by_role("link", name="活动邀请").first.click()
    expect(phone.get_by_role("heading", name="老旧小区改造视察")).to_be_visible()
    take_step(phone, "accept", "确认参加")
    assert Attendance.objects.get().status == Attendance.Status.ACCEPTED

    phone.goto(live_server.url + invitations.check_in_link(activity))  # as the scan opens it
    assert page_width(phone) <= PHONE["viewport"]["width"]
    with phone.expect_navigation():
        phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_text("已保存。", exact=True)).to_be_visible()
    assert Attendance.objects.get().status == Attendance.Status.ATTENDED
    assert (
        PointEntry.objects.filter(deputy=my_deputy, rule__code="inspection_research").count() == 1
    )

    phone.goto(live_server.url + "/inbox/")
    expect(phone.get_by_text("1 条未读")).to_be_visible()
    phone.get_by_role("link", name="请评价答复").click()
    take_step(phone, "evaluate", "评价答复", 满意=True)
    suggestion.refresh_from_db()
    assert suggestion.evaluation == Suggestion.Evaluation.SATISFIED
    assert phone.csp_errors == []
