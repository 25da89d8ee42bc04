import datetime

import pytest
from django.urls import reverse

from deputies.models import Attendance, Level, Membership, PointEntry, PointRule
from tests.access import client_as, get_as
from tests.deputies.factories import (
    ActivityFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
    TermFactory,
)
from tests.factories import StreetFactory
from tests.queries import assert_fixed_queries

pytestmark = pytest.mark.usefixtures("point_rules")
LISTS = ["deputy", "pointentry", "pointrule", "activity", "term", "professionalgroup"]


@pytest.mark.parametrize("model", LISTS)
@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_deputies_admin_is_for_staff_only(personas, persona, model):
    response = get_as(personas[persona], reverse(f"admin:deputies_{model}_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", LISTS)
def test_staff_open_every_deputies_list(staff, model):
    assert get_as(staff, reverse(f"admin:deputies_{model}_changelist")).status_code == 200


def test_staff_see_their_streets_deputies_with_current_levels(staff, street):
    mine = DeputyFactory(street=street, name="周晓梅")
    MembershipFactory(deputy=mine, term=TermFactory(level=Level.CITY, number=16))
    MembershipFactory(deputy=mine)
    DeputyFactory(street=StreetFactory(name="白鹭街道"), name="吴海波")

    page = get_as(staff, reverse("admin:deputies_deputy_changelist")).content.decode()

    assert "周晓梅" in page and "吴海波" not in page
    assert "市、区" in page or "区、市" in page


def test_search_finds_a_deputy_by_phone_or_employer(staff, street):
    DeputyFactory(street=street, name="周晓梅", phone="13812345678", employer="青石小学")
    DeputyFactory(street=street, name="吴海波")
    url = reverse("admin:deputies_deputy_changelist")

    for query in ["13812345678", "青石小学"]:
        page = get_as(staff, f"{url}?q={query}").content.decode()
        assert "周晓梅" in page and "吴海波" not in page


def test_former_deputies_are_filtered_out_of_current(staff, street):
    MembershipFactory(deputy__street=street, deputy__name="周晓梅")
    MembershipFactory(
        deputy__street=street,
        deputy__name="吴海波",
        ended_on=datetime.date(2024, 3, 1),
        ended_how=Membership.Ended.RESIGNATION,
    )

    page = get_as(staff, reverse("admin:deputies_deputy_changelist") + "?current=yes")

    assert "周晓梅" in page.content.decode() and "吴海波" not in page.content.decode()


def test_deputy_list_runs_a_fixed_number_of_queries(staff, street):
    def add_deputies(count=2):
        for deputy in DeputyFactory.create_batch(count, street=street):
            MembershipFactory(deputy=deputy)

    assert_fixed_queries(staff, reverse("admin:deputies_deputy_changelist"), add_deputies)


def test_ledger_list_runs_a_fixed_number_of_queries(staff, street):
    def add_entries(count=2):
        PointEntryFactory.create_batch(count, deputy=DeputyFactory(street=street))

    assert_fixed_queries(staff, reverse("admin:deputies_pointentry_changelist"), add_entries)


def test_attendance_is_shown_in_the_admin_and_changed_only_by_its_steps(staff, street):
    """Its status moves on the activity's page, where the step trail and points follow."""
    activity = ActivityFactory(street=street)
    attendance = Attendance.objects.create(activity=activity, deputy=DeputyFactory(street=street))
    form = {
        "street": street.pk,
        "kind": activity.kind,
        "theme": activity.theme,
        "organiser": activity.organiser,
        "held_on": "2026-05-12",
        "attendances-TOTAL_FORMS": "1",
        "attendances-INITIAL_FORMS": "1",
        "attendances-0-id": attendance.pk,
        "attendances-0-activity": activity.pk,
        "attendances-0-status": Attendance.Status.ATTENDED,
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }
    url = reverse("admin:deputies_activity_change", args=[activity.pk])

    assert "已邀请" in get_as(staff, url).content.decode()
    assert client_as(staff).post(url, form).status_code == 302
    attendance.refresh_from_db()
    assert attendance.status == Attendance.Status.INVITED
    assert not PointEntry.objects.exists()


def test_new_activity_starts_in_the_staff_members_street(staff, street):
    page = get_as(staff, reverse("admin:deputies_activity_add")).content.decode()

    assert f'<option value="{street.pk}" selected>' in page


def test_staff_entry_in_the_admin_counts_at_once(staff, street):
    deputy = DeputyFactory(street=street)
    rule = PointRule.objects.get(code="publicity")
    form = {
        "deputy": deputy.pk,
        "rule": rule.pk,
        "occurred_on": "2026-05-12",
        "description": "区融媒体报道",
        "photos-TOTAL_FORMS": "0",
        "photos-INITIAL_FORMS": "0",
    }

    response = client_as(staff).post(reverse("admin:deputies_pointentry_add"), form)

    assert response.status_code == 302
    entry = deputy.point_entries.get()
    assert (entry.source, entry.state, entry.points) == ("staff", "approved", 2)
    assert entry.history.first().history_user == staff


def test_ledger_entries_cannot_be_edited_in_the_admin(staff, street):
    entry = PointEntryFactory(deputy=DeputyFactory(street=street))
    url = reverse("admin:deputies_pointentry_change", args=[entry.pk])

    changes = {"deputy": entry.deputy_id, "rule": entry.rule_id, "occurred_on": "2020-01-01"}
    client_as(staff).post(url, changes)

    entry.refresh_from_db()
    assert entry.occurred_on != datetime.date(2020, 1, 1)


def test_ledger_entries_cannot_be_deleted_in_the_admin(staff, street):
    """A deleted entry would move a ranking behind everyone's back: entries leave the
    count only by being rejected, withdrawn or revoked."""
    entry = PointEntryFactory(deputy=DeputyFactory(street=street))
    url = reverse("admin:deputies_pointentry_delete", args=[entry.pk])

    response = client_as(staff).post(url, {"post": "yes"})

    assert response.status_code == 403
    entry.refresh_from_db()
