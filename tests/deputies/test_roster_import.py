import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from congress_portal.roles import Role
from deputies.models import Deputy, Gender
from deputies.resources import HEADERS
from tests.access import client_as, get_as
from tests.deputies.factories import DeputyFactory
from tests.factories import CommunityFactory, StreetFactory, UserFactory

COLUMNS = [header for header in HEADERS.values() if header != "街道"]


@pytest.fixture
def community(street):
    return CommunityFactory(street=street, name="青石社区")


def sheet(*rows, headers=COLUMNS):
    book = Workbook()
    book.active.append(headers)
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("花名册.xlsx", buffer.getvalue())


def deputy_row(name, gender="女", phone="13812345678", community="青石社区"):
    return [name, gender, 1975, phone, "青石小学", "校长", "教育", "第一选区", community, None]


def preview(client, upload):
    url = reverse("admin:deputies_deputy_import")
    return client.post(url, {"import_file": upload, "format": "0"})


def import_sheet(client, upload):
    """Upload, then confirm the preview, as staff do."""
    confirm_form = preview(client, upload).context["confirm_form"]
    url = reverse("admin:deputies_deputy_process_import")
    return client.post(url, confirm_form.initial)


@pytest.mark.parametrize("view", ["import", "export"])
@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_roster_import_and_export_are_for_staff_only(personas, persona, view):
    response = get_as(personas[persona], reverse(f"admin:deputies_deputy_{view}"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("view", ["import", "export"])
def test_staff_open_roster_import_and_export(staff, view):
    assert get_as(staff, reverse(f"admin:deputies_deputy_{view}")).status_code == 200


def test_admin_users_who_may_only_view_deputies_cannot_import(leader):
    leader.is_staff = True
    leader.save()

    assert get_as(leader, reverse("admin:deputies_deputy_import")).status_code == 403
    assert get_as(leader, reverse("admin:deputies_deputy_export")).status_code == 200


def test_rows_with_errors_are_listed_and_nothing_is_imported(staff, community):
    upload = sheet(
        deputy_row("周晓梅"),
        deputy_row("吴海波", phone="12345"),
        deputy_row("陈立新", gender="未知", community="白云社区"),
    )

    response = preview(client_as(staff), upload)

    errors = {
        row.number: row.field_specific_errors for row in response.context["result"].invalid_rows
    }
    assert list(errors) == [2, 3]
    assert list(errors[2]) == ["联系电话"]
    assert set(errors[3]) == {"性别", "社区"}
    page = response.content.decode()
    assert "请输入 11 位手机号码" in page
    assert "白云社区" in page
    assert "confirm_form" not in response.context
    assert not Deputy.objects.exists()


def test_clean_sheet_previews_then_imports_into_the_staff_members_street(staff, street, community):
    client = client_as(staff)
    upload = sheet(deputy_row("周晓梅"), deputy_row("吴海波", gender="男", phone="0571-88886666"))

    response = preview(client, upload)

    assert [row.import_type for row in response.context["result"].valid_rows()] == ["new", "new"]
    assert not Deputy.objects.exists()

    upload.seek(0)
    assert import_sheet(client, upload).status_code == 302
    imported = {deputy.name: deputy for deputy in Deputy.objects.all()}
    assert set(imported) == {"周晓梅", "吴海波"}
    assert {deputy.street for deputy in imported.values()} == {street}
    assert {deputy.community for deputy in imported.values()} == {community}
    assert imported["吴海波"].gender == Gender.MALE
    assert imported["吴海波"].phone == "0571-88886666"
    assert imported["周晓梅"].employer == "青石小学"


def test_street_column_cannot_move_deputies_out_of_the_staff_members_street(
    staff, street, community
):
    StreetFactory(name="白鹭街道")
    upload = sheet(deputy_row("周晓梅") + ["白鹭街道"], headers=list(HEADERS.values()))

    import_sheet(client_as(staff), upload)

    assert Deputy.objects.get().street == street


def test_district_users_import_into_the_street_the_sheet_names(street, community):
    district_staff = UserFactory(role=Role.STAFF, street=None)
    upload = sheet(deputy_row("周晓梅") + [street.name], headers=list(HEADERS.values()))

    import_sheet(client_as(district_staff), upload)

    deputy = Deputy.objects.get()
    assert (deputy.street, deputy.community) == (street, community)


def test_reimporting_a_sheet_updates_the_deputies_instead_of_duplicating(staff, community):
    client = client_as(staff)
    import_sheet(client, sheet(deputy_row("周晓梅"), deputy_row("吴海波", phone="13900000000")))
    changed = deputy_row("周晓梅")
    changed[5] = "副校长"

    import_sheet(client, sheet(changed, deputy_row("吴海波", phone="13900000000")))

    assert Deputy.objects.count() == 2
    assert Deputy.objects.get(name="周晓梅").post == "副校长"


def test_export_is_a_sheet_of_the_staff_members_street_with_chinese_headers(
    staff, street, community
):
    DeputyFactory(street=street, community=community, name="周晓梅", gender=Gender.MALE)
    DeputyFactory(street=StreetFactory(name="白鹭街道"), name="吴海波")

    response = get_as(staff, reverse("admin:deputies_deputy_export"))

    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert list(rows[0]) == list(HEADERS.values())
    assert [(row[0], row[1], row[8], row[10]) for row in rows[1:]] == [
        ("周晓梅", "男", "青石社区", "青石街道")
    ]
