import datetime

import pytest
import time_machine

from congress_portal.errors import DomainError
from congress_portal.workflow import take_step
from liaison_stations.models import Visit
from tests.liaison_stations.factories import HandlingUnitFactory, VisitFactory

S = Visit.State
TODAY = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
DEADLINE = datetime.date(2026, 12, 21)
ROUTABLE = {S.REGISTERED, S.REOPENED}
WITH_UNIT = {S.REFERRED, S.ASSIGNED}
# action → (states it may start from, state it leads to), written out apart from the model
LEGAL = {
    "not_accept": ({S.REGISTERED}, S.NOT_ACCEPTED),
    "answer_on_the_spot": (ROUTABLE, S.FED_BACK),
    "refer": (ROUTABLE, S.REFERRED),
    "assign": (ROUTABLE, S.ASSIGNED),
    "escalate": (ROUTABLE, S.ESCALATED),
    "record_reply": ({S.REFERRED, S.ASSIGNED, S.ESCALATED}, S.REPLIED),
    # staff may take a unit's step for a unit on paper (None: the state stays)
    "sign_for": (WITH_UNIT, None),
    "give_back": (WITH_UNIT, S.REGISTERED),
    "release_reply": ({S.REPLY_REVIEW}, S.REPLIED),
    "return_reply": ({S.REPLY_REVIEW}, S.REFERRED),  # routed by no "assign" step
    "feed_back": ({S.REPLIED}, S.FED_BACK),
    "evaluate": ({S.FED_BACK}, S.EVALUATED),
    "close": ({S.EVALUATED}, S.CLOSED),
}


def arguments(action):
    unit = HandlingUnitFactory()
    return {
        "not_accept": {"reason": "属于诉讼事项，已告知向法院起诉"},
        "answer_on_the_spot": {"reply": "已当场解释政策"},
        "refer": {"unit": unit},
        "assign": {"unit": unit, "deadline": DEADLINE},
        "escalate": {},
        "record_reply": {"reply": "已安排清运"},
        "sign_for": {},
        "give_back": {"reason": "不属于本单位职责"},
        "release_reply": {},
        "return_reply": {"comment": "请补充整改照片"},
        "feed_back": {"feedback": "已电话告知"},
        "evaluate": {"evaluation": Visit.Evaluation.SATISFIED},
        "close": {},
    }[action]


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TODAY, tick=False):
        yield


CASES = [(action, state) for action in LEGAL for state in S]


@pytest.mark.parametrize("action, state", CASES, ids=[f"{a}-from-{s}" for a, s in CASES])
def test_every_transition_from_every_state(staff, action, state):
    visit = VisitFactory(state=state, routed_on=TODAY.date())
    allowed, to = LEGAL[action]

    if state in allowed:
        take_step(visit, action, staff, **arguments(action))
        visit.refresh_from_db()
        assert visit.state == (to or state)
        assert visit.history.first().history_user == staff
    else:
        with pytest.raises(DomainError, match="不能"):
            take_step(visit, action, staff, **arguments(action))
        visit.refresh_from_db()
        assert visit.state == state
        assert visit.history.count() == 1  # only its creation


def test_unsatisfied_evaluation_reopens_for_new_handling(staff):
    visit = VisitFactory(state=S.FED_BACK, deadline=DEADLINE)

    take_step(visit, "evaluate", staff, evaluation=Visit.Evaluation.UNSATISFIED)

    visit.refresh_from_db()
    assert (visit.state, visit.times_reopened, visit.deadline) == (S.REOPENED, 1, None)
    take_step(visit, "assign", staff, unit=HandlingUnitFactory(), deadline=DEADLINE)
    visit.refresh_from_db()
    assert visit.state == S.ASSIGNED


def test_full_route_records_the_dates(staff):
    visit = VisitFactory()
    for action in ["assign", "record_reply", "feed_back", "evaluate", "close"]:
        take_step(visit, action, staff, **arguments(action))

    visit.refresh_from_db()
    today = TODAY.date()
    assert (visit.replied_on, visit.fed_back_on, visit.closed_on) == (today, today, today)
    assert visit.handling_unit.name == "区住建局"
    assert visit.evaluation == Visit.Evaluation.SATISFIED


def test_a_step_leaves_one_trail_row_and_dates_everything_from_its_moment(staff):
    visit = VisitFactory(state=S.ASSIGNED, received_on=datetime.date(2026, 9, 1))
    at = datetime.datetime(2026, 10, 5, 3, tzinfo=datetime.UTC)

    take_step(visit, "record_reply", staff, at=at, reply="已安排清运")

    visit.refresh_from_db()
    assert (visit.state, visit.replied_on) == (S.REPLIED, datetime.date(2026, 10, 5))
    step = visit.steps.get()
    assert (step.name, step.from_state, step.to_state, step.by, step.at) == (
        "record_reply",
        S.ASSIGNED,
        S.REPLIED,
        staff,
        at,
    )
    assert visit.history.order_by("history_id").last().history_date == at


def test_a_deputy_cannot_take_a_handling_step(deputy):
    visit = VisitFactory()

    with pytest.raises(DomainError):
        take_step(visit, "escalate", deputy)
    visit.refresh_from_db()
    assert visit.state == S.REGISTERED
    assert not visit.steps.exists()


def test_not_accepting_needs_a_reason(staff):
    visit = VisitFactory()

    with pytest.raises(DomainError, match="原因"):
        take_step(visit, "not_accept", staff, reason=" ")
    visit.refresh_from_db()
    assert visit.state == S.REGISTERED


def test_assignment_needs_a_deadline(staff):
    visit = VisitFactory()

    with pytest.raises(DomainError, match="期限"):
        take_step(visit, "assign", staff, unit=HandlingUnitFactory(), deadline=None)
    visit.refresh_from_db()
    assert visit.state == S.REGISTERED


def test_unknown_action_is_refused(staff):
    with pytest.raises(DomainError):
        take_step(VisitFactory(), "delete", staff)


@pytest.mark.parametrize(
    "state, deadline, overdue",
    [
        (S.ASSIGNED, datetime.date(2026, 11, 20), True),
        (S.ASSIGNED, datetime.date(2026, 11, 21), False),
        (S.REFERRED, datetime.date(2026, 11, 1), True),
        (S.REPLIED, datetime.date(2026, 11, 1), False),
        (S.REFERRED, None, False),
    ],
)
def test_overdue_means_still_in_handling_past_the_deadline(db, state, deadline, overdue):
    visit = VisitFactory(state=state, deadline=deadline)

    assert visit.is_overdue(TODAY.date()) is overdue
    assert Visit.objects.overdue(TODAY.date()).filter(pk=visit.pk).exists() is overdue


def test_next_steps_are_the_legal_actions(staff):
    for state in S:
        steps = [step.name for step in VisitFactory(state=state).next_steps(staff)]
        assert steps == [action for action, (starts, _to) in LEGAL.items() if state in starts]
