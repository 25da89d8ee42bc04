"""A matter referred or assigned (交办) to a handling unit, from the unit's own account:
it signs for it, gives back what is not its own within 7 working days, or replies
with proof; staff review the reply, release it (then feed back to the constituent as
before) or return it to the unit. Staff may still take the unit's steps on paper."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from congress_portal.errors import DomainError
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from liaison_stations.models import Visit
from tests.access import LOGIN, assert_outcome, client_as
from tests.factories import UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory, StationFactory, VisitFactory
from tests.uploads import html_renamed, pdf

S = Visit.State
FRIDAY = datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)


@pytest.fixture
def unit(db):
    return HandlingUnitFactory(name="区城管局")


@pytest.fixture
def unit_account(unit):
    return UserFactory(username="chengguanju", role=Role.UNIT, handling_unit=unit)


@pytest.fixture
def assigned(staff, street, unit):
    """A matter of the staff's street, assigned to the unit on Friday 20 November 2026."""
    with time_machine.travel(FRIDAY, tick=False):
        visit = VisitFactory(station=StationFactory(street=street), received_on=FRIDAY.date(),
                             matter="路灯损坏多日未修")  # fmt: skip
        take_step(visit, "assign", staff, unit=unit, deadline=datetime.date(2026, 12, 20))
    visit.refresh_from_db()
    return visit


def step(user, visit, name, files=None, **fields):
    data = {f"{name}-{field}": value for field, value in fields.items()}
    data.update({f"{name}-{field}": file for field, file in (files or {}).items()})
    url = reverse("liaison_stations:visit_step", args=[visit.pk, name])
    response = client_as(user).post(url, data, follow=True)
    visit.refresh_from_db()
    return response


def test_the_unit_signs_for_replies_with_proof_and_staff_review_it(assigned, unit_account, staff):
    with time_machine.travel(FRIDAY + datetime.timedelta(days=3), tick=False):
        step(unit_account, assigned, "sign_for")
        step(unit_account, assigned, "submit_reply", reply="已派人查看", files={"proof": pdf()})
        assert assigned.state == S.REPLY_REVIEW and assigned.reply_proof
        step(staff, assigned, "return_reply", comment="请写明修复日期")
        assert (assigned.state, assigned.review_comment) == (S.ASSIGNED, "请写明修复日期")
        page = client_as(unit_account).get(reverse("liaison_stations:visit_detail",
                                                   args=[assigned.pk]))  # fmt: skip
        assert "请写明修复日期" in page.content.decode()
        step(unit_account, assigned, "submit_reply", reply="路灯已于11月23日修复")
        step(staff, assigned, "release_reply")
        step(staff, assigned, "feed_back", feedback="已电话告知选民")

    assert (assigned.state, assigned.reply, assigned.signed_for_on) == (
        S.FED_BACK, "路灯已于11月23日修复", datetime.date(2026, 11, 23))  # fmt: skip
    assert assigned.replied_on == datetime.date(2026, 11, 23)
    trail = [(s.name, s.by.username) for s in assigned.steps.all()]
    assert trail[1:4] == [("sign_for", "chengguanju"), ("submit_reply", "chengguanju"),
                          ("return_reply", "staff")]  # fmt: skip
    proof = client_as(unit_account).get(reverse("liaison_stations:reply_proof", args=[assigned.pk]))
    assert proof.status_code == 200


def test_a_reply_needs_text_and_its_proof_must_be_a_real_document(assigned, unit_account):
    shown = step(unit_account, assigned, "submit_reply", reply="已处理",
                 files={"proof": html_renamed()})  # fmt: skip

    assert assigned.state == S.ASSIGNED and not assigned.reply
    assert "文件" in shown.content.decode()


@pytest.mark.parametrize(
    "days_later, given_back", [(11, True), (12, False)]
)  # 7 working days from Friday 20 November: to Tuesday 1 December
def test_a_unit_gives_back_within_7_working_days(assigned, unit_account, days_later, given_back):
    with time_machine.travel(FRIDAY + datetime.timedelta(days=days_later), tick=False):
        shown = step(unit_account, assigned, "give_back", reason="路灯属于区城管局以外的单位")

    if given_back:
        assert (assigned.state, assigned.handling_unit) == (S.REGISTERED, None)
        assert assigned.return_reason == "路灯属于区城管局以外的单位"
    else:
        assert (assigned.state, assigned.handling_unit_id) == (
            S.ASSIGNED,
            assigned.handling_unit.pk,
        )
        assert "7个工作日" in shown.content.decode()


@pytest.mark.parametrize(
    "persona, name, outcome",
    [
        ("deputy", "sign_for", 404),  # a deputy not linked to the matter does not see it
        ("leadership", "sign_for", 403),
        ("other unit", "sign_for", 404),
        ("staff", "submit_reply", 403),
        ("unit", "release_reply", 403),
        ("anonymous", "sign_for", LOGIN),
    ],
)
def test_unit_steps_on_a_matter_are_for_its_unit(
    personas, assigned, unit_account, other_unit_account, persona, name, outcome
):
    user = {**personas, "other unit": other_unit_account, "unit": unit_account}[persona]
    url = reverse("liaison_stations:visit_step", args=[assigned.pk, name])

    assert_outcome(client_as(user).post(url, {}), outcome)
    assigned.refresh_from_db()
    assert assigned.state == S.ASSIGNED and not assigned.signed_for_on


def test_the_proof_is_for_those_who_see_the_matter(
    assigned, unit_account, other_unit_account, staff
):
    step(unit_account, assigned, "submit_reply", reply="已修复", files={"proof": pdf()})
    url = reverse("liaison_stations:reply_proof", args=[assigned.pk])

    assert client_as(staff).get(url).status_code == 200
    assert client_as(other_unit_account).get(url).status_code == 404
    assert_outcome(client_as(None).get(url), LOGIN)


def test_the_units_home_shows_the_matter_again_when_its_reply_is_returned(
    assigned, unit_account, staff
):
    home = reverse("unit_home")
    step(unit_account, assigned, "submit_reply", reply="已修复")
    assert "路灯损坏多日未修" not in client_as(unit_account).get(home).content.decode()

    step(staff, assigned, "return_reply", comment="请补充照片")

    assert "路灯损坏多日未修" in client_as(unit_account).get(home).content.decode()


@pytest.mark.parametrize("state", [state for state in S if state not in Visit.WITH_UNIT])
def test_a_unit_replies_only_while_the_matter_is_with_it(unit, unit_account, state):
    visit = VisitFactory(state=state, handling_unit=unit, routed_on=FRIDAY.date())

    with pytest.raises(DomainError, match="不能"):
        take_step(visit, "submit_reply", unit_account, reply="已处理")

    visit.refresh_from_db()
    assert (visit.state, visit.reply) == (state, "") and not visit.steps.exists()
