"""The portal walked as another street's users: staff, a deputy and leadership of
one street open every portal URL pattern with the other street's rows in its
arguments, every admin list, change page and export, and every sheet export;
they reach none of the other street's rows and read nothing of them. District
staff, who see every street, do read them: the walk tells scoping from empty
pages.

URL patterns are found in the URL configuration, so a new page is walked as soon
as it exists: give a pattern with arguments its rows in OBJECT_URLS."""

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from congress_portal import sheet_kinds
from congress_portal.models import HandlingUnit, Notice, SheetJob
from congress_portal.roles import Role
from deputies.models import (
    Activity,
    ActivityPhoto,
    Attendance,
    Deputy,
    EntryFlag,
    EntryPhoto,
    PointEntry,
    PublishedQuarter,
    ReminderLetter,
    ThankYouBatch,
    ThankYouLetter,
)
from liaison_stations.models import Constituent, DutyAssignment, Station, Visit
from reports.models import AnnualReport
from suggestions.models import Answer, Attachment, Suggestion
from tests.access import client_as
from tests.factories import StreetFactory, UserFactory
from tests.walk import admin_urls, portal_urls, registered_admins, street_rows, text_of

pytestmark = pytest.mark.usefixtures("point_rules")

MARKER = "外街标记"  # in every text of the other street's rows
ARCHIVE_YEAR = 2025  # the year of street_rows' archive PDF


def of(model, **arguments):
    return lambda rows: [{"pk": rows[model].pk, **arguments}]


def steps_of(model):
    return lambda rows: [{"pk": rows[model].pk, "step": step.name} for step in model.STEPS]


# URL pattern with arguments → its arguments naming the other street's rows.
OBJECT_URLS = {
    "confirm_import": of(SheetJob),
    "download_sheet": of(SheetJob),
    "open_notice": of(Notice),
    "sheet_job": of(SheetJob),
    "deputies:acknowledge_letter": of(ReminderLetter),
    "deputies:activity": of(Activity),
    "deputies:activity_check_in": of(Activity),
    "deputies:activity_code": of(Activity),
    "deputies:activity_photo": of(ActivityPhoto),
    "deputies:attendance_step": steps_of(Attendance),
    "deputies:invitation": of(Attendance),
    "deputies:archive": of(Deputy),
    "deputies:edit_duty": of(PointEntry),
    "deputies:entry_photo": of(EntryPhoto),
    "deputies:flag_entry": of(PointEntry),
    "deputies:flag_detail": of(EntryFlag),
    "deputies:flag_step": steps_of(EntryFlag),
    "deputies:letter_pdf": of(ReminderLetter),
    "deputies:photo": of(Deputy),
    "deputies:published_ranking": of(PublishedQuarter),
    "deputies:published_ranking_pdf": of(PublishedQuarter),
    "deputies:render_published_ranking_again": of(PublishedQuarter),
    "deputies:thank_you_batch": of(ThankYouBatch),
    "deputies:thank_you_combined_pdf": of(ThankYouBatch),
    "deputies:thank_you_letter_pdf": of(ThankYouLetter),
    "deputies:withdraw_duty": of(PointEntry),
    "liaison_stations:add_supervision": of(Visit),
    "liaison_stations:check_in": of(DutyAssignment),
    "liaison_stations:portrait": of(Deputy),
    "liaison_stations:request_swap": of(DutyAssignment),
    "liaison_stations:reveal_phone": lambda rows: [
        {"pk": rows[Visit].pk, "constituent_pk": rows[Constituent].pk}
    ],
    "liaison_stations:roster": of(Station),
    "liaison_stations:visit_detail": of(Visit),
    "liaison_stations:visit_step": steps_of(Visit),
    "liaison_stations:reply_proof": of(Visit),
    "liaison_stations:visit_photo": of(Visit),
    "liaison_stations:station_matter": of(Station),
    "liaison_stations:deputy_matter": of(Deputy),
    "reports:download": of(AnnualReport),
    "reports:download_archive": of(Deputy, year=ARCHIVE_YEAR),
    "reports:generate": of(AnnualReport),
    "reports:generate_archive": of(Deputy, year=ARCHIVE_YEAR),
    "suggestions:answer_invitation": of(Suggestion),
    "suggestions:detail": of(Suggestion),
    "suggestions:download": lambda rows: [
        {"pk": rows[Suggestion].pk, "kind": "attachment", "file_pk": rows[Attachment].pk},
        {"pk": rows[Suggestion].pk, "kind": "answer", "file_pk": rows[Answer].pk},
    ],
    "suggestions:edit": of(Suggestion),
    "suggestions:edit_paper": of(Suggestion),
    "suggestions:step": steps_of(Suggestion),
    "suggestions:supervise": of(Suggestion),
}
# The exports' own URL: the sheets are walked below, built as the user would get them.
EXPORT_URL = "new_export"
# An import's blank sheet: headers and notes, no street's rows (tests/deputies/test_roster_import).
TEMPLATE_URL = "sheet_template"
# Pages for the public: every street's open stations and the deputies on duty there,
# and the forms their QR codes open.
PUBLIC = {
    "liaison_stations:directory",
    "liaison_stations:portrait",
    "liaison_stations:station_matter",
    "liaison_stations:deputy_matter",
}
# Pages that list the other street's rows to district staff.
DISTRICT_LISTS = [
    "deputies:at_risk",
    "deputies:published_rankings",
    "deputies:review_queue",
    "liaison_stations:coverage",
    "liaison_stations:visit_ledger",
    "reports:home",
    "suggestions:ledger",
]
# What the admin shows of a row: its list, its page, the export's form.
ADMIN_PAGES = {"changelist", "change", "export"}
URLS = dict(portal_urls())


@pytest.fixture
def other_street(db):
    return street_rows(StreetFactory(name=f"{MARKER}街道"), MARKER)


@pytest.fixture
def own_street(street):
    return street_rows(street, "青石")


@pytest.fixture
def walkers(staff, leader, own_street):
    """The own street's staff, deputy (their account in the street), leadership and a
    handling unit of the street (its account)."""
    unit = UserFactory(username="ownunit", role=Role.UNIT, street=staff.street,
                       handling_unit=own_street[HandlingUnit])  # fmt: skip
    return {"staff": staff, "deputy": own_street[Deputy].user, "leadership": leader,
            "unit": unit}  # fmt: skip


def object_urls(rows):
    for name, arguments in OBJECT_URLS.items():
        for kwargs in arguments(rows):
            yield name, reverse(name, kwargs=kwargs)


def list_urls():
    """The URLs without arguments, but signing out (which would end the walk)."""
    return [
        (name, reverse(name))
        for name, converters in URLS.items()
        if not converters and name != "logout"
    ]


def opened(client, url):
    """GET `url`; a page that only takes POSTs is posted to, with nothing."""
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


def export_texts(user):
    """Every sheet export the user may have, built as the job builds it, as text."""
    for name in sheet_kinds.kind_names():
        kind = sheet_kinds.kind_named(name)
        if kind.makes_file and kind.allowed(user):
            table = kind.build(user, QueryDict())
            yield name, " ".join(map(str, [*table.header, *(c for row in table.rows for c in row)]))


def test_every_url_with_arguments_names_its_rows():
    with_arguments = {name for name, converters in URLS.items() if converters}

    assert with_arguments - {EXPORT_URL, TEMPLATE_URL} == set(OBJECT_URLS)


@pytest.mark.parametrize("role", ["staff", "deputy", "leadership", "unit"])
def test_another_streets_users_reach_and_read_nothing_of_it(role, walkers, other_street):
    user = walkers[role]
    client = client_as(user)
    for name, url in object_urls(other_street):
        response = opened(client, url)
        if name not in PUBLIC:
            assert response.status_code in {403, 404}, (role, url, response.status_code)
            assert MARKER not in text_of(response), (role, url)
    for name, url in list_urls():
        response = opened(client, url)
        assert response.status_code < 500, (role, url)
        if name not in PUBLIC:
            assert MARKER not in text_of(response), (role, url)
    for model, model_admin in registered_admins():
        if model not in other_street:
            continue
        for kind, (url, of_row) in admin_urls(model_admin, other_street[model]).items():
            if kind in ADMIN_PAGES:
                response = client.get(url)
                assert MARKER not in text_of(response), (role, url)
                assert not (of_row and response.status_code == 200), (role, url)
    for name, text in export_texts(user):
        assert MARKER not in text, (role, name)


# What anonymous constituents may open: the public pages, the tracking page and
# the page after sending a matter; and signing in.
ANONYMOUS = PUBLIC | {
    "liaison_stations:track",
    "liaison_stations:tracked",
    "liaison_stations:matter_sent",
    "login",
    "logout",
}


def test_anonymous_reaches_only_the_public_pages(other_street):
    client = Client()
    for name, url in [*object_urls(other_street), *list_urls()]:
        response = opened(client, url)
        asks_to_sign_in = response.status_code == 302 and response.url.startswith(reverse("login"))
        if name in ANONYMOUS:  # a row the public does not see is a 404 all the same
            assert response.status_code < 500 and not asks_to_sign_in, url
        else:
            assert asks_to_sign_in, (url, response.status_code)
    assert not Visit.objects.filter(channel=Visit.Channel.ONLINE).exists()


def test_district_staff_read_the_other_street(other_street, own_street):
    district_staff = UserFactory(username="district", role=Role.STAFF, street=None)
    client = client_as(district_staff)
    for name in DISTRICT_LISTS:
        assert MARKER in text_of(client.get(reverse(name))), name
    for name in ["deputies:archive", "liaison_stations:roster", "liaison_stations:visit_detail",
                 "suggestions:detail", "deputies:thank_you_batch"]:  # fmt: skip
        url = reverse(name, kwargs=OBJECT_URLS[name](other_street)[0])
        assert client.get(url).status_code == 200, url
    assert any(MARKER in text for _name, text in export_texts(district_staff))
