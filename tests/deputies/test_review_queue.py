import datetime

import pytest
from django.urls import reverse

from deputies import services
from deputies.models import PointEntry, PointRule, PublishedQuarter
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import AttendanceFactory, DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory
from tests.queries import assert_fixed_queries, list_queries

pytestmark = pytest.mark.usefixtures("point_rules")
URL = "/deputies/review/"


@pytest.mark.parametrize(
    "persona, outcome",
    [("staff", 200), ("leadership", 403), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_review_queue_is_for_staff(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:review_queue")), outcome)


def test_queue_shows_pending_claims_of_the_staff_members_street(staff, street):
    PointEntryFactory(deputy=DeputyFactory(street=street), description="本街道的申报")
    PointEntryFactory(deputy=DeputyFactory(street=StreetFactory(name="白鹭街道")),
                      description="邻街道的申报")  # fmt: skip
    PointEntryFactory(deputy=DeputyFactory(street=street), description="已撤回",
                      state=PointEntry.State.WITHDRAWN)  # fmt: skip

    page = get_as(staff, URL).content.decode()

    assert "本街道的申报" in page
    assert "邻街道的申报" not in page and "已撤回" not in page


def test_staff_approve_in_bulk(staff, street):
    entries = PointEntryFactory.create_batch(3, deputy=DeputyFactory(street=street))

    client_as(staff).post(URL, {"action": "approve", "entries": [e.pk for e in entries[:2]]})

    states = [PointEntry.objects.get(pk=e.pk).state for e in entries]
    assert states == ["approved", "approved", "pending"]


def test_staff_reject_in_bulk_with_a_reason(staff, street):
    entries = PointEntryFactory.create_batch(2, deputy=DeputyFactory(street=street))
    form = {"action": "reject", "entries": [e.pk for e in entries], "reason": "缺少活动照片"}

    client_as(staff).post(URL, form)

    assert set(PointEntry.objects.values_list("state", "reject_reason")) == {
        ("rejected", "缺少活动照片")
    }


@pytest.mark.parametrize(
    ("action", "said"), [("approve", "已通过 2 条记录。"), ("reject", "已驳回 2 条记录。")]
)
def test_the_message_says_what_was_done(staff, street, action, said):
    entries = PointEntryFactory.create_batch(2, deputy=DeputyFactory(street=street))
    form = {"action": action, "entries": [e.pk for e in entries], "reason": "缺少活动照片"}

    page = client_as(staff).post(URL, form, follow=True).content.decode()

    assert said in page


def test_rejection_without_a_reason_changes_nothing(staff, street):
    entry = PointEntryFactory(deputy=DeputyFactory(street=street))

    response = client_as(staff).post(URL, {"action": "reject", "entries": [entry.pk]}, follow=True)

    assert "请填写驳回理由" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING


def test_other_streets_entries_cannot_be_approved(staff):
    elsewhere = PointEntryFactory(deputy=DeputyFactory(street=StreetFactory(name="白鹭街道")))

    client_as(staff).post(URL, {"action": "approve", "entries": [elsewhere.pk]})

    elsewhere.refresh_from_db()
    assert elsewhere.state == PointEntry.State.PENDING


def test_queue_runs_a_fixed_number_of_queries(staff, street):
    PointEntryFactory.create_batch(2, deputy=DeputyFactory(street=street))
    few = list_queries(staff, URL)
    for _ in range(10):
        PointEntryFactory.create_batch(2, deputy=DeputyFactory(street=street))

    assert list_queries(staff, URL) == few


def test_queue_is_paginated(staff, street):
    PointEntryFactory.create_batch(55, deputy=DeputyFactory(street=street))

    first = get_as(staff, URL)
    second = get_as(staff, URL + "?page=2")

    assert len(first.context["entries"]) == 50 and len(second.context["entries"]) == 5
    assert "共 55 条申报待审核" in first.content.decode()
    assert "?page=2" in first.content.decode()


def test_queue_shows_the_same_days_automatic_entries_beside_a_claim(staff, street):
    deputy = DeputyFactory(street=street, name="吴海波")
    day = datetime.date(2026, 5, 12)
    for held_on, theme in [(day, "老旧小区改造视察"), (day.replace(day=13), "另一天的视察")]:
        attendance = AttendanceFactory(deputy=deputy)
        services.award(
            deputy,
            "inspection_research",
            occurred_on=held_on,
            source_record=attendance,
            description=theme,
        )
    PointEntryFactory(deputy=deputy, occurred_on=day, description="视察老旧小区")

    page = get_as(staff, URL).content.decode()

    assert "同日已有系统自动记分（可能重复计分）" in page
    assert "参加视察调研 +3 分（老旧小区改造视察）" in page
    assert "另一天的视察" not in page


def test_queue_says_what_the_yearly_cap_still_allows(staff, street):
    deputy = DeputyFactory(street=street)
    for _n in range(4):  # 12 of the rule's 15 points this year
        services.approve(PointEntryFactory(deputy=deputy), staff)
    PointEntryFactory(deputy=deputy, description="本年第五次调研")
    PointEntryFactory(
        deputy=deputy, description="上年的调研", occurred_on=datetime.date(2025, 12, 1)
    )
    PointEntryFactory(
        deputy=deputy, rule=PointRule.objects.get(code="congress_attendance"), description="无上限"
    )

    entries = {entry.description: entry for entry in get_as(staff, URL).context["entries"]}
    page = get_as(staff, URL).content.decode()

    assert PointRule.objects.get(code="inspection_research_claim").yearly_cap == 15
    assert entries["本年第五次调研"].cap_left == 3 and entries["上年的调研"].cap_left == 15
    assert entries["无上限"].cap_left is None
    assert "本年还可得 3 分" in page and "不设年度上限" in page


def test_approval_cut_by_the_cap_is_said_in_words(staff, street):
    PointRule.objects.filter(code="inspection_research_claim").update(yearly_cap=3)
    deputy = DeputyFactory(street=street)
    services.approve(PointEntryFactory(deputy=deputy), staff)
    capped = PointEntryFactory(deputy=deputy)

    response = client_as(staff).post(
        URL, {"action": "approve", "entries": [capped.pk]}, follow=True
    )

    capped.refresh_from_db()
    assert (capped.points, capped.cap_reached) == (0, 3)
    assert "其中 1 条已达该项年度上限" in response.content.decode()


def test_a_claim_dated_into_a_published_quarter_is_not_approved(staff, street):
    entry = PointEntryFactory(deputy=DeputyFactory(street=street))
    PublishedQuarter.objects.create(street=street, year=2026, quarter=2, published_by=staff)

    response = client_as(staff).post(URL, {"action": "approve", "entries": [entry.pk]}, follow=True)

    assert "积分已公布" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING


def test_queue_with_neighbours_and_caps_runs_a_fixed_number_of_queries(staff, street):
    def add_rows(count=1):
        for _n in range(count):
            deputy = DeputyFactory(street=street)
            attendance = AttendanceFactory(deputy=deputy)
            services.award(
                deputy,
                "inspection_research",
                occurred_on=datetime.date(2026, 5, 12),
                source_record=attendance,
            )
            services.approve(PointEntryFactory(deputy=deputy), staff)
            PointEntryFactory(deputy=deputy)
            PointEntryFactory(deputy=deputy, rule=PointRule.objects.get(code="publicity"))

    assert_fixed_queries(staff, URL, add_rows)


@pytest.mark.parametrize("chosen", [[], [""], ["abc"], ["9999999"]])
def test_a_review_without_valid_claims_says_so_and_changes_nothing(staff, street, chosen):
    entry = PointEntryFactory(deputy=DeputyFactory(street=street))

    response = client_as(staff).post(URL, {"action": "approve", "entries": chosen}, follow=True)

    assert response.status_code == 200
    assert "alert-danger" in response.content.decode()
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING
