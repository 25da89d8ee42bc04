"""Every step a suggestion's state does not allow, and every rule a step checks,
is refused with a clear DomainError and changes nothing in the database."""

import datetime
import zoneinfo

import pytest
import time_machine

from congress_portal.errors import DomainError
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from suggestions import services
from suggestions.models import CoSignature, Suggestion, UnitAssignment
from tests.deputies.factories import DeputyFactory
from tests.factories import UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import SuggestionFactory
from tests.suggestions.states import (
    ASSIGNED_ON,
    co_unit,
    lead_unit,
    part,
    snapshot,
    suggestion_in,
)

S = Suggestion.State
Role_ = UnitAssignment.Role
NOW = datetime.datetime(2026, 11, 20, 10, tzinfo=zoneinfo.ZoneInfo("Asia/Shanghai"))
TODAY = NOW.date()  # a Friday, within 7 working days of ASSIGNED_ON
RUNNING = {S.ASSIGNED, S.REHANDLING}
# step → the states it may start from, written out apart from the model
ALLOWED = {
    "submit": {S.DRAFT, S.RETURNED},
    "return_for_revision": {S.SUBMITTED},
    "accept": {S.SUBMITTED},
    "convert_to_opinion": {S.SUBMITTED},
    "assign": {S.ACCEPTED},
    "sign_for": RUNNING,
    "give_back": {S.ASSIGNED},
    "file_view": {S.ASSIGNED},
    "request_extension": {S.ASSIGNED},
    "extend": {S.ASSIGNED},
    "refuse_extension": {S.ASSIGNED},
    "submit_answer": RUNNING,
    "release": {S.REVIEWING},
    "return_answer": {S.REVIEWING},
    "answer": RUNNING,
    "evaluate": {S.ANSWERED},
    "mark_solved": {S.FOLLOW_UP},
    "mark_key": {S.ACCEPTED, S.ASSIGNED, S.REVIEWING, S.ANSWERED, S.REHANDLING, S.FOLLOW_UP},
}
LEAD_STEPS = {"submit", "evaluate"}
UNIT_STEPS = {"submit_answer", "request_extension"}  # the lead unit's own account


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


def arguments(step, suggestion):
    """Plausible arguments: those the step would take in a state that allows it."""
    return {
        "submit": {},
        "return_for_revision": {"comment": "请补充具体点位"},
        "accept": {},
        "convert_to_opinion": {"reason": "属于意见类，不作为建议办理"},
        "assign": {
            "lead_unit": HandlingUnitFactory(name="区教育局"),
            "person_responsible": "赵科长",
            "contact": "13800003333",
            "co_units": [HandlingUnitFactory(name="区卫健委")],
        },
        "sign_for": {"assignment": part(suggestion, Role_.LEAD)},
        "give_back": {"assignment": part(suggestion, Role_.CO), "reason": "不属于本单位职责"},
        "file_view": {"assignment": part(suggestion, Role_.CO), "view": "同意主办单位意见"},
        "request_extension": {"months": 1, "reason": "需协调市级部门"},
        "extend": {"months": 1, "reason": "需协调市级部门"},
        "refuse_extension": {"reason": "期限内可以办结"},
        "answer": {
            "text": "已完成改造",
            "answer_class": Suggestion.AnswerClass.A,
            "answered_on": TODAY,
        },
        "submit_answer": {
            "text": "已完成改造",
            "answer_class": Suggestion.AnswerClass.A,
            "met_by": "张科长",
            "met_on": TODAY,
        },
        "release": {},
        "return_answer": {"comment": "请补充办理时限"},
        "evaluate": {"evaluation": Suggestion.Evaluation.SATISFIED},
        "mark_solved": {},
        "mark_key": {"supervisor": "王主任"},
    }[step]


def assert_refused(call):
    """`call` raises a DomainError with a message, and the database is as it was."""
    before = snapshot()
    with pytest.raises(DomainError) as refused:
        call()
    assert refused.value.messages and all(str(m).strip() for m in refused.value.messages)
    assert snapshot() == before


def test_the_table_of_allowed_steps_is_the_models():
    assert {step.name: set(step.starts) for step in Suggestion.STEPS} == ALLOWED
    applied = {
        step.name for step in Suggestion.STEPS if step.apply or hasattr(Suggestion, step.name)
    }
    assert applied == set(ALLOWED)


REFUSED = [(step, state) for step in ALLOWED for state in S if state not in ALLOWED[step]]


@pytest.mark.parametrize("step, state", REFUSED, ids=[f"{s}-from-{t}" for s, t in REFUSED])
def test_step_not_allowed_from_a_state_is_refused_and_changes_nothing(
    staff, my_deputy, deputy, step, state
):
    suggestion = suggestion_in(state, lead=my_deputy)
    by = deputy if step in LEAD_STEPS else staff
    if step in UNIT_STEPS:
        by = UserFactory(role=Role.UNIT, handling_unit=lead_unit())
    args = arguments(step, suggestion)

    assert_refused(lambda: take_step(suggestion, step, by, **args))

    suggestion.refresh_from_db()
    assert suggestion.state == state


def test_unknown_step_is_refused(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)

    assert_refused(lambda: take_step(suggestion, "delete", staff))


def test_a_step_not_for_the_user_is_refused(staff, my_deputy, deputy, other_deputy):
    draft = suggestion_in(S.DRAFT, lead=my_deputy)
    answered = suggestion_in(S.ANSWERED, lead=my_deputy)
    submitted = suggestion_in(S.SUBMITTED)

    assert_refused(lambda: take_step(draft, "submit", staff))
    assert_refused(lambda: take_step(draft, "submit", other_deputy))
    assert_refused(lambda: take_step(answered, "evaluate", staff, evaluation="satisfied"))
    assert_refused(lambda: take_step(submitted, "accept", deputy))


# Extensions


def test_deadline_is_extended_only_once(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    take_step(suggestion, "extend", staff, months=1, reason="需协调市级部门")

    assert_refused(lambda: take_step(suggestion, "extend", staff, months=1, reason="再次延期"))


@pytest.mark.parametrize("months", [0, 4, -1])
def test_extension_is_of_one_to_three_months(staff, db, months):
    suggestion = suggestion_in(S.ASSIGNED)

    assert_refused(lambda: take_step(suggestion, "extend", staff, months=months, reason="需协调"))


def test_extension_needs_a_reason(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)

    assert_refused(lambda: take_step(suggestion, "extend", staff, months=2, reason=" "))


def test_rehandling_deadline_cannot_be_extended(staff, db):
    suggestion = suggestion_in(S.REHANDLING)

    assert_refused(lambda: take_step(suggestion, "extend", staff, months=1, reason="需协调"))


# Comments and reasons


@pytest.mark.parametrize(
    "state, step, arguments",
    [
        (S.SUBMITTED, "return_for_revision", {"comment": ""}),
        (S.SUBMITTED, "return_for_revision", {"comment": "  \n"}),
        (S.SUBMITTED, "convert_to_opinion", {"reason": " "}),
        (S.ASSIGNED, "mark_key", {"supervisor": " "}),
        (S.ACCEPTED, "mark_key", {"supervisor": ""}),
    ],
    ids=["empty-comment", "blank-comment", "opinion-reason", "supervisor", "supervisor-accepted"],
)
def test_step_needs_its_text(staff, db, state, step, arguments):
    suggestion = suggestion_in(state)

    assert_refused(lambda: take_step(suggestion, step, staff, **arguments))


def test_giving_back_needs_a_reason(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.CO)

    assert_refused(
        lambda: take_step(suggestion, "give_back", staff, assignment=assignment, reason=" ")
    )


def test_filing_a_view_needs_the_view(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.CO)

    assert_refused(
        lambda: take_step(suggestion, "file_view", staff, assignment=assignment, view="")
    )


# Answers


@pytest.mark.parametrize("state", sorted(RUNNING))
def test_answer_cannot_be_dated_in_the_future(staff, db, state):
    suggestion = suggestion_in(state)
    tomorrow = TODAY + datetime.timedelta(days=1)

    assert_refused(
        lambda: take_step(
            suggestion, "answer", staff, text="已完成", answer_class="A", answered_on=tomorrow
        )
    )


def test_answer_cannot_be_dated_before_the_assignment(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    before = ASSIGNED_ON - datetime.timedelta(days=1)

    assert_refused(
        lambda: take_step(
            suggestion, "answer", staff, text="已完成", answer_class="A", answered_on=before
        )
    )


# Giving back and co-handling views


def test_unit_cannot_give_back_after_seven_working_days(staff, db):
    # Assigned Monday 2026-11-09: 7 working days run out on Wednesday 11-18.
    suggestion = suggestion_in(S.ASSIGNED, assigned_on=datetime.date(2026, 11, 9))
    assignment = part(suggestion, Role_.LEAD)
    assert assignment.return_due == datetime.date(2026, 11, 18)

    assert_refused(
        lambda: take_step(
            suggestion, "give_back", staff, assignment=assignment, reason="不属于本单位职责"
        )
    )


def test_unit_cannot_give_back_twice(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.CO)
    take_step(suggestion, "give_back", staff, assignment=assignment, reason="不属于")

    assert_refused(
        lambda: take_step(suggestion, "give_back", staff, assignment=assignment, reason="不属于")
    )


def test_unit_of_another_suggestion_cannot_give_this_one_back(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    elsewhere = part(suggestion_in(S.ASSIGNED), Role_.CO)

    assert_refused(
        lambda: take_step(suggestion, "give_back", staff, assignment=elsewhere, reason="不属于")
    )


def test_lead_unit_does_not_file_a_co_handling_view(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.LEAD)

    assert_refused(
        lambda: take_step(suggestion, "file_view", staff, assignment=assignment, view="同意")
    )


def test_co_handling_view_is_filed_once(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.CO)
    take_step(suggestion, "file_view", staff, assignment=assignment, view="同意")

    assert_refused(
        lambda: take_step(suggestion, "file_view", staff, assignment=assignment, view="补充意见")
    )


def test_co_unit_that_gave_back_files_no_view(staff, db):
    suggestion = suggestion_in(S.ASSIGNED)
    assignment = part(suggestion, Role_.CO)
    take_step(suggestion, "give_back", staff, assignment=assignment, reason="不属于")

    assert_refused(
        lambda: take_step(suggestion, "file_view", staff, assignment=assignment, view="同意")
    )


# Assignment


def test_lead_unit_cannot_also_be_a_co_handling_unit(staff, db):
    suggestion = suggestion_in(S.ACCEPTED)
    unit = lead_unit()

    assert_refused(
        lambda: take_step(
            suggestion,
            "assign",
            staff,
            lead_unit=unit,
            person_responsible="张科长",
            contact="13800002222",
            co_units=[co_unit(), unit],
        )
    )


# Co-signers


@pytest.fixture
def cosigner(db):
    return DeputyFactory(name="王芳", user=UserFactory(role=Role.DEPUTY))


def invited(lead, cosigner, state=S.DRAFT):
    suggestion = suggestion_in(state, lead=lead)
    return CoSignature.objects.create(suggestion=suggestion, deputy=cosigner)


@pytest.mark.parametrize("first", [True, False], ids=["confirmed", "declined"])
@pytest.mark.parametrize("second", [True, False], ids=["confirm", "decline"])
def test_cosigner_answers_once(my_deputy, cosigner, first, second):
    cosignature = invited(my_deputy, cosigner)
    services.answer_invitation(cosignature, first, cosigner.user)

    assert_refused(
        lambda: services.answer_invitation(
            CoSignature.objects.get(pk=cosignature.pk), second, cosigner.user
        )
    )
    cosignature.refresh_from_db()
    assert cosignature.state == (
        CoSignature.State.CONFIRMED if first else CoSignature.State.DECLINED
    )


def test_cosigner_answering_from_two_pages_at_once_answers_once(my_deputy, cosigner):
    # both pages read the invitation before either answered it
    cosignature = invited(my_deputy, cosigner)
    other_page = CoSignature.objects.get(pk=cosignature.pk)
    services.answer_invitation(cosignature, True, cosigner.user)

    assert_refused(lambda: services.answer_invitation(other_page, False, cosigner.user))
    cosignature.refresh_from_db()
    assert cosignature.state == CoSignature.State.CONFIRMED


@pytest.mark.parametrize("state", [S.ACCEPTED, S.OPINION, S.ASSIGNED, S.CLOSED])
def test_cosigner_cannot_answer_once_the_suggestion_is_decided(my_deputy, cosigner, state):
    cosignature = invited(my_deputy, cosigner, state)

    assert_refused(lambda: services.answer_invitation(cosignature, True, cosigner.user))


# Drafts


@pytest.mark.parametrize(
    "state", [S.SUBMITTED, S.ACCEPTED, S.OPINION, S.ASSIGNED, S.ANSWERED, S.CLOSED]
)
def test_only_a_draft_or_returned_suggestion_is_edited(deputy, my_deputy, state):
    suggestion = suggestion_in(state, lead=my_deputy)
    stale = Suggestion.objects.get(pk=suggestion.pk)
    stale.title = "改过的标题"

    assert_refused(lambda: services.save_draft(stale, deputy, []))


def test_draft_read_before_it_was_submitted_cannot_be_saved_over_it(deputy, my_deputy):
    suggestion = suggestion_in(S.DRAFT, lead=my_deputy)
    stale = Suggestion.objects.get(pk=suggestion.pk)
    take_step(suggestion, "submit", deputy)
    stale.title = "改过的标题"

    assert_refused(lambda: services.save_draft(stale, deputy, []))


def test_lead_cannot_co_sign_a_new_draft(deputy, my_deputy):
    new = SuggestionFactory.build(lead=my_deputy, session=suggestion_in(S.DRAFT).session)

    assert_refused(lambda: services.save_draft(new, deputy, [my_deputy]))


def test_lead_cannot_co_sign_an_existing_draft(deputy, my_deputy, cosigner):
    suggestion = suggestion_in(S.RETURNED, lead=my_deputy)
    CoSignature.objects.create(suggestion=suggestion, deputy=cosigner)
    suggestion.title = "改过的标题"

    assert_refused(lambda: services.save_draft(suggestion, deputy, [cosigner, my_deputy]))


# Acceptance


def test_accept_is_refused_while_a_cosigner_has_not_answered(staff, my_deputy, cosigner):
    cosignature = invited(my_deputy, cosigner, S.SUBMITTED)

    assert_refused(lambda: take_step(cosignature.suggestion, "accept", staff))


def test_accept_is_refused_twice(staff, my_deputy):
    suggestion = suggestion_in(S.SUBMITTED, lead=my_deputy)
    take_step(suggestion, "accept", staff)

    assert_refused(lambda: take_step(suggestion, "accept", staff))


# Supervision


@pytest.mark.parametrize("state", [S.DRAFT, S.SUBMITTED, S.RETURNED, S.OPINION, S.CLOSED], ids=str)
def test_only_a_suggestion_being_handled_is_supervised(staff, db, state):
    suggestion = suggestion_in(state)

    assert_refused(lambda: services.supervise(suggestion, staff, "written", supervised_by="王主任"))
