"""The staff home (工作台): what awaits the staff today, and the way between it, the
portal's pages and the admin."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from deputies.models import Attendance, EntryFlag, PointEntry, ReminderLetter
from liaison_stations.models import SwapRequest, Visit
from suggestions.models import Suggestion
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import AttendanceFactory, DeputyFactory, PointEntryFactory
from tests.factories import StreetFactory, UserFactory
from tests.liaison_stations.factories import (
    DutyAssignmentFactory,
    StationFactory,
    VisitFactory,
)
from tests.queries import assert_fixed_queries
from tests.suggestions.factories import SuggestionFactory

TODAY = datetime.date(2026, 11, 27)
HOME = reverse("staff_home")


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(datetime.datetime(2026, 11, 27, 9, tzinfo=datetime.UTC), tick=False):
        yield


def awaiting(street, count=1):
    """`count` of everything the staff home counts, in `street`."""
    station = StationFactory(street=street)
    for _n in range(count):
        deputy = DeputyFactory(street=street)
        entry = PointEntryFactory(deputy=deputy)
        EntryFlag.objects.create(entry=entry, kind="error", note="日期有误")
        ReminderLetter.objects.create(deputy=deputy, street=street, reason="low_points",
                                      period="2026-Q3", year=2026, sequence=deputy.pk,
                                      state=ReminderLetter.State.FAILED)  # fmt: skip
        VisitFactory(station=station, channel=Visit.Channel.ONLINE)
        VisitFactory(station=station, state=Visit.State.REPLY_REVIEW)
        VisitFactory(
            station=station, state=Visit.State.ASSIGNED, deadline=TODAY - datetime.timedelta(days=1)
        )
        duty = DutyAssignmentFactory(session__station=station, session__date=TODAY, deputy=deputy)
        DutyAssignmentFactory(
            session=duty.session,
            checked_in_at=datetime.datetime(2026, 11, 27, 8, tzinfo=datetime.UTC),
        )
        SwapRequest.objects.create(
            assignment=duty, replacement=DeputyFactory(street=street), reason="出差"
        )
        AttendanceFactory(activity__street=street, deputy=deputy,
                          status=Attendance.Status.LEAVE_REQUESTED)  # fmt: skip
        SuggestionFactory(lead=deputy, state=Suggestion.State.SUBMITTED)
        SuggestionFactory(lead=deputy, state=Suggestion.State.ACCEPTED)
        SuggestionFactory(lead=deputy, state=Suggestion.State.REVIEWING)
        SuggestionFactory(
            lead=deputy,
            state=Suggestion.State.ASSIGNED,
            deadline=TODAY - datetime.timedelta(days=2),
        )
    # fmt: skip


def counts(page):
    """Each line of the staff home: label → the count beside it."""
    lines = re.findall(
        r'<span class="me-auto">([^<]+)</span>\s*<span class="badge[^"]*">(\d+)</span>', page
    )
    return {label: int(count) for label, count in lines}


@pytest.mark.parametrize(
    ("persona", "outcome"),
    [("staff", 200), ("deputy", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_only_staff_open_the_staff_home(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], HOME), outcome)


def test_a_units_account_is_refused(other_unit_account):
    assert_outcome(get_as(other_unit_account, HOME), 403)


def test_the_staff_home_counts_what_awaits_in_the_staff_members_street(staff, point_rules):
    awaiting(staff.street, 2)
    awaiting(StreetFactory(name="白鹭街道"), 3)

    page = get_as(staff, HOME).content.decode()

    assert counts(page) == {
        "待审核的履职申报": 2,
        "待处理的错重漏反映": 2,
        "发送失败的履职提醒函": 2,
        "待审批的请假": 2,
        "网上反映待受理": 2,
        "承办单位答复待审核": 2,
        "超过办理期限的事项": 2,
        "待审批的调班申请": 2,
        "今日值班尚未签到": 2,
        "待审核的建议": 2,
        "待交办的建议": 2,
        "答复待审核的建议": 2,
        "超过答复期限的建议": 2,
    }


def test_district_staff_count_every_street(district_staff, point_rules):
    awaiting(StreetFactory(name="青石街道"), 1)
    awaiting(StreetFactory(name="白鹭街道"), 2)

    assert set(counts(get_as(district_staff, HOME).content.decode()).values()) == {3}


def test_each_line_opens_the_page_that_lists_what_it_counts(staff, point_rules):
    awaiting(staff.street)
    client = client_as(staff)
    page = client.get(HOME).content.decode()
    links = re.findall(r'<a class="list-group-item[^"]*" href="([^"]+)">', page)

    assert len(links) == 13
    for link in links:
        assert client.get(link.replace("&amp;", "&")).status_code == 200, link
    ledger = client.get(
        reverse("liaison_stations:visit_ledger") + "?channel=online&state=registered"
    )
    assert len(ledger.context["visits"]) == 1
    claims = client.get(reverse("deputies:review_queue"))
    assert claims.context["entries"].paginator.count == PointEntry.objects.count()


def test_the_staff_home_runs_a_fixed_number_of_queries(staff, point_rules):
    assert_fixed_queries(staff, HOME, lambda count=1: awaiting(staff.street, count))


def test_staff_land_on_their_home_and_the_admins_view_site_leads_there(staff):
    client = client_as(staff)

    assert client.get(reverse("home")).url == HOME
    admin_index = client.get(reverse("admin:index")).content.decode()
    assert f'<a href="{reverse("home")}">查看站点</a>' in admin_index


def test_the_admin_carries_the_portal_menu_and_its_index_the_staff_pages(staff):
    page = get_as(staff, reverse("admin:index")).content.decode()
    menu = page[
        page.index('<nav class="portal-admin-menu"') : page.index(
            "</nav>", page.index("portal-admin-menu")
        )
    ]

    for group in ["代表", "联络站", "建议", "报表"]:
        assert f"<summary>{group}</summary>" in menu
    for url in [
        HOME,
        reverse("deputies:review_queue"),
        reverse("liaison_stations:visit_ledger"),
        reverse("suggestions:signals"),
        reverse("reports:home"),
    ]:
        assert f'href="{url}"' in menu
        assert page.count(f'href="{url}"') == 2  # the menu and the index's table
    # fmt: skip


def test_a_change_page_of_the_admin_carries_the_menu_too(staff):
    page = get_as(staff, reverse("admin:deputies_deputy_changelist")).content.decode()

    assert f'href="{reverse("deputies:review_queue")}"' in page


def test_the_portal_menu_groups_staff_pages_under_four_headings(staff):
    page = get_as(staff, HOME).content.decode()

    toggles = re.findall(r'data-bs-toggle="dropdown" aria-expanded="false">([^<]+)</a>', page)
    assert toggles == ["代表", "联络站", "建议", "报表"]


def test_a_deputy_gets_a_plain_menu(deputy):
    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "dropdown-toggle" not in page
    assert f'href="{reverse("deputies:log_duty")}"' in page


def test_the_admin_of_a_user_without_a_role_has_no_portal_menu(db):
    user = UserFactory(username="nobody", is_staff=True, is_superuser=False)

    page = get_as(user, reverse("admin:index")).content.decode()

    assert "portal-admin-menu" not in page
