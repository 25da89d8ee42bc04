"""The admin walked as another street's staff: every registered ModelAdmin, every
URL it has, GET and POST. Street staff never see, choose or change a row of
another street, and change district-wide settings nowhere; nothing is saved.

Admins are found in admin.site._registry, so a new admin is walked as soon as it
is registered: give its model a row in `street_rows` (or declare it district-wide).
"""

import datetime
import io
import json

import openpyxl
import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.urls import reverse
from django_celery_beat.models import ClockedSchedule, SolarSchedule

from congress_portal.models import HandlingUnit, OutboxJob, SheetJob
from congress_portal.roles import PORTAL_APPS, Role
from congress_portal.scoping import street_path
from deputies.models import (
    ActivityPhoto,
    EntryFlag,
    EntryPhoto,
    PointRule,
    ProfessionalGroup,
    PublishedQuarter,
    ReminderLetter,
    ThankYouBatch,
    ThankYouLetter,
    WarningRules,
)
from liaison_stations.models import (
    LiaisonOfficer,
    PhoneReveal,
    StandardCheck,
    StandardItem,
    SwapRequest,
)
from liaison_stations.models import Supervision as VisitSupervision
from reports.models import (
    AnnualReport,
    ArchiveDownload,
    ArchivePDF,
    DigestDelivery,
    Publicity,
    ReportDownload,
    ReportSection,
)
from suggestions.models import Answer, Attachment, CoSignature, Step, UnitAssignment
from suggestions.models import Supervision as SuggestionSupervision
from tests.access import client_as
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
)
from tests.factories import CommunityFactory, StreetFactory, UserFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    DutyAssignmentFactory,
    DutySessionFactory,
    StationFactory,
    VisitFactory,
)
from tests.suggestions.factories import SuggestionFactory

pytestmark = pytest.mark.usefixtures("point_rules")

OTHER = "白鹭"  # in every text of the other street's rows
DAY = datetime.date(2026, 5, 12)
# The admin's "does not exist" answer for a change or delete page: back to the index.
NOT_THERE = {302, 403, 404}


def street_rows(street, marker):
    """One row of every street-owned model in `street`, by model; every text names `marker`."""
    community = CommunityFactory(street=street, name=f"{marker}社区")
    staff = UserFactory(username=f"{marker}staff", name=f"{marker}工作人员", street=street,
                        role=Role.STAFF)  # fmt: skip
    account = UserFactory(username=f"{marker}deputy", street=street, role=Role.DEPUTY)
    deputy = DeputyFactory(street=street, community=community, user=account, name=f"{marker}代表",
                           employer=f"{marker}公司")  # fmt: skip
    replacement = DeputyFactory(street=street, name=f"{marker}替班代表")
    group = ProfessionalGroup.objects.create(street=street, name=f"{marker}法律组")
    group.members.add(deputy)
    entry = PointEntryFactory(deputy=deputy, description=f"{marker}视察")
    activity = ActivityFactory(street=street, theme=f"{marker}视察", place=f"{marker}广场")
    station = StationFactory(street=street, community=community, name=f"{marker}联络站")
    station.deputies.add(deputy)
    session = DutySessionFactory(station=station)
    assignment = DutyAssignmentFactory(session=session, deputy=deputy)
    officer = LiaisonOfficer.objects.create(name=f"{marker}联络员", community=community,
                                            deputy=deputy)  # fmt: skip
    unit = HandlingUnit.objects.create(name=f"{marker}居委会", kind="residents_committee",
                                       street=street)  # fmt: skip
    visit = VisitFactory(station=station, matter=f"{marker}噪音", reported_by=officer,
                         handling_unit=unit, registered_by=staff)  # fmt: skip
    visit.deputies.add(deputy)
    constituent = ConstituentFactory(visit=visit, name=f"{marker}居民")
    suggestion = SuggestionFactory(lead=deputy, title=f"{marker}加装电梯")
    report = AnnualReport.objects.create(street=street, year=2025, title=f"{marker}年度总结",
                                         created_by=staff)  # fmt: skip
    archive = ArchivePDF.objects.create(deputy=deputy, year=2025, requested_by=staff)
    batch = ThankYouBatch.objects.create(street=street, year=2025, created_by=staff)
    publicity = Publicity.objects.create(street=street, title=f"{marker}报道", outlet=f"{marker}报",
                                         level="district", published_on=DAY)  # fmt: skip
    publicity.deputies.add(deputy)
    rows = [
        street,
        community,
        staff,
        deputy,
        group,
        entry,
        activity,
        station,
        session,
        officer,
        unit,
        visit,
        suggestion,
        report,
        archive,
        batch,
        publicity,
        MembershipFactory(deputy=deputy),
        EntryPhoto.objects.create(entry=entry, image=f"{marker}.jpg"),
        EntryFlag.objects.create(entry=entry, kind="error", note=f"{marker}有误"),
        AttendanceFactory(activity=activity, deputy=deputy),
        ActivityPhoto.objects.create(activity=activity, image=f"{marker}.jpg"),
        ReminderLetter.objects.create(
            deputy=deputy,
            street=street,
            reason="low_points",
            period="2026Q1",
            year=2026,
            sequence=1,
        ),
        ThankYouLetter.objects.create(
            batch=batch, deputy=deputy, employer=f"{marker}公司", points=10, activities=2
        ),
        StandardCheck.objects.create(station=station, item=StandardItem.objects.first()),
        PointRule.objects.create(
            street=street,
            code="publicity",
            name=f"{marker}宣传报道",
            category="publicity",
            points=3,
        ),
        WarningRules.objects.create(street=street, min_points=10),
        assignment,
        SwapRequest.objects.create(
            assignment=assignment, replacement=replacement, reason=f"{marker}出差"
        ),
        constituent,
        VisitSupervision.objects.create(visit=visit, method="phone", on=DAY, by=staff),
        PhoneReveal.objects.create(constituent=constituent, by=staff),
        CoSignature.objects.create(suggestion=suggestion, deputy=replacement),
        UnitAssignment.objects.create(
            suggestion=suggestion, unit=unit, role="lead", assigned_on=DAY
        ),
        Answer.objects.create(
            suggestion=suggestion, round=1, text=f"{marker}答复", answer_class="A", answered_on=DAY
        ),
        Attachment.objects.create(suggestion=suggestion, file=f"{marker}.pdf"),
        SuggestionSupervision.objects.create(
            suggestion=suggestion, method="written", supervised_by=f"{marker}主任", on=DAY
        ),
        Step.objects.create(
            suggestion=suggestion,
            name="submit",
            from_state="draft",
            to_state="submitted",
            by=account,
        ),
        ReportSection.objects.create(report=report, part="work", order=1, heading=f"{marker}工作"),
        ReportDownload.objects.create(report=report, by=staff),
        ArchiveDownload.objects.create(archive=archive, by=staff),
        DigestDelivery.objects.create(recipient=staff, day=DAY),
        PublishedQuarter.objects.create(street=street, year=2025, quarter=4, published_by=staff),
        SheetJob.objects.create(
            user=staff,
            kind="visit_ledger",
            summary=f"{marker}导出",
            expires_at=datetime.datetime(2099, 1, 1, tzinfo=datetime.UTC),
        ),
    ]
    login = {"username": staff.username, "user_agent": "test", "http_accept": "*/*",
             "path_info": "/accounts/login/"}  # fmt: skip
    rows += [
        AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=1),
        AccessLog.objects.create(**login),
    ]
    return {type(row): row for row in rows}


def district_rows():
    """The district-wide rows that migrations do not seed."""
    WarningRules.current()
    OutboxJob.objects.create(task="congress_portal.tasks.sweep_outbox")
    ClockedSchedule.objects.create(clocked_time="2026-06-01T09:00:00+08:00")
    SolarSchedule.objects.create(event="sunrise", latitude=30, longitude=120)
    AccessFailureLog.objects.create(username="nobody", user_agent="t", http_accept="*/*",
                                    path_info="/accounts/login/")  # fmt: skip


@pytest.fixture
def other_street(db):
    return street_rows(StreetFactory(name=f"{OTHER}街道"), OTHER)


@pytest.fixture
def own_street(street):
    return street_rows(street, "青石")


@pytest.fixture
def district_staff(db):
    return UserFactory(username="district", role=Role.STAFF, street=None)


def registered_admins():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def row_for(model, rows):
    """The other street's row of `model`; for a district-wide model, any row."""
    if model in rows:
        return rows[model]
    assert street_path(model) is None, f"give {model._meta.label} a row in street_rows()"
    row = model._default_manager.first()
    assert row is not None, f"give {model._meta.label} a row in district_rows()"
    return row


def latest_version(row):
    history = getattr(row, "history", None)
    if history is None:
        return None
    if not history.exists():
        row.save()  # rows seeded by a migration have no history yet
    return history.latest().history_id


def admin_urls(model_admin, row):
    """Every named URL of a ModelAdmin filled in for `row` (and its latest version),
    by kind, each with whether it is a page of that row."""
    prefix = f"{model_admin.opts.app_label}_{model_admin.opts.model_name}_"
    args = [row.pk, latest_version(row)]
    urls = {}
    for pattern in model_admin.get_urls():
        if getattr(pattern, "name", None):
            arity = pattern.pattern.regex.groups
            url = reverse(f"admin:{pattern.name}", args=args[:arity])
            urls[pattern.name.removeprefix(prefix)] = (url, arity > 0)
    return urls


def values_of(row):
    """`row`'s values as an admin form POSTs them, foreign ids included."""
    data = {}
    for name, value in model_to_dict(row).items():
        if value is None or isinstance(value, models.fields.files.FieldFile):
            continue
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif isinstance(value, datetime.datetime):
            data[f"{name}_0"], data[f"{name}_1"] = value.date(), value.time()
        elif isinstance(value, dict):
            data[name] = json.dumps(value)
        else:
            data[name] = value
    return data


def post_values(client, url, row):
    """POST `row`'s values to the form at `url`, with its inlines left as they are."""
    page = client.get(url)
    data = values_of(row)
    for inline in (page.context or {}).get("inline_admin_formsets", []):
        prefix = inline.formset.prefix
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}
    return client.post(url, data)


def foreign_fields(row):
    """The fields of `row` that choose street-owned rows."""
    return {
        field.name
        for field in row._meta.get_fields()
        if field.concrete and field.is_relation and street_path(field.related_model)
    }


def offered_choices(page, row):
    """The fields of `row` choosing street-owned rows that the page's form offers."""
    adminform = (page.context or {}).get("adminform")
    return set(adminform.form.fields) & foreign_fields(row) if adminform else set()


def text_of(response):
    """What a page or an Excel export shows."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(cell) for sheet in book for row in sheet.values for cell in row)
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def database():
    """Every row of every table (sessions aside), to compare before and after."""
    return {
        model._meta.label: list(model._default_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.app_label != "sessions"
    }


def autocomplete_urls(model_admin):
    """The autocomplete lookups of the admin's and its inlines' autocomplete fields."""
    for owner in [model_admin, *model_admin.inlines]:
        for field in getattr(owner, "autocomplete_fields", []):
            opts = owner.model._meta
            query = f"app_label={opts.app_label}&model_name={opts.model_name}&field_name={field}"
            yield f"{reverse('admin:autocomplete')}?{query}"


def test_every_portal_model_declares_its_street_path(db):
    undeclared = [
        model._meta.label
        for model in apps.get_models()
        if model._meta.app_label in PORTAL_APPS
        and not model._meta.label.split(".")[1].startswith("Historical")
        and "street_path" not in vars(model)
    ]

    assert undeclared == []


def test_another_streets_staff_walk_every_admin_page_and_change_nothing(
    staff, own_street, other_street
):
    district_rows()
    client = client_as(staff)
    for model, model_admin in registered_admins():
        foreign = row_for(model, other_street)
        street_owned = model in other_street
        urls = admin_urls(model_admin, foreign)
        before = database()
        for kind, (url, of_row) in urls.items():
            where = (model._meta.label, kind)
            response = client.get(url)
            if street_owned and of_row:
                assert response.status_code in NOT_THERE, where
            else:
                assert response.status_code < 500 and OTHER not in text_of(response), where
            if street_owned and kind == "changelist" and response.status_code == 200:
                assert foreign not in response.context["cl"].result_list, where
            if kind in {"add", "change", "simple_history"}:
                response = post_values(client, url, foreign)
            else:
                response = client.post(url, {"post": "yes"})
            allowed = {200, 403} if kind == "add" else NOT_THERE | {200}
            assert response.status_code in allowed, (where, "POST", response.status_code)
            if kind == "add" and response.status_code == 200:
                form = response.context["adminform"].form
                assert set(form.errors) & foreign_fields(foreign), (where, form.errors)
        own = own_street.get(model)
        if own is not None and "change" in urls:
            url = admin_urls(model_admin, own)["change"][0]
            assert OTHER not in text_of(client.get(url)), (model._meta.label, "own change page")
            if offered_choices(client.get(url), foreign):
                response = post_values(client, url, foreign)
                assert response.status_code in {200, 403}, (model._meta.label, "own change POST")
        for url in autocomplete_urls(model_admin):
            response = client.get(url)
            assert response.status_code in {200, 403} and OTHER not in text_of(response), url
        assert database() == before, model._meta.label


def test_district_staff_open_every_admin_page(district_staff, other_street):
    district_rows()
    client = client_as(district_staff)
    for model, model_admin in registered_admins():
        for kind, (url, _of_row) in admin_urls(model_admin, row_for(model, other_street)).items():
            response = client.get(url)
            assert response.status_code < 500, (model._meta.label, kind)


# Records the portal writes itself: shown in the admin, never edited there.
READ_ONLY = [ReminderLetter, ThankYouBatch, ArchivePDF, DigestDelivery, PhoneReveal]


def test_read_only_records_are_never_added_changed_or_deleted(staff, own_street):
    client = client_as(staff)
    before = database()
    for model in READ_ONLY:
        row = own_street[model]
        urls = {
            kind: url
            for kind, (url, _of_row) in admin_urls(admin.site._registry[model], row).items()
        }
        assert client.get(urls["change"]).status_code == 200, model
        assert client.get(urls["add"]).status_code == 403, model
        assert client.post(urls["add"], values_of(row)).status_code == 403, model
        assert client.post(urls["change"], values_of(row)).status_code == 403, model
        assert client.post(urls["delete"], {"post": "yes"}).status_code == 403, model
    assert database() == before
