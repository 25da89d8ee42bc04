"""The deputies' part of `manage.py seed_demo` (the demo is built once: conftest.py)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils import timezone

from congress_portal.demo import MAIN_STREET, NEIGHBOUR_STREET
from congress_portal.models import Street
from deputies.models import (
    Activity,
    Attendance,
    Deputy,
    EntryFlag,
    Level,
    Membership,
    PointEntry,
    PointRule,
    ProfessionalGroup,
    PublishedQuarter,
)


def test_demo_has_deputies_of_both_streets_at_every_level(db):
    assert 110 <= Deputy.objects.filter(street__name=MAIN_STREET).count() <= 130
    assert 15 <= Deputy.objects.filter(street__name=NEIGHBOUR_STREET).count() <= 25
    main = Membership.objects.filter(deputy__street__name=MAIN_STREET, ended_on__isnull=True)
    per_level = dict(main.values_list("term__level").annotate(n=Count("pk")))
    assert set(per_level) == set(Level.values)
    assert per_level[Level.NATIONAL] < per_level[Level.CITY] < per_level[Level.DISTRICT]
    two_levels = Deputy.objects.annotate(
        seats=Count("memberships", filter=Q(memberships__ended_on__isnull=True))
    ).filter(seats=2)
    assert two_levels.exists()
    for deputy in Deputy.objects.all():
        deputy.full_clean()


def test_demo_has_by_elections_and_departures(db):
    assert Membership.objects.filter(began_how=Membership.Began.BY_ELECTION).count() >= 3
    departures = Membership.objects.exclude(
        ended_how__in=["", Membership.Ended.TERM_END]
    ).values_list("ended_how", flat=True)
    assert {Membership.Ended.RESIGNATION, Membership.Ended.TRANSFER} <= set(departures)
    for membership in Membership.objects.select_related("term"):
        membership.full_clean()
        assert membership.term.starts_on <= membership.began_on <= membership.term.ends_on


def test_demo_deputy_account_has_a_current_deputy_with_approved_points(db):
    deputy = Deputy.objects.current().get(user__username="deputy")

    assert deputy.street.name == MAIN_STREET
    assert deputy.memberships.filter(term__level=Level.DISTRICT, ended_on__isnull=True).exists()
    assert deputy.point_entries.filter(state=PointEntry.State.APPROVED, points__gt=0).exists()
    assert Deputy.objects.filter(user__username="deputy2").exists()


def test_demo_has_claims_in_every_state_and_error_reports(db):
    states = set(PointEntry.objects.values_list("state", flat=True))
    sources = set(PointEntry.objects.values_list("source", flat=True))

    assert states == set(PointEntry.State.values)
    # Corrections come from staff decisions on error reports, which the demo leaves raised.
    assert sources == set(PointEntry.Source.values) - {PointEntry.Source.CORRECTION}
    assert not PointEntry.objects.filter(state=PointEntry.State.REJECTED, reject_reason="")
    assert EntryFlag.objects.filter(entry__deputy__user__username="deputy").exists()


def test_demo_claims_only_claimable_rules_and_publishes_ended_quarters(db):
    main = Street.objects.get(name=MAIN_STREET)
    claims = PointEntry.objects.filter(source=PointEntry.Source.CLAIM)
    opens = PublishedQuarter.objects.open_from(main.pk)

    assert claims.exists()
    assert not claims.exclude(rule__in=PointRule.objects.claimable()).exists()
    assert PublishedQuarter.objects.filter(street=main).count() >= 4
    assert opens is not None and opens < timezone.localdate()
    pending = PointEntry.objects.filter(state=PointEntry.State.PENDING, deputy__street=main)
    assert pending.exists() and not pending.filter(occurred_on__lt=opens).exists()


def test_demo_attendance_earned_its_points(db):
    kinds = set(Activity.objects.values_list("kind", flat=True))
    counted = Attendance.objects.exclude(status=Attendance.Status.INVITED)
    absent = counted.filter(status=Attendance.Status.ABSENT, activity__kind=Activity.Kind.CONGRESS)

    assert kinds == set(Activity.Kind.values)
    assert 2 <= absent.count() <= 6
    assert (
        PointEntry.objects.filter(
            source=PointEntry.Source.AUTO, source_type=ContentType.objects.get_for_model(Attendance)
        ).count()
        == counted.exclude(status=Attendance.Status.LEAVE).count()
    )
    assert Activity.objects.filter(kind=Activity.Kind.REPORT_BACK, ballots__isnull=False).exists()
    assert ProfessionalGroup.objects.annotate(n=Count("members")).filter(n__gt=0).count() == 4
