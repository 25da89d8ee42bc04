import datetime
import functools

from axes.models import AccessAttempt, AccessLog
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.http import QueryDict
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.encoding import force_str
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import bounds
from .errors import DomainError
from .files import PrivateFileField, PrivatePath, basename
from .roles import Role
from .scoping import StreetQuerySet, own_street_first
from .sheet_kinds import kind_named
from .validators import phone_validator


class ChoiceLabels:
    """For models listed by the dozen (ledgers, a deputy's pages): `get_<field>_display`
    looks the value up among the field's choices, kept by field as lazy labels, without
    translating every label to hash it as Django's does (a visit's three labels cost a
    ledger page several milliseconds)."""

    def _get_FIELD_display(self, field):
        value = getattr(self, field.attname)
        return force_str(choices_of(field).get(value, value), strings_only=True)


@functools.cache
def choices_of(field):
    """{value: label} of a field's (fixed) choices; the labels translate when shown."""
    return dict(field.flatchoices)


class Street(models.Model):
    """A street (街道, sub-district): the unit a work committee serves."""

    street_path = "pk"

    name = models.CharField(_("name"), max_length=50)
    district = models.CharField(_("district"), max_length=50)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("street")
        verbose_name_plural = _("streets")
        ordering = ["district", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="street_unique_per_district")
        ]

    def __str__(self):
        return self.name


class Community(models.Model):
    """A community (社区) within a street."""

    street_path = "street"

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="communities", verbose_name=_("street")
    )
    name = models.CharField(_("name"), max_length=50)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["street", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="community_unique_per_street")
        ]

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A portal account. Staff and leadership of a street have `street` set;
    district-level accounts leave it empty and see every street. A handling unit's
    account (承办单位) belongs to its unit and sees only what the unit is given."""

    street_path = "street"

    name = models.CharField(_("full name"), max_length=50, blank=True)
    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("street"),
        help_text=_("Leave empty for district-level accounts, which see every street."),
    )
    handling_unit = models.ForeignKey(
        "HandlingUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="accounts",
        verbose_name=_("handling unit"),
        help_text=_("For the accounts of a handling unit (承办单位) only."),
    )

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"

    def get_full_name(self):
        return self.name or self.username

    def get_short_name(self):
        return self.get_full_name()

    @cached_property
    def role(self):
        """The user's Role, or None for an account without one."""
        if self.is_superuser:
            return Role.STAFF
        names = {group.name for group in self.groups.all()}
        return next((role for role in Role if role.group_name in names), None)


class HandlingUnitQuerySet(StreetQuerySet):
    def serving(self, user):
        """The units a user may route matters to, those of the user's street first."""
        return own_street_first(self.visible_to(user).filter(active=True), user)


class Evaluation(models.TextChoices):
    """How satisfied with the handling: a constituent of their matter's, a deputy
    of the answer to their suggestion."""

    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY_SATISFIED = "basically", _("Basically satisfied")
    UNSATISFIED = "unsatisfied", _("Unsatisfied")


class HandlingUnit(models.Model):
    """A body that handles constituents' matters and deputies' suggestions: a
    government department, the street office or a residents' committee."""

    street_path = "street"
    # District departments (no street) serve every street.
    district_rows_shared = True

    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Government department")
        STREET_OFFICE = "street_office", _("Street office")
        RESIDENTS_COMMITTEE = "residents_committee", _("Residents' committee")
        ENTERPRISE = "enterprise", _("Enterprise or institution")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handling_units",
        verbose_name=_("street"),
        help_text=_("Empty for district departments, which serve every street."),
    )
    contact_person = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    active = models.BooleanField(_("active"), default=True)

    objects = HandlingUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("handling unit")
        verbose_name_plural = _("handling units")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class KeptCount(models.Model):
    """What a page shows that is too costly to count per request (a dashboard, the early
    warning), as a worker last counted it (congress_portal.kept)."""

    street_path = None  # the key names the scope counted; the pages choose the key

    key = models.CharField(_("key"), max_length=200, unique=True)
    data = models.JSONField(_("data"))
    counted_at = models.DateTimeField(_("counted at"))
    recount_queued_at = models.DateTimeField(_("recount queued at"), null=True, blank=True)

    class Meta:
        verbose_name = _("kept count")
        verbose_name_plural = _("kept counts")

    def __str__(self):
        return self.key


class JobHealth(models.Model):
    """How a scheduled job (a task beat runs) last ended: written by the task itself
    (congress_portal.health.Scheduled), read by the health line and the sweep."""

    street_path = None

    task = models.CharField(_("task"), max_length=200, unique=True)
    succeeded_at = models.DateTimeField(_("last succeeded at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("last failed at"), null=True, blank=True)
    error = models.TextField(_("last error"), max_length=bounds.TEXT_LENGTH, blank=True)
    caught_up_at = models.DateTimeField(_("last run again at"), null=True, blank=True)
    alerted_at = models.DateTimeField(_("last alerted at"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job's health")
        verbose_name_plural = _("scheduled jobs' health")

    def __str__(self):
        return self.task


class OutboxJob(models.Model):
    """A background job, recorded in the transaction that asks for it (a
    transactional outbox): sent to the broker after that transaction commits,
    and again by the periodic sweep while the broker could not take it. See
    congress_portal.jobs."""

    street_path = None

    task = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), max_length=bounds.TEXT_LENGTH, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The sweep's query: unsent jobs, oldest first.
            models.Index(
                fields=["created_at"],
                condition=models.Q(sent_at__isnull=True),
                name="outbox_unsent_idx",
            )
        ]

    def __str__(self):
        return f"{self.task}({', '.join(map(repr, self.args))})"


class Submission(models.Model):
    """A form posted by a user, by the token the form carried: a second post of the
    same form (a double click, a page sent again) is answered with the first
    post's result instead of doing the work twice. See congress_portal.submissions."""

    street_path = "user__street"

    user = models.ForeignKey(User, models.CASCADE, related_name="+", verbose_name=_("user"))
    token = models.UUIDField(_("token"))
    result_url = models.CharField(_("result"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="submission_once_per_token")
        ]

    def __str__(self):
        return f"{self.user} · {self.token}"


class SheetJob(models.Model):
    """An Excel sheet made or read in the background for the user who asked: an
    export (the file to download) or an import (the uploaded file, checked, then
    imported once the user confirms). Kept for a day. See congress_portal.sheets."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", pgettext_lazy("sheet", "Running")
        CHECKED = "checked", pgettext_lazy("sheet", "Checked, waiting for confirmation")
        READY = "ready", pgettext_lazy("sheet", "Done")
        FAILED = "failed", pgettext_lazy("sheet", "Failed")

    # Longer than the task's hard time limit: a job still running after this died with its worker.
    STALE_AFTER = datetime.timedelta(minutes=40)

    user = models.ForeignKey(
        User, models.CASCADE, related_name="sheet_jobs", verbose_name=_("requested by")
    )
    kind = models.CharField(_("kind"), max_length=50)
    filters = models.JSONField(_("filters"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("error"), max_length=bounds.TEXT_LENGTH, blank=True)
    row_errors = models.JSONField(_("row errors"), default=list, blank=True)
    # An import's counts so far, from import-export's totals: new, update, skip, invalid...
    tally = models.JSONField(_("counts"), default=dict, blank=True)
    summary = models.CharField(_("summary"), max_length=200, blank=True)
    rows_done = models.PositiveIntegerField(_("rows done"), default=0)
    rows_total = models.PositiveIntegerField(_("rows in all"), null=True, blank=True)
    file = PrivateFileField(_("file"), upload_to=PrivatePath("sheets"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("import confirmed at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("removed after"))

    # A job belongs to the street of the user who asked (the admin lists it there).
    street_path = "user__street"

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("import or export")
        verbose_name_plural = _("imports and exports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["user", "-created_at"], name="sheetjob_user_idx"),
            models.Index(fields=["expires_at"], name="sheetjob_expiry_idx"),
        ]

    def __str__(self):
        return f"{self.label} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self):
        return reverse("sheet_job", args=[self.pk])

    def get_file_url(self):
        return reverse("download_sheet", args=[self.pk])

    @property
    def kind_spec(self):
        """The registered Export or Import this job does."""
        return kind_named(self.kind)

    @property
    def label(self):
        return self.kind_spec.label

    @property
    def is_busy(self):
        """Queued, or running and not yet given up for dead (see `stale`)."""
        return self.state == self.State.QUEUED or (
            self.state == self.State.RUNNING
            and not (self.started_at and self.started_at < timezone.now() - self.STALE_AFTER)
        )

    @classmethod
    def stale(cls, now):
        """The jobs still running this long after they started: their worker died
        (it ran past the task's hard time limit), so another may take them over."""
        return models.Q(state=cls.State.RUNNING, started_at__lt=now - cls.STALE_AFTER)

    @property
    def percent_done(self):
        return 100 * self.rows_done // self.rows_total if self.rows_total else None

    @property
    def query(self):
        """The filters, as the QueryDict a FilterSet takes."""
        query = QueryDict(mutable=True)
        for key, values in self.filters.items():
            query.setlist(key, values)
        return query

    @property
    def downloadable(self):
        return self.state == self.State.READY and self.kind_spec.makes_file

    @property
    def filename(self):
        return basename(self.file)

    def confirm(self, now):
        """The user confirms a checked import: it is queued to run for real, from
        the first row."""
        if self.state != self.State.CHECKED:
            raise DomainError(_("Only a checked import without errors can be confirmed."))
        self.state, self.confirmed_at = self.State.QUEUED, now
        self.rows_done, self.tally, self.row_errors = 0, {}, []


class CalendarDay(models.Model):
    """A day China's calendar sets apart from the week: a public holiday, or a weekend
    day made a working day (调休上班). chinese-calendar knows the years it was released
    with; staff enter the State Council's arrangement for a year it does not know yet,
    usually each December for the next year. A day staff enter wins (congress_portal.workdays)."""

    street_path = None  # a district-wide setting

    day = bounds.EventDateField(_("day"), unique=True)  # announced for next year at most
    working = models.BooleanField(
        _("working day"),
        default=False,
        help_text=_(
            "Ticked: a weekend day made a working day (调休上班). Not ticked: a public holiday."
        ),
    )
    name = models.CharField(_("holiday"), max_length=20, help_text=_("e.g. 春节, 国庆节"))

    class Meta:
        verbose_name = _("holiday arrangement")
        verbose_name_plural = _("holiday arrangements")
        ordering = ["day"]

    def __str__(self):
        kind = _("working day") if self.working else _("holiday")
        return f"{self.day} {self.name}（{kind}）"


def login_words(record):
    """Who and when, for the name of a django-axes record."""
    when = formats.date_format(timezone.localtime(record.attempt_time), "Y-m-d H:i")
    return {"username": record.username, "time": when}


class LoginAttempt(AccessAttempt):
    """django-axes' record of failed logins (deleting it unlocks the account), named
    in Chinese: axes names its records in English."""

    street_path = None  # records name users by username: the admin scopes them by it

    class Meta:
        proxy = True
        verbose_name = _("access attempt")
        verbose_name_plural = _("access attempts")

    def __str__(self):
        return _("Failed logins of %(username)s, the last at %(time)s") % login_words(self)


class LoginRecord(AccessLog):
    """django-axes' log of logins, named in Chinese."""

    street_path = None  # as LoginAttempt

    class Meta:
        proxy = True
        verbose_name = _("access log")
        verbose_name_plural = _("access logs")

    def __str__(self):
        return _("Login of %(username)s at %(time)s") % login_words(self)


class Notice(models.Model):
    """A line of a user's inbox (通知): something that asks for them, linking to its
    page, unread until they open it. Written by `congress_portal.notices.notify`, which
    the apps call; emailed once when the user has an address."""

    street_path = "recipient__street"

    class Kind(models.TextChoices):
        COSIGN_INVITATION = "cosign", _("Invitation to co-sign a suggestion")
        EVALUATION_DUE = "evaluation", _("Answer awaiting your evaluation")
        REMINDER_LETTER = "letter", _("Reminder letter")
        DUTY_TOMORROW = "duty", _("Station duty tomorrow")
        ACTIVITY_INVITATION = "activity", _("Invitation to an activity")
        LEAVE_DECIDED = "leave", _("Answer to a request for leave")
        FLAG_DECIDED = "flag", _("Decision on an error report")
        RANKING_PUBLISHED = "ranking", _("Published points ranking")

    recipient = models.ForeignKey(
        User, models.CASCADE, related_name="notices", verbose_name=_("recipient")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    url = models.CharField(_("link"), max_length=500)
    # What the notice is about (e.g. "cosignature-12"): one notice per recipient, kind
    # and key, however often the event that writes it runs.
    key = models.CharField(_("key"), max_length=100)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "kind", "key"], name="notice_once_per_key")
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notice_inbox_idx"),
            # The unread count on every home page.
            models.Index(
                fields=["recipient"], condition=models.Q(read_at=None), name="notice_unread_idx"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("open_notice", args=[self.pk])
