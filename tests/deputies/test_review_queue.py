import pytest
from django.urls import reverse

from deputies.models import PointEntry
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory
from tests.queries import list_queries

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
