"""A year of records in a street, counted by hand: the figures' and the drafts' tests."""

import datetime

import pytest

from deputies import services as deputies_services
from deputies.letters import issue_letter
from deputies.models import Attendance, Level, Membership, ReminderLetter
from liaison_stations.models import Station, Visit
from reports import services as reports_services
from reports.models import Publicity
from suggestions.models import Suggestion, UnitAssignment
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
    TermFactory,
)
from tests.factories import CommunityFactory, StreetFactory
from tests.liaison_stations.factories import (
    DutyAssignmentFactory,
    HandlingUnitFactory,
    StationFactory,
    VisitFactory,
)
from tests.suggestions.factories import SuggestionFactory

D = datetime.date


@pytest.fixture
def counted_year(street, staff):
    """青石街道 in 2026, by hand:
    - deputies: 周 (district + city), 吴 (district, by-election 2026-03-01), 郑 (district,
      ended 2025-12-31: not seated in 2026); 2 people, district 2, city 1, 1 by-election.
    - points 2026: 周 3 + 3 = 6, 吴 3 (one 2025 entry not counted): average 4.5; bands 1-9: 2.
    - stations: a central one in 桂花 and a community one in 桂花; 荷塘 has none:
      2 stations, 1 of 2 communities covered.
    - duty: 3 sessions of one deputy each: 1 checked in, 1 missed, 1 to come
      (2026-12-02): attendance 1 / 2.
    - activities: 2 in 2026 (1 training), 1 in 2025; attended 2 of 3 invitations in 2026.
    - visits 2026: 4 (March 2, July 1, November 1): 1 closed 满意, 1 evaluated 基本满意,
      1 not accepted, 1 registered; replied after 4 and 6 days → 5 days on average;
      solved 2; satisfaction 2 / 2.
    - suggestions accepted 2026: 3. One closed 满意 class A (answered after 30 days),
      one assigned and overdue, one answered class B awaiting evaluation (after 50 days):
      answered 2 / assigned 3, satisfaction 1 / 1, solved 1 / 2, 40 days, 1 overdue.
    - publicity: 1 city, 2 district in 2026; 1 national in 2025.
    - reminder letters: 2 issued in 2026, 1 acknowledged.
    And a neighbour street's rows, which must not count.
    """
    neighbour = StreetFactory(name="白鹭街道")
    district, city = TermFactory(), TermFactory(level=Level.CITY, number=16)
    zhou = DeputyFactory(street=street, name="周晓梅")
    MembershipFactory(deputy=zhou, term=district)
    MembershipFactory(deputy=zhou, term=city)
    wu = DeputyFactory(street=street, name="吴海波")
    MembershipFactory(deputy=wu, term=district, began_on=D(2026, 3, 1),
                      began_how=Membership.Began.BY_ELECTION)  # fmt: skip
    zheng = DeputyFactory(street=street, name="郑国强")
    MembershipFactory(deputy=zheng, term=district, ended_on=D(2025, 12, 31),
                      ended_how=Membership.Ended.TRANSFER)  # fmt: skip
    MembershipFactory(deputy=DeputyFactory(street=neighbour), term=district)
    for deputy, day in [(zhou, D(2026, 2, 1)), (zhou, D(2026, 8, 1)), (wu, D(2026, 5, 1)),
                        (wu, D(2025, 5, 1))]:  # fmt: skip
        deputies_services.approve(PointEntryFactory(deputy=deputy, occurred_on=day), staff)

    guihua, hetang = CommunityFactory(street=street), CommunityFactory(street=street)
    central = StationFactory(street=street, community=guihua, kind=Station.Kind.CENTRAL)
    StationFactory(street=street, community=guihua)
    other = StationFactory(street=neighbour)
    assert hetang.stations.count() == 0
    checked_in_at = datetime.datetime(2026, 4, 1, 9, tzinfo=datetime.UTC)
    DutyAssignmentFactory(deputy=zhou, session__station=central, session__date=D(2026, 4, 1),
                          checked_in_at=checked_in_at)  # fmt: skip
    DutyAssignmentFactory(deputy=wu, session__station=central, session__date=D(2026, 6, 3))
    DutyAssignmentFactory(deputy=zhou, session__station=central, session__date=D(2026, 12, 2))

    training = ActivityFactory(street=street, kind="training", held_on=D(2026, 3, 5))
    inspection = ActivityFactory(street=street, held_on=D(2026, 6, 5))
    ActivityFactory(street=street, held_on=D(2025, 6, 5))
    AttendanceFactory(activity=training, deputy=zhou, status=Attendance.Status.ATTENDED)
    AttendanceFactory(activity=training, deputy=wu, status=Attendance.Status.ABSENT)
    AttendanceFactory(activity=inspection, deputy=wu, status=Attendance.Status.ATTENDED)

    VisitFactory(station=central, received_on=D(2026, 3, 2), state=Visit.State.CLOSED,
                 replied_on=D(2026, 3, 6), evaluation="satisfied")  # fmt: skip
    VisitFactory(station=central, received_on=D(2026, 3, 9), state=Visit.State.EVALUATED,
                 replied_on=D(2026, 3, 15), evaluation="basically")  # fmt: skip
    VisitFactory(station=central, received_on=D(2026, 7, 1), state=Visit.State.NOT_ACCEPTED)
    VisitFactory(station=central, received_on=D(2026, 11, 2))
    VisitFactory(station=other, received_on=D(2026, 11, 2))

    unit = HandlingUnitFactory()
    for number, (state, extra) in enumerate([
        (Suggestion.State.CLOSED, {"first_answered_on": D(2026, 3, 3), "answer_class": "A",
                                   "evaluation": "satisfied", "first_evaluation": "satisfied"}),
        (Suggestion.State.ASSIGNED, {"deadline": D(2026, 11, 1)}),
        (Suggestion.State.ANSWERED, {"first_answered_on": D(2026, 3, 23), "answer_class": "B"}),
    ], start=1):  # fmt: skip
        suggestion = SuggestionFactory(lead=zhou, number=number, state=state,
                                       accepted_on=D(2026, 1, 20), **extra)  # fmt: skip
        UnitAssignment.objects.create(suggestion=suggestion, unit=unit, role="lead",
                                      assigned_on=D(2026, 2, 1))  # fmt: skip
    SuggestionFactory(lead=zhou, state=Suggestion.State.DRAFT)

    for level, day in [("city", D(2026, 5, 1)), ("district", D(2026, 6, 1)),
                       ("district", D(2026, 7, 1)), ("national", D(2025, 7, 1))]:  # fmt: skip
        Publicity.objects.create(street=street, title="报道", outlet="临江日报", level=level,
                                 published_on=day)  # fmt: skip
    Publicity.objects.create(street=neighbour, title="报道", outlet="日报", level="city",
                             published_on=D(2026, 5, 1))  # fmt: skip
    for deputy, reason in [(zhou, "low_points"), (wu, "low_points")]:
        issue_letter(deputy, reason, "2026-Q3", staff)
    ReminderLetter.objects.filter(deputy=wu).update(
        acknowledged_at=datetime.datetime.now(datetime.UTC)
    )


@pytest.fixture
def fake_render(monkeypatch):
    """A tiny archive PDF instead of WeasyPrint, for the tests about who gets what."""

    def render(archive):
        return f"archive-{archive.deputy_id}-{archive.year}.pdf", b"%PDF-1.4 fake"

    monkeypatch.setattr(reports_services.rendering, "archive_pdf", render)
