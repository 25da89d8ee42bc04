"""A suggestion's life through suggestions.services: drafting with co-signers,
review, acceptance with points, assignment to units, answers, evaluations and
follow-up, each step audited."""

import datetime
import zoneinfo

import pytest
import time_machine

from congress_portal.errors import DomainError
from congress_portal.roles import Role
from congress_portal.workflow import take_step
from deputies import services as deputies_services
from deputies.models import PointEntry
from suggestions import services
from suggestions.models import (
    Answer,
    CoSignature,
    Step,
    Suggestion,
    Supervision,
    UnitAssignment,
)
from tests.deputies.factories import DeputyFactory
from tests.factories import UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory

S = Suggestion.State
A, B, C, D = Suggestion.AnswerClass
SATISFIED = Suggestion.Evaluation.SATISFIED
BASICALLY = Suggestion.Evaluation.BASICALLY_SATISFIED
UNSATISFIED = Suggestion.Evaluation.UNSATISFIED
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
NOW = datetime.datetime(2027, 1, 11, 9, 30, tzinfo=SHANGHAI)  # Monday, during the session
TODAY = NOW.date()


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


def later(clock, **delta):
    """Move the frozen clock on; returns the new local date."""
    clock.shift(datetime.timedelta(**delta))
    return datetime.datetime.now(SHANGHAI).date()


@pytest.fixture
def session(db):
    return CongressSessionFactory(
        number=6, opens_on=datetime.date(2027, 1, 10), closes_on=datetime.date(2027, 1, 13)
    )


@pytest.fixture
def cosigner(other_deputy, street):
    return DeputyFactory(name="王芳", street=street, user=other_deputy)


@pytest.fixture
def decliner(street):
    return DeputyFactory(name="赵强", street=street, user=UserFactory(role=Role.DEPUTY))


@pytest.fixture
def housing(db):
    return HandlingUnitFactory(
        name="区住建局", contact_person="张科长", contact_phone="13800001111"
    )


@pytest.fixture
def urban(db):
    return HandlingUnitFactory(
        name="区城管局", contact_person="王科长", contact_phone="13800002222"
    )


@pytest.fixture
def education(db):
    return HandlingUnitFactory(
        name="区教育局", contact_person="刘科长", contact_phone="13800003333"
    )


def new_draft(lead, by, session, cosigners=(), **fields):
    suggestion = SuggestionFactory.build(lead=lead, session=session, **fields)
    return services.save_draft(suggestion, by, list(cosigners))


def submitted(lead, by, session, **fields):
    suggestion = new_draft(lead, by, session, **fields)
    return take_step(suggestion, "submit", by)


def accepted(lead, by, staff, session, **fields):
    return take_step(submitted(lead, by, session, **fields), "accept", staff)


def assign(suggestion, staff, lead_unit, co_units=()):
    return take_step(
        suggestion,
        "assign",
        staff,
        lead_unit=lead_unit,
        person_responsible="张科长",
        contact="13800001111",
        co_units=list(co_units),
    )


def answer(suggestion, staff, answer_class, answered_on=None):
    return take_step(
        suggestion,
        "answer",
        staff,
        text="已完成加装电梯的前期调查",
        answer_class=answer_class,
        answered_on=answered_on or datetime.datetime.now(SHANGHAI).date(),
    )


def steps(suggestion):
    return [
        (step.name, step.from_state, step.to_state, step.by.username)
        for step in suggestion.steps.all()
    ]


def points(deputy, rule):
    return list(
        PointEntry.objects.filter(deputy=deputy, rule__code=rule).values_list(
            "points", "state", "occurred_on"
        )
    )


# Drafting and review


def test_draft_invites_its_cosigners(deputy, my_deputy, cosigner, session):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner])

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.street, suggestion.created_by) == (
        S.DRAFT,
        my_deputy.street,
        deputy,
    )
    assert list(suggestion.cosignatures.values_list("deputy__name", "state")) == [
        ("王芳", CoSignature.State.INVITED)
    ]
    assert suggestion.history.get().history_user == deputy
    assert suggestion.cosignatures.get().history.get().history_user == deputy


def test_editing_a_draft_invites_new_cosigners_and_keeps_the_answers_of_the_others(
    deputy, my_deputy, cosigner, decliner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner])
    services.answer_invitation(suggestion.cosignatures.get(), True, cosigner.user)
    third = DeputyFactory(name="孙丽", street=my_deputy.street)

    suggestion.title = "关于加装电梯的建议（修改稿）"
    services.save_draft(suggestion, deputy, [cosigner, decliner])
    services.save_draft(suggestion, deputy, [cosigner, decliner, third])
    services.save_draft(suggestion, deputy, [cosigner, third])

    assert dict(suggestion.cosignatures.values_list("deputy__name", "state")) == {
        "王芳": CoSignature.State.CONFIRMED,
        "孙丽": CoSignature.State.INVITED,
    }
    suggestion.refresh_from_db()
    assert suggestion.title == "关于加装电梯的建议（修改稿）"


def test_returned_suggestion_is_revised_and_submitted_again(
    clock, staff, deputy, my_deputy, cosigner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner])

    take_step(suggestion, "submit", deputy)
    returned_on = later(clock, days=1)
    take_step(suggestion, "return_for_revision", staff, comment="  请补充具体小区名单 ")
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.review_comment) == (S.RETURNED, "请补充具体小区名单")

    suggestion.proposals = "建议对青石路12号等小区优先加装电梯。"
    services.save_draft(suggestion, deputy, [cosigner])
    resubmitted_on = later(clock, days=1)
    take_step(suggestion, "submit", deputy)

    suggestion.refresh_from_db()
    assert suggestion.state == S.SUBMITTED
    assert suggestion.submitted_on == resubmitted_on == returned_on + datetime.timedelta(days=1)
    assert suggestion.proposals == "建议对青石路12号等小区优先加装电梯。"
    assert steps(suggestion) == [
        ("submit", S.DRAFT, S.SUBMITTED, "deputy"),
        ("return_for_revision", S.SUBMITTED, S.RETURNED, "staff"),
        ("submit", S.RETURNED, S.SUBMITTED, "deputy"),
    ]
    assert suggestion.steps.get(name="return_for_revision").comment == "  请补充具体小区名单 "


# Acceptance


def test_accept_is_refused_while_a_cosigner_has_not_answered(
    staff, deputy, my_deputy, cosigner, decliner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner, decliner])
    take_step(suggestion, "submit", deputy)
    services.answer_invitation(suggestion.cosignatures.get(deputy=decliner), False, decliner.user)

    with pytest.raises(DomainError) as refused:
        take_step(suggestion, "accept", staff)

    assert refused.value.messages
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.number, suggestion.accepted_on) == (
        S.SUBMITTED,
        None,
        None,
    )
    assert not PointEntry.objects.exists()
    services.answer_invitation(suggestion.cosignatures.get(deputy=cosigner), True, cosigner.user)
    assert take_step(suggestion, "accept", staff).state == S.ACCEPTED


def test_accept_numbers_suggestions_within_their_session(staff, deputy, my_deputy, session):
    other_session = CongressSessionFactory(
        number=7, opens_on=datetime.date(2028, 1, 9), closes_on=datetime.date(2028, 1, 12)
    )

    first = accepted(my_deputy, deputy, staff, session)
    second = accepted(my_deputy, deputy, staff, session)
    elsewhere = accepted(my_deputy, deputy, staff, other_session)
    third = accepted(my_deputy, deputy, staff, session)

    assert [s.number for s in (first, second, elsewhere, third)] == [1, 2, 1, 3]
    assert first.accepted_on == TODAY
    assert first.steps.get(name="accept").comment  # the number, for the trail


def test_accept_awards_the_lead_and_the_confirmed_cosigners_but_not_the_decliner(
    staff, deputy, my_deputy, cosigner, decliner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner, decliner])
    take_step(suggestion, "submit", deputy)
    services.answer_invitation(suggestion.cosignatures.get(deputy=cosigner), True, cosigner.user)
    services.answer_invitation(suggestion.cosignatures.get(deputy=decliner), False, decliner.user)

    take_step(suggestion, "accept", staff)

    approved = PointEntry.State.APPROVED
    assert points(my_deputy, "suggestion_lead") == [(3, approved, TODAY)]
    assert points(cosigner, "suggestion_cosign") == [(1, approved, TODAY)]
    assert points(my_deputy, "suggestion_cosign") == []
    assert not PointEntry.objects.filter(deputy=decliner).exists()
    entry = PointEntry.objects.get(deputy=cosigner)
    assert (entry.source_id, entry.source) == (suggestion.pk, PointEntry.Source.AUTO)


def test_awarding_the_points_of_a_suggestion_again_adds_nothing(
    staff, deputy, my_deputy, cosigner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner])
    take_step(suggestion, "submit", deputy)
    services.answer_invitation(suggestion.cosignatures.get(), True, cosigner.user)
    suggestion = take_step(suggestion, "accept", staff)
    before = list(PointEntry.objects.values())

    for deputy_, rule in [(my_deputy, "suggestion_lead"), (cosigner, "suggestion_cosign")]:
        deputies_services.award(
            deputy_, rule, occurred_on=suggestion.accepted_on, source_record=suggestion, by=staff
        )

    assert list(PointEntry.objects.values()) == before
    assert PointEntry.objects.count() == 2


def test_suggestion_converted_to_an_opinion_is_closed_without_a_number_or_points(
    staff, deputy, my_deputy, session
):
    suggestion = submitted(my_deputy, deputy, session)

    take_step(suggestion, "convert_to_opinion", staff, reason=" 属于意见类 ")

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.opinion_reason, suggestion.closed_on) == (
        S.OPINION,
        "属于意见类",
        TODAY,
    )
    assert suggestion.number is None
    assert not PointEntry.objects.exists()
    assert steps(suggestion)[-1] == ("convert_to_opinion", S.SUBMITTED, S.OPINION, "staff")


# Assignment


def test_assign_names_the_lead_and_the_co_handling_units(
    staff, deputy, my_deputy, session, housing, urban, education
):
    suggestion = accepted(my_deputy, deputy, staff, session)

    assign(suggestion, staff, housing, [urban, education])

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.assigned_on, suggestion.deadline) == (
        S.ASSIGNED,
        TODAY,
        datetime.date(2027, 4, 11),
    )
    parts = suggestion.assignments.order_by("pk")
    assert [
        (p.unit.name, p.role, p.person_responsible, p.contact, p.assigned_on, p.view_due)
        for p in parts
    ] == [
        ("区住建局", "lead", "张科长", "13800001111", TODAY, None),
        ("区城管局", "co", "王科长", "13800002222", TODAY, datetime.date(2027, 2, 11)),
        ("区教育局", "co", "刘科长", "13800003333", TODAY, datetime.date(2027, 2, 11)),
    ]
    assert all(p.history.get().history_user == staff for p in parts)
    assert steps(suggestion)[-1] == ("assign", S.ACCEPTED, S.ASSIGNED, "staff")


def test_co_handling_unit_files_its_view(clock, staff, deputy, my_deputy, session, housing, urban):
    suggestion = assign(accepted(my_deputy, deputy, staff, session), staff, housing, [urban])
    co = suggestion.assignments.get(role=UnitAssignment.Role.CO)
    filed_on = later(clock, days=20)

    take_step(suggestion, "file_view", staff, assignment=co, view=" 同意加装 ")

    co.refresh_from_db()
    assert (co.view, co.view_filed_on) == ("同意加装", filed_on)
    assert co.history.first().history_user == staff
    assert steps(suggestion)[-1] == ("file_view", S.ASSIGNED, S.ASSIGNED, "staff")


def test_co_handling_unit_gives_back_only_its_own_part(
    clock, staff, deputy, my_deputy, session, housing, urban, education
):
    suggestion = assign(
        accepted(my_deputy, deputy, staff, session), staff, housing, [urban, education]
    )
    returned_on = later(clock, days=3)

    take_step(
        suggestion,
        "give_back",
        staff,
        assignment=suggestion.assignments.get(unit=urban),
        reason="不属于本单位职责",
    )

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.assigned_on) == (S.ASSIGNED, TODAY)
    assert dict(suggestion.assignments.values_list("unit__name", "returned_on")) == {
        "区住建局": None,
        "区城管局": returned_on,
        "区教育局": None,
    }
    assert suggestion.assignments.get(unit=urban).return_reason == "不属于本单位职责"
    assert steps(suggestion)[-1] == ("give_back", S.ASSIGNED, S.ASSIGNED, "staff")


def test_lead_unit_giving_back_undoes_the_assignment_which_can_be_made_again(
    clock, staff, deputy, my_deputy, session, housing, urban, education
):
    suggestion = assign(accepted(my_deputy, deputy, staff, session), staff, housing, [urban])
    returned_on = later(clock, days=2)

    take_step(
        suggestion,
        "give_back",
        staff,
        assignment=suggestion.assignments.get(unit=housing),
        reason="应由区教育局主办",
    )

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.number, suggestion.assigned_on, suggestion.deadline) == (
        S.ACCEPTED,
        1,
        None,
        None,
    )
    assert list(suggestion.assignments.order_by("pk").values_list("unit__name", "returned_on")) == [
        ("区住建局", returned_on),
        ("区城管局", returned_on),
    ]
    assert steps(suggestion)[-1] == ("give_back", S.ASSIGNED, S.ACCEPTED, "staff")

    assign(suggestion, staff, education, [housing, urban])

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.assigned_on, suggestion.deadline) == (
        S.ASSIGNED,
        returned_on,
        datetime.date(2027, 4, 13),
    )
    active = suggestion.assignments.filter(returned_on=None)
    assert sorted(active.values_list("unit__name", "role")) == [
        ("区住建局", "co"),
        ("区城管局", "co"),
        ("区教育局", "lead"),
    ]
    assert PointEntry.objects.filter(deputy=my_deputy).count() == 1


# Answers, evaluations and follow-up


def test_full_lifecycle_with_an_unsatisfied_evaluation(
    clock, staff, deputy, my_deputy, cosigner, decliner, session, housing, urban
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner, decliner])
    take_step(suggestion, "submit", deputy)
    take_step(suggestion, "return_for_revision", staff, comment="请补充具体小区名单")
    suggestion.refresh_from_db()
    suggestion.reasons = "青石路小区多为六层住宅，老年住户占四成。"
    services.save_draft(suggestion, deputy, [cosigner, decliner])
    take_step(suggestion, "submit", deputy)
    services.answer_invitation(suggestion.cosignatures.get(deputy=cosigner), True, cosigner.user)
    services.answer_invitation(suggestion.cosignatures.get(deputy=decliner), False, decliner.user)
    take_step(suggestion, "accept", staff)
    take_step(suggestion, "mark_key", staff, supervisor=" 王主任 ")
    suggestion = assign(suggestion, staff, housing, [urban])
    services.supervise(suggestion, staff, Supervision.Method.ON_SITE, supervised_by="王主任")
    viewed_on = later(clock, days=10)
    take_step(
        suggestion,
        "file_view",
        staff,
        assignment=suggestion.assignments.get(unit=urban),
        view="同意",
    )
    first_answered_on = later(clock, days=30)
    answer(suggestion, staff, B)
    evaluated_on = later(clock, days=5)
    take_step(suggestion, "evaluate", deputy, evaluation=UNSATISFIED, comment="未明确时间表")

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.times_rehandled, suggestion.deadline) == (
        S.REHANDLING,
        1,
        datetime.date(2027, 3, 25),
    )
    assert evaluated_on == datetime.date(2027, 2, 25)

    second_answered_on = later(clock, days=20)
    answer(suggestion, staff, A)
    closed_on = later(clock, days=3)
    take_step(suggestion, "evaluate", deputy, evaluation=SATISFIED)

    suggestion.refresh_from_db()
    assert suggestion.state == S.CLOSED
    assert suggestion.number == 1
    assert suggestion.key_supervisor == "王主任"
    assert (suggestion.first_answered_on, suggestion.answered_on) == (
        first_answered_on,
        second_answered_on,
    )
    assert (suggestion.answer_class, suggestion.evaluation, suggestion.first_evaluation) == (
        A,
        SATISFIED,
        UNSATISFIED,
    )
    assert suggestion.closed_on == closed_on
    assert suggestion.solved
    assert list(
        suggestion.answers.values_list("round", "answer_class", "evaluation", "evaluated_on")
    ) == [(1, B, UNSATISFIED, evaluated_on), (2, A, SATISFIED, closed_on)]
    assert suggestion.answers.get(round=1).evaluation_comment == "未明确时间表"
    assert suggestion.assignments.get(unit=urban).view_filed_on == viewed_on
    assert suggestion.supervisions.get().recorded_by == staff
    assert steps(suggestion) == [
        ("submit", S.DRAFT, S.SUBMITTED, "deputy"),
        ("return_for_revision", S.SUBMITTED, S.RETURNED, "staff"),
        ("submit", S.RETURNED, S.SUBMITTED, "deputy"),
        ("accept", S.SUBMITTED, S.ACCEPTED, "staff"),
        ("mark_key", S.ACCEPTED, S.ACCEPTED, "staff"),
        ("assign", S.ACCEPTED, S.ASSIGNED, "staff"),
        ("file_view", S.ASSIGNED, S.ASSIGNED, "staff"),
        ("answer", S.ASSIGNED, S.ANSWERED, "staff"),
        ("evaluate", S.ANSWERED, S.REHANDLING, "deputy"),
        ("answer", S.REHANDLING, S.ANSWERED, "staff"),
        ("evaluate", S.ANSWERED, S.CLOSED, "deputy"),
    ]
    assert [step.at.astimezone(SHANGHAI).date() for step in suggestion.steps.all()][-5:] == [
        viewed_on,
        first_answered_on,
        evaluated_on,
        second_answered_on,
        closed_on,
    ]
    # every save is in the history with its author: the draft, two saves of it
    # (the draft's edit), then one per step
    history = list(suggestion.history.order_by("history_id"))
    assert [(h.state, h.history_user.username) for h in history] == [
        (S.DRAFT, "deputy"),
        (S.SUBMITTED, "deputy"),
        (S.RETURNED, "staff"),
        (S.RETURNED, "deputy"),
        (S.SUBMITTED, "deputy"),
        (S.ACCEPTED, "staff"),
        (S.ACCEPTED, "staff"),
        (S.ASSIGNED, "staff"),
        (S.ASSIGNED, "staff"),
        (S.ANSWERED, "staff"),
        (S.REHANDLING, "deputy"),
        (S.ANSWERED, "staff"),
        (S.CLOSED, "deputy"),
    ]
    assert points(my_deputy, "suggestion_lead") == [(3, PointEntry.State.APPROVED, TODAY)]
    assert points(cosigner, "suggestion_cosign") == [(1, PointEntry.State.APPROVED, TODAY)]
    assert not PointEntry.objects.filter(deputy=decliner).exists()


def test_every_record_a_step_writes_carries_its_author_in_the_history(
    clock, staff, deputy, my_deputy, cosigner, session, housing, urban
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner])
    take_step(suggestion, "submit", deputy)
    services.answer_invitation(suggestion.cosignatures.get(), True, cosigner.user)
    take_step(suggestion, "accept", staff)
    suggestion = assign(suggestion, staff, housing, [urban])
    services.supervise(suggestion, staff, Supervision.Method.WRITTEN, supervised_by="王主任")
    later(clock, days=10)
    take_step(
        suggestion,
        "file_view",
        staff,
        assignment=suggestion.assignments.get(unit=urban),
        view="同意",
    )
    answer(suggestion, staff, A)
    take_step(suggestion, "evaluate", deputy, evaluation=SATISFIED)

    def authors(model):
        return [(h.history_type, h.history_user) for h in model.history.order_by("history_id")]

    assert authors(Suggestion)[-1] == ("~", deputy)
    assert authors(CoSignature) == [("+", deputy), ("~", cosigner.user)]
    assert authors(UnitAssignment) == [("+", staff), ("+", staff), ("~", staff)]
    assert authors(Supervision) == [("+", staff)]
    # the answer is recorded by staff, then evaluated by the lead deputy
    assert authors(Answer) == [("+", staff), ("~", deputy)]


def test_step_records_its_time_and_author(clock, staff, deputy, my_deputy, session):
    suggestion = submitted(my_deputy, deputy, session)

    step = Step.objects.get(suggestion=suggestion)
    assert (step.name, step.from_state, step.to_state, step.by, step.at) == (
        "submit",
        S.DRAFT,
        S.SUBMITTED,
        deputy,
        NOW,
    )
    assert suggestion.history.first().history_user == deputy


def test_a_history_taken_at_past_moments_is_dated_from_them(
    staff, deputy, my_deputy, cosigner, session, housing, urban
):
    def at(day):
        return datetime.datetime.combine(day, datetime.time(10), SHANGHAI)

    drafted, cosigned, submitted_on, accepted_on = (datetime.date(2026, 3, d) for d in (2, 3, 4, 9))
    assigned_on, viewed_on = datetime.date(2026, 3, 16), datetime.date(2026, 4, 1)
    answered_on, evaluated_on = datetime.date(2026, 5, 20), datetime.date(2026, 5, 28)
    draft = SuggestionFactory.build(lead=my_deputy, session=session)
    suggestion = services.save_draft(draft, deputy, [cosigner], at=at(drafted))
    services.answer_invitation(suggestion.cosignatures.get(), True, cosigner.user, at=at(cosigned))
    take_step(suggestion, "submit", deputy, at=at(submitted_on))
    take_step(suggestion, "accept", staff, at=at(accepted_on))
    take_step(
        suggestion,
        "assign",
        staff,
        at=at(assigned_on),
        lead_unit=housing,
        person_responsible="张科长",
        contact="13800001111",
        co_units=[urban],
    )
    co = suggestion.assignments.get(unit=urban)
    take_step(suggestion, "file_view", staff, at=at(viewed_on), assignment=co, view="同意")
    take_step(
        suggestion,
        "answer",
        staff,
        at=at(answered_on),
        text="已完成",
        answer_class=D,
        answered_on=answered_on,
    )
    take_step(suggestion, "evaluate", deputy, at=at(evaluated_on), evaluation=SATISFIED)

    suggestion.refresh_from_db()
    assert suggestion.created_at == at(drafted)
    assert suggestion.cosignatures.get().answered_at == at(cosigned)
    assert (suggestion.submitted_on, suggestion.accepted_on) == (submitted_on, accepted_on)
    assert suggestion.assigned_on == assigned_on
    assert suggestion.deadline == datetime.date(2026, 6, 16)
    assert suggestion.assignments.get(unit=urban).view_filed_on == viewed_on
    assert suggestion.answers.get().evaluated_on == evaluated_on
    assert suggestion.closed_on == evaluated_on
    assert {entry.occurred_on for entry in PointEntry.objects.all()} == {accepted_on}
    days = [submitted_on, accepted_on, assigned_on, viewed_on, answered_on, evaluated_on]
    assert [step.at for step in suggestion.steps.all()] == [at(day) for day in days]
    history = suggestion.history.order_by("history_id")
    assert [h.history_date for h in history] == [at(day) for day in [drafted, *days]]


@pytest.mark.parametrize("evaluation", [SATISFIED, BASICALLY])
@pytest.mark.parametrize("answer_class", [A, D])
def test_class_a_and_d_answers_close_on_a_satisfied_evaluation(
    clock, staff, deputy, my_deputy, session, housing, answer_class, evaluation
):
    suggestion = assign(accepted(my_deputy, deputy, staff, session), staff, housing)
    later(clock, days=30)
    answer(suggestion, staff, answer_class)
    closed_on = later(clock, days=7)

    take_step(suggestion, "evaluate", deputy, evaluation=evaluation)

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.closed_on, suggestion.solved_on) == (
        S.CLOSED,
        closed_on,
        None,
    )
    assert (suggestion.evaluation, suggestion.first_evaluation) == (evaluation, evaluation)
    assert suggestion.solved is (answer_class == A)
    assert steps(suggestion)[-1] == ("evaluate", S.ANSWERED, S.CLOSED, "deputy")


@pytest.mark.parametrize("answer_class", [B, C])
def test_class_b_and_c_answers_stay_in_follow_up_until_solved(
    clock, staff, deputy, my_deputy, session, housing, answer_class
):
    suggestion = assign(accepted(my_deputy, deputy, staff, session), staff, housing)
    later(clock, days=30)
    answer(suggestion, staff, answer_class)
    later(clock, days=7)
    take_step(suggestion, "evaluate", deputy, evaluation=BASICALLY)

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.closed_on, suggestion.solved) == (
        S.FOLLOW_UP,
        None,
        False,
    )
    solved_on = later(clock, days=120)

    take_step(suggestion, "mark_solved", staff)

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.solved_on, suggestion.closed_on) == (
        S.CLOSED,
        solved_on,
        solved_on,
    )
    assert suggestion.solved
    assert steps(suggestion)[-2:] == [
        ("evaluate", S.ANSWERED, S.FOLLOW_UP, "deputy"),
        ("mark_solved", S.FOLLOW_UP, S.CLOSED, "staff"),
    ]


def test_unsatisfied_evaluation_of_a_class_b_answer_sends_it_back_not_to_follow_up(
    clock, staff, deputy, my_deputy, session, housing
):
    suggestion = assign(accepted(my_deputy, deputy, staff, session), staff, housing)
    later(clock, days=30)
    answer(suggestion, staff, B)

    take_step(suggestion, "evaluate", deputy, evaluation=UNSATISFIED)

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.evaluation) == (S.REHANDLING, UNSATISFIED)


# Supervision


@pytest.mark.parametrize(
    "state", [S.ACCEPTED, S.ASSIGNED, S.ANSWERED, S.REHANDLING, S.FOLLOW_UP], ids=str
)
def test_key_supervision_and_supervisions_while_it_is_handled(staff, my_deputy, state):
    suggestion = SuggestionFactory(lead=my_deputy, state=state, number=1)

    take_step(suggestion, "mark_key", staff, supervisor="王主任")
    supervision = services.supervise(
        suggestion,
        staff,
        Supervision.Method.MEETING,
        supervised_by="王主任",
        note="召开督办会",
        on=datetime.date(2027, 1, 8),
    )

    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.key_supervisor, suggestion.key_supervised) == (
        state,
        "王主任",
        True,
    )
    assert steps(suggestion) == [("mark_key", state, state, "staff")]
    assert suggestion.history.first().history_user == staff
    supervision.refresh_from_db()
    assert (supervision.on, supervision.recorded_by, supervision.note) == (
        datetime.date(2027, 1, 8),
        staff,
        "召开督办会",
    )
    assert supervision.history.get().history_user == staff


def test_supervision_is_dated_today_unless_told(staff, my_deputy):
    suggestion = SuggestionFactory(lead=my_deputy, state=S.ASSIGNED, number=1)

    supervision = services.supervise(suggestion, staff, "written", supervised_by="王主任")

    assert supervision.on == TODAY


def test_dropping_a_cosigner_from_a_draft_is_in_the_history_with_its_author(
    deputy, my_deputy, cosigner, decliner, session
):
    suggestion = new_draft(my_deputy, deputy, session, [cosigner, decliner])

    services.save_draft(suggestion, deputy, [cosigner])

    assert list(suggestion.cosignatures.values_list("deputy__name", flat=True)) == ["王芳"]
    dropped = CoSignature.history.filter(deputy=decliner).order_by("history_id")
    assert [(h.history_type, h.history_user) for h in dropped] == [("+", deputy), ("-", deputy)]
