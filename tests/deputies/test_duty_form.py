import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from deputies.models import EntryFlag, PointEntry, PointRule
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, PointEntryFactory

TODAY = datetime.date.today()


def photo(name="evidence.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def duty(**changes):
    rule = PointRule.objects.get(code="inspection_research_claim")
    return {
        "rule": rule.pk,
        "occurred_on": TODAY.isoformat(),
        "description": "调研老旧小区加装电梯",
    } | changes


@pytest.fixture(autouse=True)
def seat(my_deputy):
    """Deputies claim only for days they hold a seat."""
    MembershipFactory(deputy=my_deputy)


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_log_duty_is_for_deputies(my_deputy, personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:log_duty")), outcome)


def test_the_date_of_a_new_duty_starts_at_today(my_deputy, deputy):
    form = get_as(deputy, reverse("deputies:log_duty")).context["form"]

    assert form["occurred_on"].value() == timezone.localdate()


def test_deputy_logs_a_duty_with_photos_and_it_waits_for_review(my_deputy, deputy):
    form = duty(photos=[photo("a.png"), photo("b.png")])

    response = client_as(deputy).post(reverse("deputies:log_duty"), form)

    assert response.status_code == 302
    entry = my_deputy.point_entries.get()
    assert (entry.state, entry.source, entry.points) == ("pending", "claim", 3)
    assert entry.photos.count() == 2


def test_a_file_that_is_not_a_photo_is_refused_and_nothing_saved(my_deputy, deputy):
    fake = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")

    page = client_as(deputy).post(reverse("deputies:log_duty"), duty(photos=[fake]))

    assert page.status_code == 200
    assert "图片" in page.content.decode()
    assert not PointEntry.objects.exists()


def test_future_date_is_refused_with_a_chinese_message(my_deputy, deputy):
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()

    page = client_as(deputy).post(reverse("deputies:log_duty"), duty(occurred_on=tomorrow))

    assert "不能登记未来日期的履职" in page.content.decode()
    assert not PointEntry.objects.exists()


def test_penalty_rules_cannot_be_claimed(my_deputy, deputy):
    absence = PointRule.objects.get(code="activity_absence")

    page = client_as(deputy).post(reverse("deputies:log_duty"), duty(rule=absence.pk))

    assert page.status_code == 200
    assert not PointEntry.objects.exists()


def test_deputy_edits_a_pending_claim(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy)
    url = reverse("deputies:edit_duty", args=[entry.pk])

    client_as(deputy).post(url, duty(description="补充：走访三户"))

    entry.refresh_from_db()
    assert entry.description == "补充：走访三户"
    assert entry.state == PointEntry.State.PENDING


def test_approved_entry_cannot_be_edited(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy, state=PointEntry.State.APPROVED)
    url = reverse("deputies:edit_duty", args=[entry.pk])

    response = client_as(deputy).post(url, duty(description="改动"))

    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.description != "改动"


def test_deputy_withdraws_a_pending_claim(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy)

    client_as(deputy).post(reverse("deputies:withdraw_duty", args=[entry.pk]))

    entry.refresh_from_db()
    assert entry.state == PointEntry.State.WITHDRAWN


def test_deputy_flags_an_error_on_any_own_entry(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy, state=PointEntry.State.APPROVED)
    url = reverse("deputies:flag_entry", args=[entry.pk])

    client_as(deputy).post(url, {"kind": EntryFlag.Kind.DUPLICATE, "note": "与5月12日重复"})

    assert entry.flags.get().note == "与5月12日重复"


@pytest.mark.parametrize("url_name", ["deputies:edit_duty", "deputies:flag_entry"])
def test_another_deputys_entry_is_not_found(my_deputy, other_deputy, url_name):
    DeputyFactory(user=other_deputy)
    entry = PointEntryFactory(deputy=my_deputy)

    assert get_as(other_deputy, reverse(url_name, args=[entry.pk])).status_code == 404


def test_another_deputys_entry_cannot_be_withdrawn(my_deputy, other_deputy):
    entry = PointEntryFactory(deputy=my_deputy)

    response = client_as(other_deputy).post(reverse("deputies:withdraw_duty", args=[entry.pk]))

    assert response.status_code == 404
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING


@pytest.mark.parametrize("url_name", ["deputies:edit_duty", "deputies:flag_entry"])
@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_entry_pages_are_for_deputies(my_deputy, personas, url_name, persona, outcome):
    entry = PointEntryFactory(deputy=my_deputy)

    assert_outcome(get_as(personas[persona], reverse(url_name, args=[entry.pk])), outcome)


@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_only_deputies_withdraw(my_deputy, personas, persona, outcome):
    entry = PointEntryFactory(deputy=my_deputy)

    response = client_as(personas[persona]).post(reverse("deputies:withdraw_duty", args=[entry.pk]))

    assert_outcome(response, outcome)
    entry.refresh_from_db()
    assert entry.state == PointEntry.State.PENDING


def test_withdraw_needs_a_post(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy)

    assert get_as(deputy, reverse("deputies:withdraw_duty", args=[entry.pk])).status_code == 405


def test_editing_shows_the_saved_date_in_the_date_picker(my_deputy, deputy):
    entry = PointEntryFactory(deputy=my_deputy, occurred_on=datetime.date(2026, 5, 12))

    page = get_as(deputy, reverse("deputies:edit_duty", args=[entry.pk])).content.decode()

    assert 'type="date" name="occurred_on" value="2026-05-12"' in page


def test_a_claim_counted_at_once_says_when_the_yearly_cap_cut_it(my_deputy, deputy):
    PointRule.objects.filter(code="inspection_research_claim").update(
        needs_review=False, yearly_cap=3
    )
    client_as(deputy).post(reverse("deputies:log_duty"), duty())

    response = client_as(deputy).post(reverse("deputies:log_duty"), duty(), follow=True)

    assert "履职记录已保存：已批准，+0 分（已达本项年度上限 3 分）。" in response.content.decode()
