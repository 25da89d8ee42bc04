import datetime
import secrets
from collections import Counter

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds, workflow
from congress_portal.audit import History, ViewLog
from congress_portal.errors import DomainError
from congress_portal.files import PrivateFileField, PrivateImageField, PrivatePath
from congress_portal.ledgers import attach_list
from congress_portal.models import ChoiceLabels, Community, Evaluation, Street
from congress_portal.roles import Role
from congress_portal.scoping import StreetQuerySet
from congress_portal.uploads import validate_document
from congress_portal.validators import mask_phone, phone_validator
from congress_portal.workdays import add_working_days
from deputies.models import Deputy

PUBLISH_DAYS_AHEAD = 3


class Station(models.Model):
    """A deputies' liaison station (代表联络站) or liaison point."""

    street_path = "street"
    deputy_path = "street__deputies__user"

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
    also_kind = models.CharField(
        _("also serves as"),
        max_length=20,
        choices=Kind.choices,
        blank=True,
        help_text=_(
            "Two stations in one (二站合一), e.g. a central station that is also the "
            "enterprise station."
        ),  # fmt: skip
    )
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("A station the annual report names as featured.")
    )
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
    history = History(m2m_fields=[deputies])

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("liaison station")
        verbose_name_plural = _("liaison stations")
        ordering = ["street", "kind", "name"]
        indexes = [models.Index(fields=["street", "kind"])]

    def __str__(self):
        return self.name

    def clean(self):
        if self.also_kind and self.also_kind == self.kind:
            raise ValidationError({"also_kind": _("A station cannot serve twice as one kind.")})


class StandardItem(models.Model):
    """One thing a station must have (九有) or have on its wall (六上墙)."""

    street_path = None

    class Group(models.TextChoices):
        NINE_HAVES = "nine_haves", _("Nine haves")
        SIX_ON_WALL = "six_on_wall", _("Six on the wall")

    group = models.CharField(
        pgettext_lazy("standard", "group"), max_length=20, choices=Group.choices
    )
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

    street_path = "station__street"

    station = models.ForeignKey(
        Station, models.CASCADE, related_name="checks", verbose_name=_("station")
    )
    item = models.ForeignKey(
        StandardItem, models.PROTECT, related_name="checks", verbose_name=_("item")
    )
    met = models.BooleanField(_("met"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    checked_on = bounds.EventDateField(_("checked on"), default=datetime.date.today)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    history = History()

    objects = StreetQuerySet.as_manager()

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

    street_path = "station__street"

    station = models.ForeignKey(
        Station, models.CASCADE, related_name="sessions", verbose_name=_("station")
    )
    date = bounds.EventDateField(_("date"))
    starts_at = models.TimeField(_("starts at"), default=datetime.time(9))
    ends_at = models.TimeField(_("ends at"), default=datetime.time(11, 30))
    publish_on = bounds.EventDateField(
        _("publish on"),
        blank=True,
        help_text=_("Shown in the public roster from this day; empty: 3 days before."),
    )
    deputies = models.ManyToManyField(
        Deputy, through="DutyAssignment", related_name="duty_sessions", verbose_name=_("deputies")
    )
    history = History()

    objects = StreetQuerySet.as_manager()

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

    def check_in_window(self):
        """When deputies on duty may check in: from CHECK_IN_MARGIN_MINUTES before the
        session starts to as many after it ends, in the portal's time zone."""
        margin = datetime.timedelta(minutes=settings.CHECK_IN_MARGIN_MINUTES)
        starts = timezone.make_aware(datetime.datetime.combine(self.date, self.starts_at))
        ends = timezone.make_aware(datetime.datetime.combine(self.date, self.ends_at))
        return starts - margin, ends + margin


class DutyAssignment(models.Model):
    """A deputy on duty in a session, and their check-in."""

    street_path = "session__station__street"

    session = models.ForeignKey(
        DutySession, models.CASCADE, related_name="assignments", verbose_name=_("session")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="duty_assignments", verbose_name=_("deputy")
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    # Claimed with a conditional UPDATE before the reminder email is sent (tasks.py).
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True, editable=False)
    history = History()

    objects = StreetQuerySet.as_manager()

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
        opens, closes = self.session.check_in_window()
        if not opens <= now <= closes:
            raise DomainError(
                _("Check in on the day of the session, from %(opens)s to %(closes)s.")
                % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
            )
        self.checked_in_at = now


class SwapRequest(models.Model):
    """A deputy asks to hand their duty to another deputy; staff decide."""

    street_path = "assignment__session__station__street"

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
    history = History()

    objects = StreetQuerySet.as_manager()

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


def handling_unit_or_staff(user, visit):
    """Staff (for a unit on paper; the step trail names them) or the account of the
    unit the matter is routed to."""
    return user.role == Role.STAFF or handling_units_account(user, visit)


def handling_units_account(user, visit):
    return user.role == Role.UNIT and visit.handling_unit_id == user.handling_unit_id


def station_for(deputy):
    """Where a deputy's online matters go: a station they are stationed at, else
    their street's (the central one first); None when the street has none open."""
    stations = Station.objects.filter(active=True).order_by("kind", "pk")
    return (
        stations.filter(deputies=deputy).first() or stations.filter(street=deputy.street_id).first()
    )


def visit_receivers(stations, day):
    """The current deputies a deputy may name as receiving a visit of `day` at one of
    `stations`: those on the stations' roster and those who checked in there that day."""
    roster = Station.deputies.through.objects.filter(station__in=stations).values("deputy")
    on_duty = DutyAssignment.objects.filter(
        session__station__in=stations, session__date=day, checked_in_at__isnull=False
    ).values("deputy")
    return Deputy.objects.current().filter(Q(pk__in=roster) | Q(pk__in=on_duty))


class LiaisonOfficer(models.Model):
    """A social-sentiment liaison officer (社情民意联络员): a resident who helps a
    deputy collect opinions; nominated, vetted, then appointed."""

    street_path = "community__street"

    class Status(models.TextChoices):
        NOMINATED = "nominated", _("Nominated")
        VETTED = "vetted", _("Vetted")
        APPOINTED = "appointed", _("Appointed")
        ENDED = "ended", _("Ended")

    name = models.CharField(_("full name"), max_length=50)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    community = models.ForeignKey(
        Community, models.PROTECT, related_name="liaison_officers", verbose_name=_("community")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="liaison_officers", verbose_name=_("assists deputy")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NOMINATED
    )
    appointed_on = bounds.EventDateField(_("appointed on"), null=True, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")
        ordering = ["community", "name"]

    def __str__(self):
        return self.name


SIDE_ROWS = 20  # the rows of each of the visit ledger's side tables


class VisitQuerySet(StreetQuerySet):
    def for_ledger(self):
        """With the station and the unit; with_ledger_lists() adds what a ledger row
        lists."""
        return self.select_related("station", "handling_unit")

    def for_rows(self):
        """What a row of the ledger page shows, of a visit's 32 columns. A column left
        out would cost a query a row (the page's tests count them)."""
        return self.for_ledger().only(
            "matter", "state", "received_on", "category", "channel", "deadline",
            "station__name", "handling_unit__name",
        )  # fmt: skip

    def overdue(self, today):
        return self.filter(state__in=Visit.HANDLING, deadline__lt=today)

    def side_counts(self):
        """The ledger's side tables: the SIDE_ROWS stations that received most
        [(name, count)], from one GROUP BY with by channel [{key, label, count}] for
        every channel; and the SIDE_ROWS deputies who received most
        [{deputies__name, count}]."""
        stations, channels = Counter(), Counter()
        rows = self.order_by().values_list("station", "station__name", "channel")
        for station, name, channel, count in rows.annotate(count=Count("pk")):
            stations[station, name] += count
            channels[channel] += count
        by_deputy = self.order_by().values("deputies", "deputies__name").annotate(count=Count("pk"))
        return {
            "by_station": [(name, count) for (_pk, name), count in stations.most_common(SIDE_ROWS)],
            "by_channel": [
                {"key": key, "label": str(label), "count": channels[key]}
                for key, label in Visit.Channel.choices
            ],  # fmt: skip
            "by_deputy": list(by_deputy.order_by("-count")[:SIDE_ROWS]),
        }

    def reply_with_answer(self, text, by, at):
        """A suggestion raised from these visits is answered: each still waiting on it
        takes the answer as its reply, for its receiving deputy to feed back."""
        for visit in self.filter(state=Visit.State.ESCALATED):
            workflow.take_step(visit, "record_reply", by, at=at, reply=text)

    def tracked(self, number, digits):
        """The matter with this tracking number whose constituent's phone ends in
        `digits`; None for an unknown number and for a wrong pair alike."""
        matches = self.filter(tracking_number=number, constituents__phone__endswith=digits)
        return matches.first()


STAFF = workflow.STAFF
GIVE_BACK_WORKING_DAYS = 7  # a unit gives back a matter not its own within 7 working days
# Tracking numbers: no 0/O, 1/I; 32**10 numbers, so that with the phone's last four
# digits and the rate limit no one finds another person's matter by guessing.
TRACKING_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
TRACKING_LENGTH = 10


def new_tracking_number():
    return "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_LENGTH))


def addressed_deputy(user, visit):
    """The deputy whose QR code the constituent used, while no deputy has taken the
    matter up."""
    return (
        user.role == Role.DEPUTY
        and visit.addressed_to_id is not None
        and visit.addressed_to.user_id == user.pk
        and not visit.deputies.exists()
    )


def receiving_deputy_or_staff(user, visit):
    """Staff, or a deputy who received the matter (and feeds back what they learnt)."""
    return user.role == Role.STAFF or (
        user.role == Role.DEPUTY and visit.deputies.filter(user=user).exists()
    )


class Visit(ChoiceLabels, workflow.Workflow, models.Model):
    """Constituents received at a station (接待选民), and their matter handled to the end."""

    street_path = "station__street"
    # Who received it, who registered it, whose QR code the constituent used.
    deputy_path = ("deputies__user", "registered_by", "addressed_to__user")
    unit_path = "handling_unit"  # a handling unit's account sees what it was given

    class State(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        NOT_ACCEPTED = "not_accepted", _("Not accepted")
        REFERRED = "referred", _("Referred")
        ASSIGNED = "assigned", _("Assigned")
        ESCALATED = "escalated", _("Raised as a suggestion")
        REPLY_REVIEW = "reply_review", _("Reply awaiting review")
        REPLIED = "replied", _("Replied")
        FED_BACK = "fed_back", _("Fed back")
        EVALUATED = "evaluated", _("Evaluated")
        REOPENED = "reopened", _("Reopened")
        CLOSED = "closed", _("Closed")

    class Category(models.TextChoices):
        ENVIRONMENT = "environment", _("Environment")
        PROPERTY = "property", _("Property management")
        TRAFFIC = "traffic", _("Traffic")
        HOUSING = "housing", _("Housing")
        SOCIAL_SECURITY = "social_security", _("Social security")
        HEALTH = "health", _("Health care")
        EDUCATION = "education", _("Education")
        EMPLOYMENT = "employment", _("Employment")
        SAFETY = "safety", _("Public safety")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        """Where the matter came from (来源)."""

        STATION = "station", _("At the station")
        ONLINE = "online", _("Online by QR code")
        HOTLINE = "hotline", _("Hotline or platform (12345, 民呼我应)")
        LETTER = "letter", _("Letter")
        DEPUTY = "deputy", _("The deputy's own contact")

    class EvaluationGiven(models.TextChoices):
        ONLINE = "online", _("By the constituent on the tracking page")
        IN_PERSON = "in_person", _("In person, recorded by staff")

    Evaluation = Evaluation

    OPEN_TO_ROUTING = {State.REGISTERED, State.REOPENED}
    HANDLING = {State.REFERRED, State.ASSIGNED, State.ESCALATED}
    WITH_UNIT = {State.REFERRED, State.ASSIGNED}  # awaiting the unit's reply
    REFUSED_STEP = _("A visit that is %(state)s cannot take the step “%(step)s”.")
    # Each handling step (a method below), taken by committee staff.
    STEPS = workflow.Steps(
        workflow.Step(
            "take_up",
            _("Take up the matter"),
            addressed_deputy,
            {State.REGISTERED},
            apply="liaison_stations.services.take_up",
        ),
        workflow.Step(
            "not_accept",
            _("Do not accept"),
            STAFF,
            {State.REGISTERED},
            form="liaison_stations.forms.ReasonForm",
        ),
        workflow.Step(
            "answer_on_the_spot",
            _("Answer on the spot"),
            STAFF,
            OPEN_TO_ROUTING,
            form="liaison_stations.forms.ReplyForm",
        ),
        workflow.Step(
            "refer", _("Refer"), STAFF, OPEN_TO_ROUTING, form="liaison_stations.forms.RouteForm"
        ),
        workflow.Step(
            "assign", _("Assign"), STAFF, OPEN_TO_ROUTING, form="liaison_stations.forms.AssignForm"
        ),
        workflow.Step("escalate", _("Raise as a suggestion"), STAFF, OPEN_TO_ROUTING),
        workflow.Step(
            "record_reply",
            _("Record the reply"),
            STAFF,
            HANDLING,
            form="liaison_stations.forms.ReplyForm",
        ),
        workflow.Step("sign_for", _("Sign for receipt"), handling_unit_or_staff, WITH_UNIT),
        workflow.Step(
            "give_back",
            _("Give it back"),
            handling_unit_or_staff,
            WITH_UNIT,
            form="liaison_stations.forms.ReasonForm",
        ),
        workflow.Step(
            "submit_reply",
            _("Submit the reply for review"),
            handling_units_account,
            WITH_UNIT,
            form="liaison_stations.forms.UnitReplyForm",
            apply="liaison_stations.services.submit_reply",
        ),
        workflow.Step("release_reply", _("Release the reply"), STAFF, {State.REPLY_REVIEW}),
        workflow.Step(
            "return_reply",
            _("Return the reply to the unit"),
            STAFF,
            {State.REPLY_REVIEW},
            form="congress_portal.forms.ImproveForm",
        ),
        workflow.Step(
            "feed_back",
            _("Feed back"),
            receiving_deputy_or_staff,
            {State.REPLIED},
            form="liaison_stations.forms.FeedbackForm",
        ),
        # Staff record an evaluation given in person; the constituent gives theirs on
        # the tracking page (public).
        workflow.Step(
            "evaluate",
            _("Record the evaluation"),
            STAFF,
            {State.FED_BACK},
            form="liaison_stations.forms.EvaluationForm",
            apply="liaison_stations.services.evaluate",
            public=True,
        ),
        workflow.Step("close", pgettext_lazy("step", "Close"), STAFF, {State.EVALUATED}),
    )

    station = models.ForeignKey(
        Station, models.PROTECT, related_name="visits", verbose_name=_("station")
    )
    channel = models.CharField(
        _("came through"), max_length=10, choices=Channel.choices, default=Channel.STATION
    )
    # The constituent's number to follow the matter with (with their phone's last digits).
    # Null, not blank, for visits registered before there were numbers: it is unique.
    tracking_number = models.CharField(  # noqa: DJ001
        _("tracking number"), max_length=TRACKING_LENGTH, unique=True, null=True, editable=False
    )
    addressed_to = models.ForeignKey(
        Deputy,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="matters_addressed",
        verbose_name=_("addressed to deputy"),
        help_text=_("The deputy whose QR code the constituent used."),
    )
    community = models.ForeignKey(
        Community,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("community concerned"),
    )
    photo = PrivateImageField(_("photo"), upload_to=PrivatePath("visits/photos"), blank=True)
    consented_at = models.DateTimeField(
        _("personal information notice accepted at"), null=True, blank=True, editable=False
    )
    received_on = bounds.EventDateField(_("received on"))
    matter = models.TextField(_("matter"), max_length=bounds.TEXT_LENGTH)
    # Written by staff, never taken from the matter, which may name people.
    headline = models.CharField(
        _("headline for reports"),
        max_length=40,
        blank=True,
        help_text=_(
            "A short name of the matter without personal data, e.g. 小区消防通道堵塞: the "
            "annual report names the solved matters that have one."
        ),
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    deputies = models.ManyToManyField(
        Deputy, related_name="visits_received", verbose_name=_("received by")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.REGISTERED
    )
    not_accepted_reason = models.TextField(
        _("reason for not accepting"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    handling_unit = models.ForeignKey(
        "congress_portal.HandlingUnit",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="visits",
        verbose_name=_("handling unit"),
    )
    deadline = bounds.EventDateField(_("deadline"), null=True, blank=True)
    routed_on = bounds.EventDateField(_("routed on"), null=True, blank=True)
    signed_for_on = bounds.EventDateField(_("signed for on"), null=True, blank=True)
    return_reason = models.TextField(
        _("reason the unit gave it back"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    reply = models.TextField(_("reply"), max_length=bounds.TEXT_LENGTH, blank=True)
    reply_proof = PrivateFileField(
        _("proof of the reply"),
        upload_to=PrivatePath("visits/replies"),
        blank=True,
        validators=[validate_document],
    )
    review_comment = models.TextField(
        _("staff's comments on the reply"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    replied_on = bounds.EventDateField(_("replied on"), null=True, blank=True)
    feedback = models.TextField(
        _("feedback to the constituent"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    fed_back_on = bounds.EventDateField(_("fed back on"), null=True, blank=True)
    evaluation = models.CharField(
        _("evaluation"), max_length=20, choices=Evaluation.choices, blank=True
    )
    evaluation_comment = models.TextField(
        _("comment on the handling"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    evaluation_given = models.CharField(
        _("evaluation given"), max_length=10, choices=EvaluationGiven.choices, blank=True
    )
    closed_on = bounds.EventDateField(_("closed on"), null=True, blank=True)
    times_reopened = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    reported_by = models.ForeignKey(
        LiaisonOfficer,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="matters",
        verbose_name=_("reported by liaison officer"),
    )
    history = History()

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("constituent visit")
        verbose_name_plural = _("constituent visits")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["station", "received_on"]),
            models.Index(fields=["state", "deadline"]),
            models.Index(fields=["category", "received_on"]),
            # The ledger's order: with the id, a page is read off the index instead of
            # sorting the newest day's visits (district page 14 -> 0.3 ms at a million).
            models.Index(fields=["received_on", "id"], name="visit_ledger_order_idx"),
            # Street staff's ledger reaches its visits through their stations: the
            # category and overdue filters need indexes that start with the station
            # (bench/visits.py: 780 → 125 ms and 295 → 210 ms at a million visits).
            models.Index(fields=["station", "category", "received_on"]),
            models.Index(fields=["station", "state", "deadline"]),
            models.Index(fields=["station", "channel", "received_on"]),
            models.Index(fields=["channel", "received_on"]),
        ]

    def __str__(self):
        return f"{self.received_on} {self.matter[:20]}"

    def save(self, *args, **kwargs):
        if self._state.adding and self.tracking_number is None:
            self.tracking_number = new_tracking_number()
        super().save(*args, **kwargs)

    @property
    def tracking_display(self):
        """ABCDE-FGHJK: easier to read out and copy."""
        number = self.tracking_number or ""
        return f"{number[:5]}-{number[5:]}" if number else ""

    def public_timeline(self):
        """[(moment, what happened, its text)] for the constituent's tracking page:
        the steps they are told of, never the review between staff and unit."""
        timeline = [(self.received_on, _("Registered"), "")]
        for step in self.steps.filter(name__in=PUBLIC_STEPS):
            timeline.append((step.at, PUBLIC_STEPS[step.name], step.comment))
        return timeline

    def get_photo_url(self):
        return reverse("liaison_stations:visit_photo", args=[self.pk])

    def get_reply_proof_url(self):
        return reverse("liaison_stations:reply_proof", args=[self.pk])

    def is_overdue(self, today):
        return self.state in self.HANDLING and self.deadline is not None and self.deadline < today

    def not_accept(self, reason, at=None):
        if not reason.strip():
            raise DomainError(_("Give the reason for not accepting the matter."))
        self._move("not_accept", self.State.NOT_ACCEPTED)
        self.not_accepted_reason, self.closed_on = reason.strip(), timezone.localdate(at)
        return self.not_accepted_reason

    def answer_on_the_spot(self, reply, at=None):
        """Answered to the constituent in person: replied and fed back at once."""
        self._move("answer_on_the_spot", self.State.FED_BACK)
        self.reply = self.feedback = reply
        self.replied_on = self.fed_back_on = timezone.localdate(at)
        return reply

    def _check_deadline(self, deadline):
        if deadline is not None and deadline < self.received_on:
            raise DomainError(
                _("The deadline cannot be before the day of the visit (%(day)s).")
                % {"day": formats.date_format(self.received_on)}
            )

    def refer(self, unit, deadline=None, at=None):
        """Passed to the residents' committee or the street office."""
        self._check_deadline(deadline)
        self._move("refer", self.State.REFERRED)
        return self._route(unit, deadline, at)

    def assign(self, unit, deadline, at=None):
        """Assigned (交办) to a handling unit with a deadline."""
        if deadline is None:
            raise DomainError(_("An assignment needs a deadline."))
        self._check_deadline(deadline)
        self._move("assign", self.State.ASSIGNED)
        return self._route(unit, deadline, at)

    def _route(self, unit, deadline, at):
        self.handling_unit, self.deadline = unit, deadline
        self.routed_on, self.signed_for_on, self.return_reason = timezone.localdate(at), None, ""
        return str(unit)  # the trail names the unit: the constituent's timeline shows it

    @property
    def give_back_due(self):
        """None for a matter routed before the portal kept the day."""
        return self.routed_on and add_working_days(self.routed_on, GIVE_BACK_WORKING_DAYS)

    def sign_for(self, at=None):
        """The unit signs for receipt (签收)."""
        self.check_step("sign_for")
        if self.signed_for_on:
            raise DomainError(_("This unit has already signed for it."))
        self.signed_for_on = timezone.localdate(at)

    def give_back(self, reason, at=None):
        """A unit it does not concern gives it back within 7 working days; staff route it anew."""
        self.check_step("give_back")
        if self.give_back_due is None or timezone.localdate(at) > self.give_back_due:
            raise DomainError(
                _("A unit may give a matter back only within 7 working days (until %(day)s).")
                % {"day": self.give_back_due}
            )
        if not reason.strip():
            raise DomainError(_("Give the reason for giving it back."))
        self._move(
            "give_back", self.State.REOPENED if self.times_reopened else self.State.REGISTERED
        )
        self.return_reason, self.handling_unit, self.deadline = reason.strip(), None, None
        return self.return_reason

    def submit_reply(self, reply, at=None):
        """The unit's reply goes to staff for review before it is fed back."""
        if not reply.strip():
            raise DomainError(_("Write the reply."))
        self._move("submit_reply", self.State.REPLY_REVIEW)
        self.reply, self.replied_on, self.review_comment = reply.strip(), timezone.localdate(at), ""

    def release_reply(self, at=None):
        self._move("release_reply", self.State.REPLIED)
        return self.reply

    def return_reply(self, comment, at=None):
        """Staff send the reply back to the unit with what to improve."""
        if not comment.strip():
            raise DomainError(_("Tell the unit what to improve."))
        routed = self.steps.filter(name__in=["refer", "assign"]).last()
        again = self.State.ASSIGNED if routed and routed.name == "assign" else self.State.REFERRED
        self._move("return_reply", again)
        self.review_comment, self.replied_on = comment.strip(), None
        return self.review_comment

    def escalate(self, at=None):
        """A deputy takes the matter up as a formal suggestion."""
        self._move("escalate", self.State.ESCALATED)

    def record_reply(self, reply, at=None):
        self._move("record_reply", self.State.REPLIED)
        self.reply, self.replied_on = reply, timezone.localdate(at)
        return reply

    def feed_back(self, feedback, at=None):
        self._move("feed_back", self.State.FED_BACK)
        self.feedback, self.fed_back_on = feedback, timezone.localdate(at)
        return feedback

    def evaluate(self, evaluation, comment="", given=EvaluationGiven.IN_PERSON, at=None):
        """The constituent's evaluation, given online or in person; 不满意 reopens the
        matter for new handling."""
        unsatisfied = evaluation == self.Evaluation.UNSATISFIED
        self._move("evaluate", self.State.REOPENED if unsatisfied else self.State.EVALUATED)
        self.evaluation, self.evaluation_comment = evaluation, comment.strip()
        self.evaluation_given = given
        if unsatisfied:
            self.times_reopened += 1
            self.deadline = None
        return self.evaluation_comment

    def close(self, at=None):
        self._move("close", self.State.CLOSED)
        self.closed_on = timezone.localdate(at)


# What the constituent's timeline calls each step it shows, with the step's
# comment: the unit, the reply, the feedback, the reason for not accepting.
PUBLIC_STEPS = {
    "not_accept": _("Not accepted"),
    "take_up": _("Taken up by the deputy"),
    "answer_on_the_spot": _("Answered on the spot"),
    "refer": _("Passed on for handling"),
    "assign": _("Assigned for handling"),
    "sign_for": _("The handling unit signed for it"),
    "escalate": _("Raised by a deputy as a suggestion"),
    "record_reply": _("Replied"),
    "release_reply": _("Replied"),
    "feed_back": _("Fed back to you"),
    "evaluate": _("Evaluated"),
    "close": _("Closed"),
}


class VisitStep(workflow.StepTrail):
    """The trail of a visit's handling steps."""

    street_path = "visit__station__street"
    record_field = "visit"

    visit = models.ForeignKey(Visit, models.CASCADE, related_name="steps", verbose_name=_("visit"))
    from_state = models.CharField(_("from"), max_length=20, choices=Visit.State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=Visit.State.choices)

    class Meta(workflow.StepTrail.Meta):
        verbose_name = _("visit step")
        verbose_name_plural = _("visit steps")


class Constituent(models.Model):
    """A person who came with the matter; every field is optional."""

    street_path = "visit__station__street"

    visit = models.ForeignKey(
        Visit, models.CASCADE, related_name="constituents", verbose_name=_("visit")
    )
    name = models.CharField(_("full name"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    address = models.CharField(_("address"), max_length=200, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("constituent")
        verbose_name_plural = _("constituents")

    def __str__(self):
        return self.name or str(_("Anonymous"))

    @property
    def is_blank(self):
        return not (self.name or self.phone or self.address)

    @property
    def masked_phone(self):
        return mask_phone(self.phone)


class Supervision(models.Model):
    """Chasing the handling unit (督办 / 催办): who, when, how."""

    street_path = "visit__station__street"

    class Method(models.TextChoices):
        PHONE = "phone", _("By phone")
        WRITTEN = "written", _("Written notice")
        ON_SITE = "on_site", _("On site")
        MEETING = "meeting", _("Meeting")

    visit = models.ForeignKey(
        Visit, models.CASCADE, related_name="supervisions", verbose_name=_("visit")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    on = bounds.EventDateField(_("date"))
    note = models.TextField(_("note"), max_length=bounds.NOTE_LENGTH, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.visit} · {self.get_method_display()} · {self.on}"


class PhoneReveal(ViewLog):
    """Who saw a constituent's full phone number, and when (personal information)."""

    street_path = "constituent__visit__station__street"
    seen_field = "constituent"

    constituent = models.ForeignKey(
        Constituent, models.CASCADE, related_name="reveals", verbose_name=_("constituent")
    )

    objects = StreetQuerySet.as_manager()

    class Meta(ViewLog.Meta):
        verbose_name = _("phone number reveal")
        verbose_name_plural = _("phone number reveals")


def with_ledger_lists(visits):
    """Give each of `visits` (a ledger's page, a chunk of its export) what its row shows
    of other tables, as text, in two queries: `constituents_shown`, each constituent by
    name (or as anonymous) and masked phone (the number never reaches the page), and
    `receiver_names`, the receiving deputies'."""
    people = Constituent.objects.order_by("pk")
    attach_list(visits, "listed_constituents", people, "visit", "name", "phone")
    by_deputy = [f"deputy__{field}" for field in Deputy._meta.ordering]
    receivers = Visit.deputies.through.objects.order_by(*by_deputy)
    attach_list(visits, "receivers", receivers, "visit", name=F("deputy__name"))
    anonymous = gettext("Anonymous")
    for visit in visits:
        visit.constituents_shown = "；".join(
            f"{person['name'] or anonymous} {mask_phone(person['phone'])}".strip()
            for person in visit.listed_constituents
        )
        visit.receiver_names = "、".join(receiver["name"] for receiver in visit.receivers)
    return visits
