"""`manage.py seed_demo --scale N` adds benchmark data once: run twice with the
same N, the second run adds nothing (the `scaled_demo` fixture runs it)."""

import pytest
from django.utils import timezone

from deputies.demo import BULK_NOTE
from deputies.models import Deputy, Membership, PointEntry
from liaison_stations.models import Constituent, Station, Visit
from suggestions.demo import SUGGESTIONS_PER_SCALE
from suggestions.models import Answer, CongressSession, CoSignature, Suggestion, UnitAssignment

State = Suggestion.State


@pytest.fixture
def scaling(scaled_demo, db):
    return scaled_demo


def test_the_second_run_adds_nothing(scaling):
    assert scaling.twice == scaling.once


def test_scale_adds_benchmark_deputies_and_entries_once(scaling):
    assert scaling.added(Deputy) == 400
    assert scaling.added(Membership) > 300
    assert scaling.added(PointEntry) > 30_000
    bulk = Deputy.objects.filter(notes=BULK_NOTE)
    assert bulk.values("street").distinct().count() == 3
    assert bulk.current().count() > 350


def test_scale_adds_benchmark_visits_once(scaling):
    assert scaling.added(Visit) == 20_000
    assert scaling.added(Constituent) > 20_000
    assert scaling.added(Visit.deputies.through) >= 20_000
    assert scaling.added(Station) == 15  # the third street: central, 12 communities, 2 more
    bulk = Visit.objects.filter(deputies__notes=BULK_NOTE).distinct()
    assert bulk.count() == 20_000
    assert bulk.values("station__street").distinct().count() == 3
    assert set(bulk.values_list("state", flat=True)) == set(Visit.State.values)
    assert bulk.overdue(timezone.localdate()).count() > 100


def test_scale_adds_benchmark_suggestions_once(scaling):
    assert scaling.added(Suggestion) == 2 * SUGGESTIONS_PER_SCALE
    bulk = Suggestion.objects.filter(lead__notes=BULK_NOTE)
    assert bulk.values("street").distinct().count() == 3
    states = set(bulk.values_list("state", flat=True))
    assert len(states) >= 8
    assert {State.ACCEPTED, State.ASSIGNED, State.ANSWERED, State.FOLLOW_UP, State.CLOSED} <= states
    assert bulk.overdue(timezone.localdate()).count() > 20
    assert not bulk.exclude(evaluation="").filter(first_evaluation="").exists()
    assert not bulk.filter(state__in=Suggestion.ANSWERED_ONCE, first_answered_on=None).exists()
    answered = bulk.exclude(first_answered_on=None)
    assert Answer.objects.filter(suggestion__in=answered, round=1).count() == answered.count()
    handled = bulk.filter(state__in=Suggestion.IN_HANDS_OF_UNITS)
    leads = UnitAssignment.objects.filter(role="lead", returned_on=None, suggestion__in=handled)
    assert leads.count() == handled.count()
    assert UnitAssignment.objects.filter(role="co", suggestion__in=bulk).exists()
    assert CoSignature.objects.filter(suggestion__in=bulk).exists()
    for session in CongressSession.objects.all():
        numbers = list(session.suggestions.exclude(number=None).values_list("number", flat=True))
        assert sorted(numbers) == list(range(1, len(numbers) + 1))
