"""Points only for what happened: what deputies may claim (申报), when, and that
every claim waits for review; staff entries never reach a published quarter."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from congress_portal.errors import DomainError
from congress_portal.models import KeptCount
from deputies import services
from deputies.models import AUTOMATIC_RULES, Deputy, Membership, PointEntry, PointRule
from deputies.periods import Period
from tests.access import client_as, get_as
from tests.deputies.factories import (
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
)

NOW = datetime.datetime(2026, 11, 21, 10, tzinfo=datetime.UTC)
LOG = "/deputies/me/log/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def seated(my_deputy):
    MembershipFactory(deputy=my_deputy)
    return my_deputy


def post_claim(user, code, on="2026-11-20"):
    rule = PointRule.objects.get(code=code)
    form = {"rule": rule.pk, "occurred_on": on, "description": "参加区人大常委会会议"}
    return client_as(user).post(reverse("deputies:log_duty"), form)


def ranking(user):
    """(name, rank, Q2 points, year's points) of each deputy on the 2026 ranking page."""
    page = get_as(user, reverse("deputies:ranking") + "?year=2026")
    return [(d["name"], d["rank"], d["q2"], d["points"]) for d in page.context["deputies"]]


def year_points(deputy, year=2026):
    return Deputy.objects.with_points(Period.year(year)).get(pk=deputy.pk).points


def test_the_form_offers_only_rules_marked_for_claims(seated, deputy):
    page = get_as(deputy, LOG).content.decode()

    assert ">自行开展视察调研（+3）<" in page and ">履职事迹宣传报道（+2）<" in page
    for code in ["congress_attendance", "station_duty", "receive_constituents", "suggestion_lead"]:
        assert f">{PointRule.objects.get(code=code).name}（" not in page


@pytest.mark.parametrize("code", sorted(AUTOMATIC_RULES - {"congress_absence", "activity_absence"}))
def test_a_rule_the_portal_awards_by_itself_cannot_be_claimed(seated, deputy, code):
    page = post_claim(deputy, code)

    assert page.status_code == 200
    assert not PointEntry.objects.exists()
    assert year_points(seated) == 0


def test_three_posts_for_the_congress_session_award_nothing(seated, deputy):
    for _n in range(3):
        post_claim(deputy, "congress_attendance")

    assert year_points(seated) == 0
    assert not PointEntry.objects.exists()


def test_the_service_refuses_an_automatic_rule_even_if_marked_for_claims(seated, deputy):
    PointRule.objects.filter(code="congress_attendance").update(claimable=True)
    rule = PointRule.objects.get(code="congress_attendance")

    with pytest.raises(DomainError, match="自动记分"):
        services.record_entry(
            PointEntry(deputy=seated, rule=rule, occurred_on=datetime.date(2026, 11, 20)), deputy
        )
    assert not PointEntry.objects.exists()


def test_a_rule_not_marked_for_claims_cannot_be_claimed(seated, deputy):
    PointRule.objects.filter(code="publicity").update(claimable=False)

    with pytest.raises(DomainError):
        services.record_entry(
            PointEntryFactory.build(deputy=seated, rule=PointRule.objects.get(code="publicity")),
            deputy,
        )
    assert not PointEntry.objects.exists()


def test_an_automatic_rule_cannot_be_marked_for_claims(point_rules):
    rule = PointRule.objects.get(code="station_duty")
    rule.claimable = True

    with pytest.raises(ValidationError, match="自动记分"):
        rule.full_clean()


def test_staff_cannot_mark_an_automatic_rule_for_claims_in_the_admin(staff, point_rules):
    rule = PointRule.objects.get(code="congress_attendance")
    form = {
        "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-0-id": rule.pk,
        "form-0-points": rule.points, "form-0-yearly_cap": "", "form-0-claimable": "on",
        "form-0-needs_review": "on", "form-0-active": "on", "_save": "保存",
    }  # fmt: skip

    client_as(staff).post(reverse("admin:deputies_pointrule_changelist"), form)

    rule.refresh_from_db()
    assert not rule.claimable


def test_shipped_rules_need_review_and_only_duties_outside_the_portal_are_claimable(
    point_rules,
):
    assert not PointRule.objects.filter(needs_review=False).exists()
    claimable = set(PointRule.objects.claimable().values_list("code", flat=True))
    assert claimable == {
        "inspection_research_claim",
        "training_claim",
        "report_back_claim",
        "activity_claim",
        "publicity",
    }
    assert set(PointRule.objects.filter(claimable=True).values_list("code", flat=True)) == claimable
    assert set(PointRule.objects.values_list("code", flat=True)) >= AUTOMATIC_RULES


def test_every_claim_waits_for_review(seated, deputy):
    for code in PointRule.objects.claimable().values_list("code", flat=True):
        post_claim(deputy, code)

    assert set(PointEntry.objects.values_list("state", flat=True)) == {"pending"}
    assert year_points(seated) == 0


def test_award_takes_only_the_declared_automatic_rules(seated):
    with pytest.raises(ValueError, match="AUTOMATIC_RULES"):
        services.award(
            seated, "publicity", occurred_on=datetime.date(2026, 11, 20), source_record=seated
        )


def test_a_claim_dated_into_a_published_quarter_is_refused_and_the_ranking_stays(
    seated, deputy, staff, street
):
    rival = DeputyFactory(street=street, name="周晓梅")
    MembershipFactory(deputy=rival)
    services.approve(PointEntryFactory(deputy=rival, occurred_on=datetime.date(2026, 5, 6)), staff)
    services.publish_quarter(street, 2026, 2, staff)
    before = ranking(staff)

    page = post_claim(deputy, "inspection_research_claim", on="2026-05-12").content.decode()

    assert "2026-06-30 及以前的积分已公布" in page and "2026-07-01" in page
    assert not PointEntry.objects.filter(deputy=seated).exists()
    KeptCount.objects.all().delete()  # the ranking counted afresh, not as kept
    assert ranking(staff) == before == [("周晓梅", 1, 3, 3), ("李建国", 2, 0, 0)]


def test_a_claim_the_day_after_the_published_quarter_is_accepted(seated, deputy, staff, street):
    services.publish_quarter(street, 2026, 2, staff)

    post_claim(deputy, "inspection_research_claim", on="2026-07-01")

    assert seated.point_entries.get().state == PointEntry.State.PENDING


@pytest.mark.parametrize("day", ["1990-01-01", "2021-09-30"])
def test_a_claim_outside_the_deputys_seats_is_refused(seated, deputy, day):
    page = post_claim(deputy, "inspection_research_claim", on=day).content.decode()

    assert "不在代表任期内" in page
    assert not PointEntry.objects.exists()


def test_a_claim_after_the_seat_ended_is_refused(seated, deputy):
    seated.memberships.update(
        ended_on=datetime.date(2026, 6, 1), ended_how=Membership.Ended.RESIGNATION
    )

    with pytest.raises(DomainError, match="不在代表任期内"):
        services.record_entry(
            PointEntryFactory.build(deputy=seated, occurred_on=datetime.date(2026, 6, 2)), deputy
        )
    services.record_entry(
        PointEntryFactory.build(deputy=seated, occurred_on=datetime.date(2026, 6, 1)), deputy
    )


def test_a_pending_claim_cannot_be_moved_into_a_published_quarter(seated, deputy, staff, street):
    entry = PointEntryFactory(deputy=seated, occurred_on=datetime.date(2026, 11, 2))
    services.publish_quarter(street, 2026, 2, staff)
    url = reverse("deputies:edit_duty", args=[entry.pk])
    form = {"rule": entry.rule_id, "occurred_on": "2026-06-15", "description": "改期"}

    page = client_as(deputy).post(url, form).content.decode()

    assert "已公布" in page
    entry.refresh_from_db()
    assert entry.occurred_on == datetime.date(2026, 11, 2)


def test_staff_entry_in_the_admin_never_lands_in_a_published_quarter(staff, street, point_rules):
    deputy = DeputyFactory(street=street)
    services.publish_quarter(street, 2026, 3, staff)
    form = {
        "deputy": deputy.pk, "rule": PointRule.objects.get(code="publicity").pk,
        "occurred_on": "2026-09-30", "description": "区融媒体报道",
        "photos-TOTAL_FORMS": "0", "photos-INITIAL_FORMS": "0",
    }  # fmt: skip

    page = client_as(staff).post(reverse("admin:deputies_pointentry_add"), form)

    assert page.status_code == 200 and "积分已公布" in page.content.decode()
    assert not PointEntry.objects.exists()


def test_automatic_awards_still_count_in_a_published_quarter(staff, street, point_rules):
    services.publish_quarter(street, 2026, 2, staff)
    attendance = AttendanceFactory(deputy=DeputyFactory(street=street))

    entry = services.award(
        attendance.deputy,
        "inspection_research",
        occurred_on=datetime.date(2026, 5, 12),
        source_record=attendance,
    )

    assert entry.state == PointEntry.State.APPROVED and entry.points == 3
