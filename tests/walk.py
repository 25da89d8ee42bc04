"""Walking the portal as another street's user: one row of every street-owned
model in a street, the admin's pages of a row, the portal's own URL patterns.
Shared by the admin walk, the street walk and the fuzzing test."""

import datetime
import io

import openpyxl
from axes.models import AccessFailureLog
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_celery_beat.models import ClockedSchedule, SolarSchedule

from congress_portal.models import (
    CalendarDay,
    HandlingUnit,
    LoginAttempt,
    LoginRecord,
    Notice,
    OutboxJob,
    SheetJob,
)
from congress_portal.roles import Role
from congress_portal.scoping import street_path
from deputies.models import (
    ActivityPhoto,
    EntryFlag,
    EntryPhoto,
    PointRule,
    ProfessionalGroup,
    PublishedQuarter,
    PublishedRank,
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
    ReportTheme,
    WorkRecord,
)
from suggestions.models import Answer, Attachment, CoSignature, Step, UnitAssignment
from suggestions.models import Supervision as SuggestionSupervision
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    MembershipFactory,
    PointEntryFactory,
)
from tests.factories import CommunityFactory, UserFactory
from tests.liaison_stations.factories import (
    ConstituentFactory,
    DutyAssignmentFactory,
    DutySessionFactory,
    StationFactory,
    VisitFactory,
)
from tests.suggestions.factories import SuggestionFactory

DAY = datetime.date(2026, 5, 12)


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
            period="2026-Q1",
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
        ReportTheme.objects.create(
            street=street, order=1, heading=f"{marker}专题", topics=["visits"]
        ),
        WorkRecord.objects.create(
            street=street, kind="delegation", happened_on=DAY, title=f"{marker}考察团"
        ),
        ReportDownload.objects.create(report=report, by=staff),
        ArchiveDownload.objects.create(archive=archive, by=staff),
        DigestDelivery.objects.create(recipient=staff, day=DAY),
        published := PublishedQuarter.objects.create(
            street=street, year=2025, quarter=4, published_by=staff
        ),
        PublishedRank.objects.create(
            published=published,
            deputy=deputy,
            name=f"{marker}代表",
            rank=1,
            quarter_points=3,
            points=9,
        ),
        Notice.objects.create(
            recipient=account,
            kind=Notice.Kind.COSIGN_INVITATION,
            title=f"{marker}请附议",
            url="/",
            key="walk",
            created_at=datetime.datetime(2026, 5, 12, tzinfo=datetime.UTC),
        ),
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
        LoginAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=1),
        LoginRecord.objects.create(**login),
    ]
    return {type(row): row for row in rows}


def district_rows():
    """The district-wide rows that migrations do not seed."""
    WarningRules.current()
    OutboxJob.objects.create(task="congress_portal.tasks.sweep_outbox")
    ClockedSchedule.objects.create(clocked_time="2026-06-01T09:00:00+08:00")
    SolarSchedule.objects.create(event="sunrise", latitude=30, longitude=120)
    CalendarDay.objects.create(day="2027-01-01", name="元旦")
    AccessFailureLog.objects.create(username="nobody", user_agent="t", http_accept="*/*",
                                    path_info="/accounts/login/")  # fmt: skip


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


def text_of(response):
    """What a page or an Excel export shows."""
    if response.get("Content-Type", "").startswith("application/vnd.openxmlformats"):
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        return " ".join(str(cell) for sheet in book for row in sheet.values for cell in row)
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def portal_urls(patterns=None, prefix="", namespace=None):
    """(name, converters) of every URL pattern but the admin's and static files'."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            name = pattern.namespace or namespace
            yield from portal_urls(pattern.url_patterns, prefix + str(pattern.pattern), name)
        elif isinstance(pattern, URLPattern) and pattern.name:
            full = f"{namespace}:{pattern.name}" if namespace else pattern.name
            yield full, dict(pattern.pattern.converters)
