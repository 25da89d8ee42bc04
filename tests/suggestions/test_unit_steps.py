"""A handling unit's own steps on a suggestion, from its own account: sign for it,
give it back, send a co-handling view, submit the answer (class, letter, who met the
deputy) for the committee's review; staff release it to the deputy or return it to
the unit; an unsatisfied deputy sends it back to the unit. Every step is offered to
the right account only, and staff may still take it for a unit on paper."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from suggestions.models import Suggestion, UnitAssignment
from tests.access import LOGIN, assert_outcome, client_as
from tests.factories import UserFactory
from tests.suggestions.states import co_unit, lead_unit, part, snapshot, suggestion_in

S, Part = Suggestion.State, UnitAssignment.Role
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def lead_account(db):
    return UserFactory(username="zhujianju", role=Role.UNIT, handling_unit=lead_unit())


@pytest.fixture
def co_account(db):
    return UserFactory(username="chengguanju", role=Role.UNIT, handling_unit=co_unit())


@pytest.fixture
def assigned(my_deputy):
    return suggestion_in(S.ASSIGNED, lead=my_deputy)


def step(user, suggestion, name, **fields):
    """POST the step's form as `user` from the suggestion's page; the page it lands on."""
    data = {f"{name}-{field}": value for field, value in fields.items()}
    url = reverse("suggestions:step", args=[suggestion.pk, name])
    response = client_as(user).post(url, data, follow=True)
    suggestion.refresh_from_db()
    return response


def page(user, suggestion):
    return client_as(user).get(reverse("suggestions:detail", args=[suggestion.pk])).content.decode()


def answer_form(text="已完成管网改造", answer_class="A"):
    return {"text": text, "answer_class": answer_class, "met_by": "王局长", "met_on": "2026-11-18"}


def test_a_units_whole_round_from_its_own_account(
    assigned, lead_account, co_account, staff, deputy
):
    lead, co = part(assigned, Part.LEAD), part(assigned, Part.CO)

    step(lead_account, assigned, "sign_for", assignment=lead.pk)
    step(co_account, assigned, "file_view", assignment=co.pk, view="同意，配合做好施工协调")
    step(lead_account, assigned, "submit_answer", **answer_form("初稿"))
    assert assigned.state == S.REVIEWING
    assert "初稿" not in page(deputy, assigned)  # the deputy sees it only once released

    step(staff, assigned, "return_answer", comment="请写明完成时限")
    assert assigned.state == S.ASSIGNED
    assert "请写明完成时限" in page(lead_account, assigned)
    step(lead_account, assigned, "submit_answer", **answer_form("已于11月完成管网改造"))
    step(staff, assigned, "release")
    assert (assigned.state, assigned.answer_class) == (S.ANSWERED, "A")
    shown = page(deputy, assigned)
    assert "已于11月完成管网改造" in shown and "王局长" in shown and "请写明完成时限" not in shown

    step(deputy, assigned, "evaluate", evaluation="unsatisfied", comment="尚未解决")
    assert assigned.state == S.REHANDLING
    step(lead_account, assigned, "submit_answer", **answer_form("已再次整改", "B"))
    step(staff, assigned, "release")
    step(deputy, assigned, "evaluate", evaluation="satisfied")

    assigned.refresh_from_db()
    assert (assigned.state, assigned.answer_class, assigned.times_rehandled) == (
        S.FOLLOW_UP, "B", 1)  # fmt: skip
    assert [answer.text for answer in assigned.answers.all()] == [
        "已于11月完成管网改造",
        "已再次整改",
    ]
    lead.refresh_from_db()
    co.refresh_from_db()
    assert (lead.signed_for_on, co.view_filed_on) == (TODAY, TODAY)
    trail = [(s.name, s.by.username) for s in assigned.steps.all()]
    assert trail[:3] == [("sign_for", "zhujianju"), ("file_view", "chengguanju"),
                         ("submit_answer", "zhujianju")]  # fmt: skip


def test_a_unit_is_offered_only_the_steps_of_its_own_part(assigned, lead_account, co_account):
    lead_page, co_page = page(lead_account, assigned), page(co_account, assigned)

    assert "submit_answer" in lead_page and "submit_answer" not in co_page
    assert "file_view" in co_page and "file_view" not in lead_page
    assert "release" not in lead_page and "return_answer" not in lead_page


def test_a_unit_cannot_act_on_another_units_part(assigned, co_account):
    lead = part(assigned, Part.LEAD)
    before = snapshot()

    shown = step(co_account, assigned, "give_back", assignment=lead.pk, reason="不归我们管")

    assert "选择一个有效的选项" in shown.content.decode()
    with pytest.raises(DomainError, match="只能办理本单位"):
        take_step(assigned, "give_back", co_account, assignment=lead, reason="不归我们管")
    assert snapshot() == before


def test_a_co_handling_unit_cannot_submit_the_answer(assigned, co_account):
    response = step(co_account, assigned, "submit_answer", **answer_form())

    assert response.redirect_chain == [] and response.status_code == 403
    assert assigned.state == S.ASSIGNED


@pytest.mark.parametrize(
    "persona, name, outcome",
    [
        ("deputy", "sign_for", 403),
        ("leadership", "submit_answer", 403),
        ("other unit", "sign_for", 404),
        ("unit", "release", 403),
        ("anonymous", "sign_for", LOGIN),
    ],
)
def test_unit_steps_are_for_the_units_given_the_suggestion(
    personas, assigned, lead_account, other_unit_account, persona, name, outcome
):
    user = {**personas, "other unit": other_unit_account, "unit": lead_account}[persona]
    url = reverse("suggestions:step", args=[assigned.pk, name])

    assert_outcome(client_as(user).post(url, {}), outcome)
    assigned.refresh_from_db()
    assert assigned.state == S.ASSIGNED and not assigned.steps.exists()


def test_staff_take_a_step_for_a_unit_on_paper_and_the_trail_says_who(assigned, staff):
    step(staff, assigned, "sign_for", assignment=part(assigned, Part.LEAD).pk)

    signed = assigned.steps.get()
    assert (signed.name, signed.by, signed.comment) == ("sign_for", staff, "区住建局")


def test_an_answer_is_dated_the_day_it_is_sent_and_the_meeting_not_after_it(assigned, lead_account):
    shown = step(
        lead_account, assigned, "submit_answer", **{**answer_form(), "met_on": "2026-11-21"}
    )

    assert "与代表见面的日期不能晚于答复日期" in shown.content.decode()
    assert assigned.state == S.ASSIGNED and not assigned.answers.exists()


def test_the_units_home_lists_an_answer_returned_for_improvement(assigned, lead_account, staff):
    step(lead_account, assigned, "submit_answer", **answer_form())
    home = reverse("unit_home")
    assert assigned.title not in client_as(lead_account).get(home).content.decode()

    step(staff, assigned, "return_answer", comment="请写明完成时限")

    assert assigned.title in client_as(lead_account).get(home).content.decode()


def test_the_lead_unit_asks_for_an_extension_and_staff_grant_or_refuse_it(
    assigned, lead_account, staff
):
    step(lead_account, assigned, "request_extension", months=2, reason="需协调市级部门")
    assert (assigned.extension_requested, assigned.extension_reason) == (2, "需协调市级部门")
    assert "请求延期2个月" in page(staff, assigned)
    deadline = assigned.deadline

    step(staff, assigned, "refuse_extension", reason="期限内可以办结")
    assert (assigned.extension_requested, assigned.deadline) == (0, deadline)
    step(lead_account, assigned, "request_extension", months=1, reason="汛期施工受限")
    step(staff, assigned, "extend", months=1, reason="汛期施工受限")

    assert (assigned.extension_months, assigned.extension_requested) == (1, 0)
    assert assigned.deadline > deadline
    shown = step(lead_account, assigned, "request_extension", months=1, reason="再延一个月")
    assert "已延期一次，不能再次延期" in shown.content.decode()
