import datetime

import pytest
from django.urls import reverse

from deputies import services
from deputies.models import Attendance
from reports.rendering import archive_context
from tests.access import LOGIN, assert_outcome, get_as
from tests.deputies.factories import (
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
    TermFactory,
)
from tests.factories import StreetFactory
from tests.liaison_stations.factories import DutyAssignmentFactory, VisitFactory
from tests.queries import list_queries
from tests.suggestions.factories import SuggestionFactory


def archive_url(deputy, **query):
    url = reverse("deputies:archive", args=[deputy.pk])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def approved(deputy, staff, on, code="inspection_research"):
    from deputies.models import PointRule

    entry = PointEntryFactory(deputy=deputy, occurred_on=on, rule=PointRule.objects.get(code=code))
    return services.approve(entry, staff)


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 200), ("leadership", 200), ("anonymous", LOGIN)],
)
def test_archive_is_for_its_deputy_and_the_readers(my_deputy, personas, persona, outcome):
    assert_outcome(get_as(personas[persona], archive_url(my_deputy)), outcome)


def test_another_deputys_archive_is_not_found(my_deputy, other_deputy):
    DeputyFactory(user=other_deputy)

    assert get_as(other_deputy, archive_url(my_deputy)).status_code == 404


def test_staff_of_another_street_do_not_find_the_archive(my_deputy, staff):
    elsewhere = DeputyFactory(street=StreetFactory(name="白鹭街道"))

    assert get_as(staff, archive_url(elsewhere)).status_code == 404


def test_my_archive_leads_to_my_own(my_deputy, deputy):
    response = get_as(deputy, reverse("deputies:my_archive"))

    assert response.url == archive_url(my_deputy)


def test_archive_shows_the_years_points_by_category_and_rank(my_deputy, deputy, staff, street):
    MembershipFactory(deputy=my_deputy)
    rival = DeputyFactory(street=street)
    MembershipFactory(deputy=rival)
    for day in (3, 4):
        approved(my_deputy, staff, datetime.date(2026, 5, day))
    approved(my_deputy, staff, datetime.date(2026, 6, 1), code="training")
    approved(my_deputy, staff, datetime.date(2025, 6, 1))  # another year
    for day in (3, 4, 5):
        approved(rival, staff, datetime.date(2026, 5, day))
    attendance = AttendanceFactory(deputy=my_deputy, activity__theme="老旧小区改造视察")
    attendance.status = Attendance.Status.ATTENDED
    attendance.save()

    page = get_as(deputy, archive_url(my_deputy, year=2026)).content.decode()

    assert "合计：8" in page
    assert "视察调研" in page and "学习培训" in page
    assert "在本街道 2 名现任代表中排第 2 名" in page
    assert "老旧小区改造视察" in page


def test_archive_for_a_term_counts_the_terms_dates(my_deputy, deputy, staff):
    term = TermFactory(starts_on=datetime.date(2021, 10, 1), ends_on=datetime.date(2026, 9, 30))
    MembershipFactory(deputy=my_deputy, term=term)
    approved(my_deputy, staff, datetime.date(2022, 3, 1))
    approved(my_deputy, staff, datetime.date(2026, 10, 2))  # after the term

    page = get_as(deputy, archive_url(my_deputy, term=term.pk)).content.decode()

    assert "合计：3" in page


def test_bad_year_or_term_falls_back_to_this_year(my_deputy, deputy):
    assert get_as(deputy, archive_url(my_deputy, year="abc", term="x")).status_code == 200


def test_archive_runs_a_fixed_number_of_queries(my_deputy, deputy, staff, street):
    """The panels' lists too: their rows read only the columns they show, and a
    column left out would cost a query a row."""
    today = datetime.date.today()

    def add(count):
        for _ in range(count):
            other = DeputyFactory(street=street)
            MembershipFactory(deputy=other)
            approved(other, staff, today)
            approved(my_deputy, staff, today, code="activity")
            AttendanceFactory(deputy=my_deputy)
            VisitFactory(station__street=street, received_on=today).deputies.add(my_deputy)
            DutyAssignmentFactory(deputy=my_deputy, session__date=today,
                                  session__station__street=street,
                                  session__station__name="值班联络站")  # fmt: skip
            SuggestionFactory(lead=my_deputy, accepted_on=today)

    add(1)
    few = list_queries(deputy, archive_url(my_deputy))
    add(15)
    page = get_as(deputy, archive_url(my_deputy)).content.decode()

    assert list_queries(deputy, archive_url(my_deputy)) == few
    assert page.count("小区噪音扰民问题") == services.ARCHIVE_LISTS  # the latest, of 16
    assert page.count("加装电梯的建议") == 16
    assert page.count("值班联络站") == 16  # the duties' stations, by name


@pytest.mark.parametrize(
    "persona, outcome", [("staff", 403), ("leadership", 403), ("anonymous", LOGIN)]
)
def test_my_archive_is_for_deputies(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:my_archive")), outcome)


def test_the_page_lists_the_latest_entries_and_visits_and_the_pdf_all_of_them(
    my_deputy, deputy, staff, street
):
    listed = services.ARCHIVE_LISTS
    for day in range(listed + 2):
        later = datetime.timedelta(days=day)
        approved(my_deputy, staff, datetime.date(2026, 3, 1) + later)
        received = datetime.date(2026, 1, 1) + later
        visit = VisitFactory(
            station__street=street, matter=f"第{day:02d}件事项", received_on=received
        )
        visit.deputies.add(my_deputy)

    page = get_as(deputy, archive_url(my_deputy, year=2026)).content.decode()

    assert f"计入积分 {listed + 2} 条" in page and f"接待选民 {listed + 2} 次" in page
    assert page.count(f"以下列出最近 {listed} 条，完整记录见档案 PDF") == 2
    newest, oldest_listed = f"第{listed + 1:02d}件事项", f"第{2:02d}件事项"
    assert newest in page and oldest_listed in page and "第01件事项" not in page
    assert f"2026年3月{listed + 2}日" in page and "2026年3月3日" in page
    assert "2026年3月2日" not in page
    pdf = archive_context(my_deputy, 2026)
    assert len(pdf["entries"]) == len(pdf["visits"]) == listed + 2
