"""QR code posters: A4 PDFs printed in the background, for staff of their street's
stations and deputies, for a deputy of themself only."""

import io

import pytest
from django.http import QueryDict
from django.urls import reverse
from pypdf import PdfReader

from congress_portal.models import SheetJob
from liaison_stations import qr
from tests.access import client_as
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.factories import StreetFactory
from tests.liaison_stations.factories import StationFactory
from tests.sheets import run_export


@pytest.fixture
def station(street):
    return StationFactory(street=street, name="桂花社区代表联络站", opening_hours="每周三上午")


@pytest.fixture
def seated(my_deputy, station):
    MembershipFactory(deputy=my_deputy)
    station.deputies.add(my_deputy)
    return my_deputy


def pdf_pages(job):
    with job.file.open("rb") as file:
        return [page.extract_text() for page in PdfReader(io.BytesIO(file.read())).pages]


def asked(**pks):
    filters = QueryDict(mutable=True)
    for name, values in pks.items():
        filters.setlist(name, [str(pk) for pk in values])
    return filters


def test_staff_print_the_posters_of_a_station_and_its_deputies_from_the_admin(
    staff, station, seated, django_capture_on_commit_callbacks
):
    admin = client_as(staff)
    url = reverse("admin:liaison_stations_station_changelist")
    data = {"action": "print_posters", "_selected_action": [station.pk]}

    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post(url, data)

    assert response.status_code == 302 and response.url == reverse("sheet_jobs")
    job = SheetJob.objects.get(user=staff)
    assert job.state == SheetJob.State.READY, job.error
    pages = pdf_pages(job)
    assert len(pages) == 2
    assert "桂花社区代表联络站" in pages[0] and "每周三上午" in pages[0]
    assert "李建国 代表" in pages[1]
    assert "诉讼" in pages[0]  # what goes to the courts instead
    assert reverse("liaison_stations:deputy_matter", args=[seated.pk]) in pages[1]


def test_staff_get_no_poster_of_another_streets_rows(staff, station, seated):
    elsewhere = StreetFactory(name="白鹭街道")
    other_station = StationFactory(street=elsewhere)
    other_deputy = DeputyFactory(street=elsewhere)
    MembershipFactory(deputy=other_deputy)

    table = qr.posters(staff, asked(station=[other_station.pk], deputy=[other_deputy.pk]))

    assert table.total == 0


def test_a_deputy_prints_their_own_poster_only(
    deputy, seated, station, django_capture_on_commit_callbacks
):
    colleague = DeputyFactory(street=station.street, name="王芳")
    MembershipFactory(deputy=colleague)

    assert qr.posters(deputy, asked(deputy=[colleague.pk])).total == 0
    job = run_export(
        deputy, "qr_posters", f"deputy={seated.pk}", django_capture_on_commit_callbacks
    )
    assert ["李建国 代表" in page for page in pdf_pages(job)] == [True]


def test_leadership_and_units_may_not_print_posters(leader):
    assert client_as(leader).post(reverse("new_export", args=["qr_posters"])).status_code == 403
