import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from congress_portal.errors import DomainError
from congress_portal.models import Community, Street
from congress_portal.validators import phone_validator
from deputies.models import Deputy

PUBLISH_DAYS_AHEAD = 3


class Station(models.Model):
    """A deputies' liaison station (代表联络站) or liaison point."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Central station")
        COMMUNITY = "community", _("Community station")
        ENTERPRISE = "enterprise", _("Enterprise station")
        POINT = "point", _("Liaison point")

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="stations", verbose_name=_("street")
    )
    community = models.ForeignKey(
        Community,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="stations",
        verbose_name=_("community"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=20, blank=True, validators=[phone_validator]
    )
    deputies = models.ManyToManyField(
        Deputy, related_name="stations", blank=True, verbose_name=_("stationed deputies")
    )
    active = models.BooleanField(_("open"), default=True)
    history = HistoricalRecords(m2m_fields=[deputies])

    class Meta:
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        ordering = ["street", "kind", "name"]
        indexes = [models.Index(fields=["street", "kind"])]

    def __str__(self):
        return self.name


class StandardItem(models.Model):
    """One thing a station must have (九有) or have on its wall (六上墙)."""

    class Group(models.TextChoices):
        NINE_HAVES = "nine_haves", _("Nine haves")
        SIX_ON_WALL = "six_on_wall", _("Six on the wall")

    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")
        ordering = ["group", "order"]

    def __str__(self):
        return self.name


class StandardCheck(models.Model):
    """Whether a station meets one standard item, who checked it and when.
    The history keeps every earlier check."""

    station = models.ForeignKey(
        Station, models.CASCADE, related_name="checks", verbose_name=_("station")
    )
    item = models.ForeignKey(
        StandardItem, models.PROTECT, related_name="checks", verbose_name=_("item")
    )
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_on = models.DateField(_("checked on"), default=datetime.date.today)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("standard check")
        verbose_name_plural = _("standard checks")
        constraints = [
            models.UniqueConstraint(fields=["station", "item"], name="check_once_per_item")
        ]

    def __str__(self):
        return f"{self.station} · {self.item}"


class DutySession(models.Model):
    """A reception session (接待日) at a station, published some days ahead."""

    station = models.ForeignKey(
        Station, models.CASCADE, related_name="sessions", verbose_name=_("station")
    )
    date = models.DateField(_("date"))
    starts_at = models.TimeField(_("starts at"), default=datetime.time(9))
    ends_at = models.TimeField(_("ends at"), default=datetime.time(11, 30))
    publish_on = models.DateField(
        _("publish on"),
        blank=True,
        help_text=_("Shown in the public roster from this day; empty: 3 days before."),
    )
    deputies = models.ManyToManyField(
        Deputy, through="DutyAssignment", related_name="duty_sessions", verbose_name=_("deputies")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty session")
        verbose_name_plural = _("duty sessions")
        ordering = ["date", "starts_at"]
        indexes = [
            models.Index(fields=["station", "date"]),
            models.Index(fields=["date", "publish_on"]),
        ]

    def __str__(self):
        return f"{self.station} {self.date} {self.starts_at:%H:%M}"

    def save(self, *args, **kwargs):
        if self.publish_on is None:
            self.publish_on = self.date - datetime.timedelta(days=PUBLISH_DAYS_AHEAD)
        super().save(*args, **kwargs)


class DutyAssignment(models.Model):
    """A deputy on duty in a session, and their check-in."""

    session = models.ForeignKey(
        DutySession, models.CASCADE, related_name="assignments", verbose_name=_("session")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="duty_assignments", verbose_name=_("deputy")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty assignment")
        verbose_name_plural = _("duty assignments")
        constraints = [
            models.UniqueConstraint(fields=["session", "deputy"], name="assignment_once")
        ]
        indexes = [models.Index(fields=["deputy", "checked_in_at"])]

    def __str__(self):
        return f"{self.session} · {self.deputy}"

    def missed(self, today):
        return self.checked_in_at is None and self.session.date < today

    def check_in(self, now):
        if self.checked_in_at is not None:
            raise DomainError(_("You have already checked in for this session."))
        if timezone.localdate(now) != self.session.date:
            raise DomainError(_("Check in on the day of the session."))
        self.checked_in_at = now


class SwapRequest(models.Model):
    """A deputy asks to hand their duty to another deputy; staff decide."""

    class State(models.TextChoices):
        PENDING = "pending", _("Pending")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    assignment = models.ForeignKey(
        DutyAssignment, models.CASCADE, related_name="swaps", verbose_name=_("duty")
    )
    replacement = models.ForeignKey(
        Deputy, models.PROTECT, related_name="+", verbose_name=_("replacement deputy")
    )
    reason = models.CharField(_("reason"), max_length=200)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("duty swap")
        verbose_name_plural = _("duty swaps")
        ordering = ["-pk"]
        indexes = [models.Index(fields=["state"])]

    def __str__(self):
        return f"{self.assignment} → {self.replacement}"

    def decide(self, approve, by, now):
        if self.state != self.State.PENDING:
            raise DomainError(_("This swap has already been decided."))
        self.state = self.State.APPROVED if approve else self.State.REJECTED
        self.decided_by, self.decided_at = by, now
