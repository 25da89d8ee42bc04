"""The liaison stations' part of `manage.py seed_demo` (the demo is built once: conftest.py)."""

import datetime
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import timezone

from congress_portal.demo import MAIN_STREET, NEIGHBOUR_STREET
from congress_portal.models import HandlingUnit, Street
from deputies.demo import BULK_NOTE
from deputies.models import Deputy, PointEntry
from liaison_stations.models import (
    Constituent,
    DutyAssignment,
    StandardCheck,
    Station,
    Supervision,
    SwapRequest,
    Visit,
)


def auto_entries(rule_code, model):
    return PointEntry.objects.filter(
        rule__code=rule_code,
        source=PointEntry.Source.AUTO,
        source_type=ContentType.objects.get_for_model(model),
    )


def test_demo_covers_all_16_communities_of_the_main_street(db):
    main = Street.objects.get(name=MAIN_STREET)
    stations = Station.objects.filter(street=main, active=True)

    assert main.communities.count() == 16
    assert main.communities.filter(stations__in=stations).distinct().count() == 16
    assert set(stations.values_list("kind", flat=True)) == set(Station.Kind.values)
    assert stations.filter(kind=Station.Kind.CENTRAL).count() == 1
    neighbour = Station.objects.filter(street__name=NEIGHBOUR_STREET)
    assert neighbour.filter(kind=Station.Kind.COMMUNITY).count() == 2


def test_demo_stations_have_current_deputies_of_their_street_and_standards_checks(db):
    current = set(Deputy.objects.current().values_list("pk", flat=True))
    for station in Station.objects.prefetch_related("deputies"):
        station.full_clean()
        assert station.deputies.exists()
        for deputy in station.deputies.all():
            assert deputy.street_id == station.street_id
            assert deputy.pk in current and deputy.notes != BULK_NOTE

    checked = Station.objects.filter(checks__isnull=False).distinct().count()
    assert Station.objects.count() - 3 <= checked < Station.objects.count()
    assert StandardCheck.objects.filter(met=True).count() > 0.8 * StandardCheck.objects.count()
    assert not StandardCheck.objects.exclude(checked_by__username="staff").exists()
    assert not StandardCheck.objects.filter(met=False, note="").exists()


def test_demo_has_departments_the_street_office_and_residents_committees(db):
    units = HandlingUnit.objects.all()

    departments = units.filter(kind=HandlingUnit.Kind.DEPARTMENT)
    assert {"区住建局", "区城管局", "区交通运输局", "区人社局", "区卫健局", "区教育局"} <= set(
        departments.values_list("name", flat=True)
    )
    assert not departments.filter(street__isnull=False).exists()
    assert units.filter(kind=HandlingUnit.Kind.STREET_OFFICE, name="青石街道办事处").exists()
    assert units.filter(kind=HandlingUnit.Kind.RESIDENTS_COMMITTEE).count() >= 4
    for unit in units:
        unit.full_clean()


def test_demo_rosters_cover_a_year_and_check_ins_earned_station_duty_points(db):
    today = timezone.localdate()
    past = DutyAssignment.objects.filter(session__date__lt=today)
    checked_in = past.filter(checked_in_at__isnull=False)

    assert past.count() > 1500
    assert 0.8 * past.count() < checked_in.count() < past.count()  # some missed
    assert DutyAssignment.objects.filter(session__date__gt=today + datetime.timedelta(20)).exists()
    assert auto_entries("station_duty", DutyAssignment).count() == checked_in.count()
    assert set(SwapRequest.objects.values_list("state", flat=True)) == set(SwapRequest.State.values)
    assert DutyAssignment.objects.filter(deputy__user__username="deputy").exists()
    assert SwapRequest.objects.filter(
        assignment__deputy__user__username="deputy", state=SwapRequest.State.PENDING
    ).exists()


def test_demo_visits_reach_every_state_and_some_are_overdue(db):
    visits = Visit.objects.all()

    assert 1300 <= visits.count() <= 1700
    assert set(visits.values_list("state", flat=True)) == set(Visit.State.values)
    assert visits.overdue(timezone.localdate()).count() >= 5
    assert not visits.filter(state=Visit.State.NOT_ACCEPTED, not_accepted_reason="").exists()
    assert visits.filter(times_reopened__gt=0, state=Visit.State.CLOSED).exists()
    assert not visits.filter(state=Visit.State.ASSIGNED, deadline__isnull=True).exists()
    evaluated = visits.exclude(evaluation="")
    satisfied = evaluated.exclude(evaluation=Visit.Evaluation.UNSATISFIED)
    assert satisfied.count() > 0.9 * evaluated.count()
    assert Supervision.objects.filter(visit__state__in=Visit.HANDLING).count() >= 5
    assert visits.filter(station__kind=Station.Kind.CENTRAL).count() > 100


def test_demo_visits_earned_points_for_every_deputy_who_received_them(db):
    links = Visit.deputies.through.objects
    received_by_none = Visit.objects.filter(deputies__isnull=True)

    # Only online matters no deputy has taken up, which earn no one points.
    assert set(received_by_none.values_list("channel", flat=True)) == {"online"}
    assert auto_entries("receive_constituents", Visit).count() == links.count()


def test_demo_online_matters_stand_in_every_state_and_their_numbers_are_printed(db):
    online = Visit.objects.filter(channel=Visit.Channel.ONLINE)
    output = StringIO()

    call_command("seed_demo", force=True, stdout=output)

    assert set(online.values_list("state", flat=True)) == set(Visit.State.values)
    for visit in online.prefetch_related("constituents"):
        digits = visit.constituents.get().phone[-4:]
        assert (
            f"{visit.tracking_display} {digits} · {visit.get_state_display()}" in output.getvalue()
        )
    assert online.filter(evaluation_given=Visit.EvaluationGiven.ONLINE).count() == 3
    assert online.filter(addressed_to__user__username="deputy").exists()


def test_demo_constituents_have_valid_phones_and_some_are_anonymous(db):
    people = Constituent.objects.all()

    for person in people:
        person.full_clean()
        assert not person.is_blank
    assert people.filter(name="").exists()
    assert people.exclude(phone="").count() > 0.7 * people.count()
    assert not Visit.objects.filter(constituents__isnull=True).exists()
    assert Visit.objects.filter(constituents__isnull=False).distinct().count() > 1000


def counts():
    return (
        Visit.objects.count(),
        Constituent.objects.count(),
        Visit.deputies.through.objects.count(),
        Station.objects.count(),
    )
