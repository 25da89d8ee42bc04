"""Publicity records imported from a sheet in the admin, as the deputy roster is
(tests/deputies/test_roster_import.py has the whole contract): checked in the
background, imported once staff confirm, into the staff member's own street."""

import datetime

import pytest
from django.urls import reverse

from congress_portal.models import SheetJob
from reports.models import Publicity
from reports.resources import PublicityResource
from tests.access import client_as, get_as
from tests.factories import StreetFactory
from tests.sheets import import_sheet, upload, workbook

IMPORT = reverse("admin:reports_publicity_import")
HEADERS = list(PublicityResource.headers.values())


def article(title, outlet="临江日报", level="市", published_on=datetime.date(2022, 8, 1)):
    return [published_on, outlet, level, title, "", "白鹭街道"]


@pytest.mark.parametrize("persona", ["deputy", "leadership", "anonymous"])
def test_only_staff_import_publicity(personas, persona):
    response = get_as(personas[persona], IMPORT)

    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_staff_import_articles_into_their_own_street_and_again_without_doubling(
    staff, street, django_capture_on_commit_callbacks
):
    StreetFactory(name="白鹭街道")
    rows = [article("代表直通车开进群众心", "人大代表工作通报", "省"),
            article("代表半月谈为小区降停车费", published_on="2022年9月8日")]  # fmt: skip

    for _time in range(2):
        job = import_sheet(client_as(staff), IMPORT, workbook(HEADERS, *rows),
                           django_capture_on_commit_callbacks)  # fmt: skip
        assert job.state == SheetJob.State.READY

    assert sorted(
        Publicity.objects.values_list("street__name", "outlet", "level", "published_on", "title")
    ) == [
        ("青石街道", "临江日报", "city", datetime.date(2022, 9, 8), "代表半月谈为小区降停车费"),
        ("青石街道", "人大代表工作通报", "provincial", datetime.date(2022, 8, 1),
         "代表直通车开进群众心"),
    ]  # fmt: skip
    assert Publicity.objects.first().history.first().history_user == staff


def test_rows_with_errors_are_listed_in_chinese_and_nothing_is_imported(
    staff, street, django_capture_on_commit_callbacks
):
    file = workbook(
        HEADERS,
        article("代表走访企业"),
        article("级别写错了", level="国家级"),
        article("日期写错了", published_on="八月一日"),
    )

    job = upload(client_as(staff), IMPORT, file, django_capture_on_commit_callbacks)

    assert job.state == SheetJob.State.FAILED
    errors = str(job.row_errors)
    assert "媒体级别请填写全国/省/市/区" in errors and "日期请填写" in errors
    assert not Publicity.objects.exists()
