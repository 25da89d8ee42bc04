"""The deputy roster in the admin: an import is uploaded, checked in the background
(row errors listed, nothing saved), and imported once staff confirm; an export is
a background job too. Both keep to the staff member's street."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from congress_portal import sheets
from congress_portal.models import OutboxJob, SheetJob
from congress_portal.roles import Role
from deputies import services
from deputies.models import Deputy, Gender, Level, Membership
from deputies.resources import HEADERS
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import DeputyFactory, MembershipFactory, TermFactory
from tests.factories import CommunityFactory, StreetFactory, UserFactory
from tests.sheets import confirm, import_sheet, job_url, sheet_rows, upload, workbook

IMPORT = reverse("admin:deputies_deputy_import")
COLUMNS = [header for header in HEADERS.values() if header != "街道"]
State = SheetJob.State


@pytest.fixture
def community(street):
    TermFactory(level=Level.DISTRICT, number=17)
    return CommunityFactory(street=street, name="青石社区")


def sheet(*rows, headers=COLUMNS):
    return workbook(headers, *rows)


def deputy_row(name, gender="女", phone="13812345678", community="青石社区", birth_year=1975,
               number=None, **cells):  # fmt: skip
    """A row of the sheet; `cells`: other columns by field name (HEADERS)."""
    values = {
        "number": number or f"Q-{name}",
        "name": name,
        "gender": gender,
        "birth_year": birth_year,
        "phone": phone,
        "employer": "青石小学",
        "post": "校长",
        "specialty": "教育",
        "constituency": "第一选区",
        "community": community,
        "level": "区",
        "term": 17,
        "began_how": None,
        "began_on": None,
        "notes": None,
        **cells,
    }
    return [values[field] for field in HEADERS if field != "street"]


@pytest.mark.parametrize("view", ["import", "export"])
@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_roster_import_and_export_are_for_staff_only(personas, persona, view):
    response = get_as(personas[persona], reverse(f"admin:deputies_deputy_{view}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    assert not SheetJob.objects.exists()


@pytest.mark.parametrize("view", ["import", "export"])
def test_staff_open_roster_import_and_export(staff, view):
    assert get_as(staff, reverse(f"admin:deputies_deputy_{view}")).status_code == 200
    assert not SheetJob.objects.exists()  # nothing is made before the form is sent


def test_admin_users_who_may_only_view_deputies_cannot_import(leader):
    leader.is_staff = True
    leader.save()

    assert get_as(leader, reverse("admin:deputies_deputy_import")).status_code == 403
    assert get_as(leader, reverse("admin:deputies_deputy_export")).status_code == 200
    assert client_as(leader).post(export_url(), {"format": "0"}).status_code == 302
    assert SheetJob.objects.get().kind == "deputy_roster"


def test_rows_with_errors_are_listed_and_nothing_is_imported(
    staff, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    file = sheet(
        deputy_row("周晓梅"),
        deputy_row("吴海波", phone="12345"),
        deputy_row("陈立新", gender="未知", community="白云社区"),
    )

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [
        ["第 3 行", "联系电话"],
        ["第 4 行", "性别"],
        ["第 4 行", "社区"],
    ]
    page = client.get(job_url(job)).content.decode()
    assert "请输入 11 位手机号码" in page
    assert "白云社区" in page
    assert "2 行有错误" in page
    assert not Deputy.objects.exists()
    assert client.post(job_url(job, "confirm")).status_code == 302
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert not Deputy.objects.exists()


def test_a_birth_year_that_is_not_a_number_is_a_row_error(
    staff, community, django_capture_on_commit_callbacks
):
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", birth_year="一九七五"))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert job.row_errors == ["第 3 行：出生年份：年份须为整数，例如 1975。"]
    assert not Deputy.objects.exists()


def test_a_file_that_is_not_a_sheet_fails_with_a_message(staff, django_capture_on_commit_callbacks):
    file = SimpleUploadedFile("花名册.xlsx", b"not a workbook")

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert "无法读取" in job.error


def test_clean_sheet_is_checked_then_imported_into_the_staff_members_street_once_confirmed(
    staff, street, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", gender="男", phone="0571-88886666"))

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.CHECKED
    assert (job.rows_done, job.rows_total) == (2, 2)
    assert "新增 2 条" in client.get(job_url(job)).content.decode()
    assert not Deputy.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert job.state == State.READY
    imported = {deputy.name: deputy for deputy in Deputy.objects.all()}
    assert set(imported) == {"周晓梅", "吴海波"}
    assert {deputy.street for deputy in imported.values()} == {street}
    assert {deputy.community for deputy in imported.values()} == {community}
    assert imported["吴海波"].gender == Gender.MALE
    assert imported["吴海波"].phone == "0571-88886666"
    assert imported["周晓梅"].employer == "青石小学"
    assert imported["周晓梅"].history.get().history_user == staff


def test_a_long_import_goes_on_in_the_next_task_from_where_it_stopped(
    staff, street, community, monkeypatch, django_capture_on_commit_callbacks
):
    monkeypatch.setattr(sheets, "CHUNK", 1)
    monkeypatch.setattr(sheets, "SLICE", datetime.timedelta(0))  # one chunk a task
    client = client_as(staff)
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", phone="13900000000"),
                 deputy_row("陈立新", phone="13700000000"))  # fmt: skip
    tasks = OutboxJob.objects.filter(task="congress_portal.tasks.run_sheet_job")

    job = upload(client, IMPORT, file, django_capture_on_commit_callbacks)

    assert (job.state, job.rows_done, tasks.count()) == (State.CHECKED, 3, 3)
    assert "新增 3 条" in job.summary
    assert not Deputy.objects.exists()

    job = confirm(client, job, django_capture_on_commit_callbacks)

    assert (job.state, job.rows_done, tasks.count()) == (State.READY, 3, 6)
    assert "新增 3 条" in job.summary
    assert set(Deputy.objects.values_list("name", flat=True)) == {"周晓梅", "吴海波", "陈立新"}


@pytest.mark.parametrize(
    "persona, outcome", [("another staff member", 404), ("leadership", 404), ("anonymous", LOGIN)]
)
def test_only_the_staff_member_who_uploaded_sees_and_confirms_the_import(
    staff, community, leader, django_capture_on_commit_callbacks, persona, outcome
):
    file = sheet(deputy_row("周晓梅"))
    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)
    user = {
        "another staff member": UserFactory(role=Role.STAFF, street=staff.street),
        "leadership": leader,
        "anonymous": None,
    }[persona]

    assert_outcome(get_as(user, job_url(job)), outcome)
    assert_outcome(client_as(user).post(job_url(job, "confirm")), outcome)
    job.refresh_from_db()
    assert job.state == State.CHECKED
    assert not Deputy.objects.exists()


def test_street_column_cannot_move_deputies_out_of_the_staff_members_street(
    staff, street, community, django_capture_on_commit_callbacks
):
    StreetFactory(name="白鹭街道")
    file = sheet(deputy_row("周晓梅") + ["白鹭街道"], headers=list(HEADERS.values()))

    import_sheet(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert Deputy.objects.get().street == street


def test_district_users_import_into_the_street_the_sheet_names(
    street, community, django_capture_on_commit_callbacks
):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    file = sheet(deputy_row("周晓梅") + [street.name], headers=list(HEADERS.values()))

    import_sheet(client_as(district_staff), IMPORT, file, django_capture_on_commit_callbacks)

    deputy = Deputy.objects.get()
    assert (deputy.street, deputy.community) == (street, community)


def test_reimporting_a_sheet_updates_the_deputies_instead_of_duplicating(
    staff, community, django_capture_on_commit_callbacks
):
    client = client_as(staff)
    capture = django_capture_on_commit_callbacks
    wu = deputy_row("吴海波", phone="13900000000")
    import_sheet(client, IMPORT, sheet(deputy_row("周晓梅"), wu), capture)
    changed = deputy_row("周晓梅", post="副校长")

    job = import_sheet(client, IMPORT, sheet(changed, wu), capture)

    assert Deputy.objects.count() == 2
    assert Deputy.objects.get(name="周晓梅").post == "副校长"
    assert "更新 1 条" in job.summary


def export_url(query=""):
    return reverse("admin:deputies_deputy_export") + query


def export(user, query, capture):
    """Open the export's form from the list (`query`: its filters), send it, run the job."""
    client = client_as(user)
    assert client.get(export_url(query)).status_code == 200
    with capture(execute=True):
        response = client.post(export_url(query), {"format": "0"})
    assert response.status_code == 302 and response.url == reverse("sheet_jobs")
    job = SheetJob.objects.get()
    assert job.state == State.READY, job.error
    return sheet_rows(job)


def test_export_is_a_sheet_of_the_staff_members_street_with_chinese_headers(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, community=community, name="周晓梅", gender=Gender.MALE)
    DeputyFactory(street=StreetFactory(name="白鹭街道"), name="吴海波")

    rows = export(staff, "", django_capture_on_commit_callbacks)

    assert list(rows[0]) == list(HEADERS.values())
    assert [(row[1], row[2], row[9], row[15]) for row in rows[1:]] == [
        ("周晓梅", "男", "青石社区", "青石街道")
    ]


def test_an_export_form_sent_without_its_values_makes_nothing(staff):
    response = client_as(staff).post(export_url("?q=周"), {"post": "yes"})

    assert response.status_code == 200
    assert not SheetJob.objects.exists()


def test_export_follows_the_list_filters_and_ignores_unknown_parameters(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, name="周晓梅")
    DeputyFactory(street=street, name="吴海波")
    junk = "?q=周&foo=bar&o=99&p=x&_changelist_filters=a%3Db&community__name__regex=(&e=1"

    rows = export(staff, junk, django_capture_on_commit_callbacks)

    assert [row[1] for row in rows[1:]] == ["周晓梅"]


def test_a_filter_value_the_list_cannot_take_fails_the_export_with_a_message(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, community=community, name="周晓梅")
    url = export_url("?community__id__exact=abc")

    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(url, {"format": "0"})

    assert response.status_code == 302
    job = SheetJob.objects.get()
    assert (job.state, job.file.name) == (State.FAILED, "")
    assert "筛选条件无效" in job.error


def test_imported_deputies_hold_their_seat_and_are_in_the_ranking(
    staff, street, community, django_capture_on_commit_callbacks
):
    TermFactory(level=Level.CITY, number=16, starts_on=datetime.date(2022, 1, 1))
    rows = [
        deputy_row("周晓梅", number="A001"),
        deputy_row("周晓梅", number="A001", level="市", term=16, began_how="补选",
                   began_on=datetime.date(2023, 5, 6)),
        deputy_row("吴海波", number="A002", phone="13900000000"),
    ]  # fmt: skip

    import_sheet(client_as(staff), IMPORT, sheet(*rows), django_capture_on_commit_callbacks)

    zhou = Deputy.objects.get(number="A001")
    seats = {(m.term.level, m.term.number, m.began_on, m.began_how) for m in zhou.memberships.all()}
    assert seats == {
        (Level.DISTRICT, 17, datetime.date(2021, 10, 1), Membership.Began.ELECTION),
        (Level.CITY, 16, datetime.date(2023, 5, 6), Membership.Began.BY_ELECTION),
    }
    assert zhou.memberships.get(term__number=16).history.get().history_user == staff
    ranked = [row["name"] for row in services.street_ranking(street.pk, 2023)]
    assert sorted(ranked) == ["吴海波", "周晓梅"]
    assert Deputy.objects.current().count() == 2


def test_reimporting_a_row_whose_phone_changed_updates_the_same_deputy_and_adds_a_missing_seat(
    staff, street, community, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    import_sheet(client, IMPORT, sheet(deputy_row("周晓梅", number="A001")), capture)
    zhou = Deputy.objects.get()
    zhou.memberships.all().delete()

    moved = deputy_row("周晓梅", number="A001", phone="13911112222")
    job = import_sheet(client, IMPORT, sheet(moved), capture)

    assert "更新 1 条" in job.summary
    assert list(Deputy.objects.all()) == [zhou]
    zhou.refresh_from_db()
    assert zhou.phone == "13911112222"
    assert zhou.memberships.get().term.number == 17


def test_an_unchanged_deputy_whose_seat_is_missing_gets_it_and_an_unchanged_row_is_skipped(
    staff, street, community, django_capture_on_commit_callbacks
):
    client, capture = client_as(staff), django_capture_on_commit_callbacks
    import_sheet(client, IMPORT, sheet(deputy_row("周晓梅")), capture)
    Membership.objects.all().delete()

    job = import_sheet(client, IMPORT, sheet(deputy_row("周晓梅")), capture)

    assert "更新 1 条" in job.summary
    assert Membership.objects.count() == 1
    job = import_sheet(client, IMPORT, sheet(deputy_row("周晓梅")), capture)
    assert "未变 1 条" in job.summary or "1 unchanged" in job.summary


def test_a_deputy_entered_before_numbers_is_found_by_name_and_phone_and_takes_the_number(
    staff, street, community, django_capture_on_commit_callbacks
):
    earlier = DeputyFactory(street=street, name="周晓梅", phone="13812345678", number="")
    MembershipFactory(deputy=earlier)

    import_sheet(client_as(staff), IMPORT, sheet(deputy_row("周晓梅", number="A001")),
                 django_capture_on_commit_callbacks)  # fmt: skip

    assert list(Deputy.objects.all()) == [earlier]
    earlier.refresh_from_db()
    assert earlier.number == "A001"


@pytest.mark.parametrize(
    "cells, column",
    [
        ({"number": " "}, "代表编号"),
        ({"level": "乡"}, "层级"),
        ({"term": "十七"}, "届次"),
        ({"term": 9}, "届次"),
        ({"began_how": "委任"}, "任职方式"),
        ({"began_on": "明年"}, "任职日期"),
    ],
)
def test_a_sheet_with_one_bad_seat_is_refused_naming_the_row_and_column(
    staff, community, django_capture_on_commit_callbacks, cells, column
):
    file = sheet(deputy_row("周晓梅"), deputy_row("吴海波", phone="13900000000", **cells))

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == State.FAILED
    assert [error.split("：")[:2] for error in job.row_errors] == [["第 3 行", column]]
    assert not Deputy.objects.exists() and not Membership.objects.exists()


def test_the_number_finds_the_deputy_of_the_street_who_has_it(
    staff, street, community, django_capture_on_commit_callbacks
):
    DeputyFactory(street=street, name="吴海波", number="A001")

    file = sheet(deputy_row("周晓梅", number="A001"))
    import_sheet(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert Deputy.objects.get().name == "周晓梅"


def test_export_writes_each_deputys_seat(
    staff, street, community, django_capture_on_commit_callbacks
):
    zhou = DeputyFactory(street=street, community=community, name="周晓梅", number="A001")
    MembershipFactory(deputy=zhou, began_how=Membership.Began.BY_ELECTION,
                      began_on=datetime.date(2023, 5, 6))  # fmt: skip

    rows = export(staff, "", django_capture_on_commit_callbacks)

    header, row = rows[0], rows[1]
    seat = {
        column: row[header.index(column)] for column in ("代表编号", "层级", "届次", "任职方式")
    }
    assert seat == {"代表编号": "A001", "层级": "区", "届次": 17, "任职方式": "补选"}
    assert row[header.index("任职日期")].date() == datetime.date(2023, 5, 6)


TEMPLATE = reverse("sheet_template", args=["deputy_roster_import"])


def template_columns(response):
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [list(rows) for rows in (book.worksheets[0].values, book.worksheets[1].values)]


def test_staff_download_the_blank_roster_from_the_import_page(staff):
    page = get_as(staff, IMPORT).content.decode()
    assert TEMPLATE in page

    response = get_as(staff, TEMPLATE)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    headers, notes = template_columns(response)
    assert list(headers[0]) == COLUMNS and len(headers) == 1
    assert [row[0] for row in notes[1:]] == COLUMNS


def test_district_staff_template_has_the_street_column(district_staff):
    headers, _notes = template_columns(get_as(district_staff, TEMPLATE))

    assert list(headers[0]) == list(HEADERS.values())


@pytest.mark.parametrize("persona, outcome", [("deputy", 403), ("leadership", 403),
                                              ("anonymous", LOGIN)])  # fmt: skip
def test_only_those_who_may_import_download_the_template(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], TEMPLATE), outcome)


@pytest.mark.parametrize("kind", ["deputy_roster", "no_such_sheet"])
def test_there_is_no_template_of_an_export_or_an_unknown_sheet(staff, kind):
    assert get_as(staff, reverse("sheet_template", args=[kind])).status_code == 404
