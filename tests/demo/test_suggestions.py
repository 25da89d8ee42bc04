"""The suggestions' part of `manage.py seed_demo` (the demo is built once: conftest.py)."""

from collections import Counter

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone

from congress_portal.demo import MAIN_STREET
from deputies.demo import BULK_NOTE
from deputies.models import Level, Membership, PointEntry
from liaison_stations.models import Visit
from suggestions.deadlines import ANSWER_MONTHS, REHANDLING_MONTHS, add_months
from suggestions.models import (
    Answer,
    CongressSession,
    CoSignature,
    Signal,
    Step,
    Suggestion,
    Supervision,
    UnitAssignment,
)

State = Suggestion.State


def points(rule_code):
    return PointEntry.objects.filter(
        rule__code=rule_code,
        source=PointEntry.Source.AUTO,
        source_type=ContentType.objects.get_for_model(Suggestion),
    )


def test_demo_has_about_65_suggestions_of_both_kinds_in_every_state(db):
    suggestions = Suggestion.objects.all()
    kinds = Counter(suggestions.values_list("kind", flat=True))

    assert 60 <= suggestions.count() <= 70
    # Some 40 大会建议 and 25 闭会建议, more 闭会建议 later in the year.
    assert kinds[Suggestion.Kind.DURING_SESSION] >= 15
    assert kinds[Suggestion.Kind.BETWEEN_SESSIONS] >= 15
    assert set(suggestions.values_list("state", flat=True)) == set(State.values)
    assert set(suggestions.values_list("category", flat=True)) == set(Suggestion.Category.values)
    assert suggestions.values("title").distinct().count() > 55
    assert not suggestions.exclude(street__name=MAIN_STREET).exists()
    assert not suggestions.filter(lead__notes=BULK_NOTE).exists()
    assert not suggestions.filter(state=State.RETURNED, review_comment="").exists()
    assert not suggestions.filter(state=State.OPINION, opinion_reason="").exists()
    for suggestion in suggestions.select_related("session"):
        suggestion.full_clean()


def test_demo_leads_sit_in_the_district_congress_of_their_session(db):
    for suggestion in Suggestion.objects.select_related("session__term"):
        term = suggestion.session.term
        day = suggestion.submitted_on or suggestion.created_at.date()
        assert term.level == Level.DISTRICT
        assert Membership.objects.filter(
            deputy=suggestion.lead_id, term=term, began_on__lte=day
        ).exclude(ended_on__lt=day), suggestion
        assert not suggestion.cosignatures.filter(deputy=suggestion.lead_id).exists()


def test_demo_suggestions_are_numbered_per_session_in_the_order_accepted(db):
    sessions = CongressSession.objects.annotate(n=Count("suggestions")).order_by("opens_on")

    assert sessions.count() >= 2
    assert all(session.n for session in sessions)
    for session in sessions:
        numbered = session.suggestions.exclude(number=None).order_by("number")
        assert list(numbered.values_list("number", flat=True)) == list(
            range(1, numbered.count() + 1)
        )
        accepted = list(numbered.values_list("accepted_on", flat=True))
        assert accepted == sorted(accepted)
    suggestions = Suggestion.objects.select_related("session")
    assert not suggestions.filter(number=None, accepted_on__isnull=False).exists()
    assert not suggestions.exclude(number=None).filter(accepted_on=None).exists()
    for suggestion in suggestions.exclude(submitted_on=None):
        # 大会建议 were first submitted while the session sat (a returned one may
        # be submitted again later), 闭会建议 between sessions.
        first = suggestion.steps.filter(name="submit").first()
        day = timezone.localdate(first.at)
        assert suggestion.kind == suggestion.session.kind_on(day), suggestion.pk


def test_demo_traffic_light_shows_every_colour_with_consistent_deadlines(db):
    today = timezone.localdate()
    running = Suggestion.objects.running()
    signals = Counter(suggestion.signal(today) for suggestion in running)

    assert set(signals) == set(Signal.values)
    assert signals[Signal.OVERDUE] >= 3
    for suggestion in running.filter(state=State.ASSIGNED):
        months = ANSWER_MONTHS + suggestion.extension_months
        assert suggestion.deadline == add_months(suggestion.assigned_on, months)
    for suggestion in running.filter(state=State.REHANDLING):
        evaluated = suggestion.answers.get(round=suggestion.times_rehandled).evaluated_on
        assert suggestion.deadline == add_months(evaluated, REHANDLING_MONTHS)
    assert Suggestion.objects.filter(extension_months__gt=0).count() >= 2


def test_demo_dates_follow_the_handling_and_are_spread_over_the_year(db):
    today = timezone.localdate()
    suggestions = Suggestion.objects.all()

    for suggestion in suggestions.prefetch_related("steps", "answers", "assignments"):
        dates = [
            suggestion.created_at.date(),
            suggestion.submitted_on,
            suggestion.accepted_on,
            suggestion.assigned_on,
            suggestion.first_answered_on,
            suggestion.answered_on,
            suggestion.closed_on,
        ]
        dates = [day for day in dates if day]
        assert dates == sorted(dates) and dates[-1] <= today, suggestion.pk
        moments = [step.at for step in suggestion.steps.all()]
        assert moments == sorted(moments)
        for answer in suggestion.answers.all():
            assert answer.answered_on >= suggestion.assigned_on or suggestion.times_rehandled
            assert answer.evaluated_on is None or answer.evaluated_on >= answer.answered_on
        for part in suggestion.assignments.all():
            assert part.returned_on is None or part.returned_on >= part.assigned_on
            assert part.view_filed_on is None or part.view_filed_on <= part.view_due
    assigned = suggestions.exclude(assigned_on=None)
    assert assigned.values("assigned_on").distinct().count() > 20
    assert (today - min(assigned.values_list("assigned_on", flat=True))).days > 200


def test_demo_has_unsatisfied_suggestions_handled_again_and_evaluated_again(db):
    unsatisfied = Suggestion.objects.filter(first_evaluation=Suggestion.Evaluation.UNSATISFIED)
    again = unsatisfied.exclude(state=State.REHANDLING)

    assert unsatisfied.filter(state=State.REHANDLING).count() >= 2
    assert again.filter(state=State.CLOSED).exists()
    for suggestion in again:
        rounds = list(suggestion.answers.order_by("round"))
        assert [answer.round for answer in rounds] == [1, 2]
        assert rounds[0].evaluation == Suggestion.Evaluation.UNSATISFIED
        assert rounds[0].evaluation_comment
        assert suggestion.evaluation == rounds[1].evaluation != Suggestion.Evaluation.UNSATISFIED
    solved = Suggestion.objects.filter(state=State.CLOSED, solved_on__isnull=False)
    assert solved.exists()
    assert not solved.exclude(answer_class__in=Suggestion.FOLLOWED_UP_CLASSES).exists()
    follow_up = Suggestion.objects.filter(state=State.FOLLOW_UP)
    assert set(follow_up.values_list("answer_class", flat=True)) <= {"B", "C"}
    assert set(Answer.objects.values_list("answer_class", flat=True)) == {"A", "B", "C", "D"}


def test_demo_units_gave_back_assignments_and_filed_views(db):
    returned = UnitAssignment.objects.exclude(returned_on=None)
    leads = returned.filter(role=UnitAssignment.Role.LEAD)

    assert leads.filter(suggestion__state=State.ACCEPTED).exists()
    assert leads.filter(suggestion__state=State.ASSIGNED).exists()  # and assigned again
    assert returned.filter(role=UnitAssignment.Role.CO, suggestion__state=State.ASSIGNED).exists()
    assert not returned.filter(return_reason="").exists()
    assert UnitAssignment.objects.exclude(view_filed_on=None).count() >= 3
    for suggestion in Suggestion.objects.filter(state__in=Suggestion.IN_HANDS_OF_UNITS):
        assert suggestion.assignments.filter(role="lead", returned_on=None).count() == 1


def test_demo_awarded_points_to_leads_and_confirmed_cosigners_when_accepted(db):
    numbered = Suggestion.objects.exclude(number=None)
    confirmed = CoSignature.objects.filter(
        state=CoSignature.State.CONFIRMED, suggestion__in=numbered
    )

    assert points("suggestion_lead").count() == numbered.count()
    assert points("suggestion_cosign").count() == confirmed.count() > 0
    for suggestion in numbered:
        entry = points("suggestion_lead").get(source_id=suggestion.pk)
        assert entry.deputy_id == suggestion.lead_id
        assert entry.occurred_on == suggestion.accepted_on
    assert Step.objects.filter(name="accept").count() >= numbered.count()


def test_demo_has_key_supervision_and_supervision_entries(db):
    key = Suggestion.objects.exclude(key_supervisor="")

    assert key.count() >= 3
    assert Step.objects.filter(name="mark_key").count() == key.count()
    assert Supervision.objects.count() >= 5
    assert not Supervision.objects.exclude(recorded_by__username="staff").exists()
    assert Supervision.objects.filter(suggestion__in=key).exists()


def test_demo_raised_some_escalated_visits_received_by_the_lead(db):
    links = Suggestion.visits.through.objects.select_related("suggestion", "visit")

    if not Visit.objects.filter(state=Visit.State.ESCALATED).exists():
        pytest.skip("The stations' demo has no escalated visit today.")
    assert links.exists()
    for link in links:
        assert link.visit.state == Visit.State.ESCALATED
        assert link.visit.deputies.filter(pk=link.suggestion.lead_id).exists()
        assert link.suggestion.created_at.date() > link.visit.received_on


def test_demo_accounts_lead_suggestions_and_are_asked_to_co_sign(db):
    for username in ("deputy", "deputy2"):
        led = Suggestion.objects.filter(lead__user__username=username)
        assert led.count() >= 5
        assert len(set(led.values_list("state", flat=True))) >= 4
        assert CoSignature.objects.filter(
            deputy__user__username=username, state=CoSignature.State.INVITED
        ).exists()
    waiting = Suggestion.objects.filter(state=State.ANSWERED)
    assert waiting.filter(lead__user__isnull=False).exists()


def counts():
    return (
        Suggestion.objects.count(),
        CongressSession.objects.count(),
        CoSignature.objects.count(),
        UnitAssignment.objects.count(),
        Answer.objects.count(),
        Step.objects.count(),
        PointEntry.objects.count(),
    )


def test_running_the_demo_again_adds_nothing(db):
    before = counts()

    call_command("seed_demo", force=True)

    assert counts() == before
