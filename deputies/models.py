import datetime
import re
from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, OuterRef, Q, Subquery, Sum, Window
from django.db.models.functions import Coalesce, Rank
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds, workflow
from congress_portal.audit import History
from congress_portal.documents import RenderedDocument
from congress_portal.errors import DomainError
from congress_portal.files import PrivateFileField, PrivateImageField, PrivatePath
from congress_portal.ledgers import attach_list
from congress_portal.models import ChoiceLabels, Community, Street
from congress_portal.roles import Role
from congress_portal.scoping import StreetQuerySet
from congress_portal.validators import phone_validator

from .periods import Period


class Level(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    CITY = "city", _("City")
    DISTRICT = "district", _("District")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class DeputyQuerySet(StreetQuerySet):
    def current(self):
        """Deputies holding at least one open membership."""
        return self.filter(pk__in=Membership.objects.filter(ended_on__isnull=True).values("deputy"))

    def pickable_by(self, user):
        """The current deputies `user` may name in a form (co-signers, a visit's
        receivers): a staff member's streets' deputies; a deputy's colleagues of their
        own street."""
        if user.role == Role.DEPUTY:
            own_street = self.model.objects.filter(user=user).values("street")
            return self.current().filter(street__in=own_street).exclude(user=user)
        return self.visible_to(user).current()

    def with_points(self, period):
        """Annotate `points`: approved points in the period, summed in SQL."""
        return self.annotate(points=_approved_points(period))

    def ranked(self, period):
        """Annotate `points` and `rank` (1 = most points; ties share a rank)."""
        return (
            self.with_points(period)
            .annotate(rank=Window(Rank(), order_by=F("points").desc()))
            .order_by("rank", "name", "pk")
        )

    def with_latest_ballot(self, until):
        """Annotate `ballot_satisfied` (满意 + 基本满意) and `ballot_voters` of each
        deputy's latest report-back vote held up to `until` (None: no vote yet)."""
        latest = ReportBackBallot.objects.filter(
            deputy=OuterRef("pk"), activity__held_on__lte=until
        ).order_by("-activity__held_on", "-pk")
        satisfied = ExpressionWrapper(
            F("satisfied") + F("basically_satisfied"), output_field=models.IntegerField()
        )
        return self.annotate(
            ballot_satisfied=Subquery(latest.annotate(n=satisfied).values("n")[:1]),
            ballot_voters=Subquery(latest.values("voters")[:1]),
        )

    def with_quarters(self, year):
        """Annotate `q1`..`q4`: approved points in each quarter of the year."""
        return self.annotate(
            **{f"q{q}": _approved_points(Period.quarter(year, q)) for q in range(1, 5)}
        )


def _approved_points(period):
    counted = Q(
        point_entries__state="approved",
        point_entries__occurred_on__range=(period.start, period.end),
    )
    return Coalesce(Sum("point_entries__points", filter=counted), 0)


class Deputy(models.Model):
    """A person who is (or was) a deputy at one or more levels (四级代表)."""

    street_path = "street"
    deputy_path = "user"

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="deputies", verbose_name=_("street")
    )
    community = models.ForeignKey(
        Community,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputies",
        verbose_name=_("community"),
    )
    name = models.CharField(_("name"), max_length=50)
    number = models.CharField(
        _("deputy number"),
        max_length=30,
        blank=True,
        help_text=_(
            "The deputy's number in the street's roster, e.g. the number on the deputy's "
            "certificate: roster imports find the deputy by it."
        ),
    )
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)
    birth_year = models.PositiveSmallIntegerField(
        _("birth year"), null=True, blank=True, validators=[bounds.birth_year]
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    email = models.EmailField(
        _("email"), blank=True, help_text=_("Reminder letters are sent here as well.")
    )
    employer = models.CharField(_("employer"), max_length=100, blank=True)
    post = models.CharField(_("post"), max_length=100, blank=True)
    specialty = models.CharField(_("specialty"), max_length=100, blank=True)
    constituency = models.CharField(_("constituency"), max_length=100, blank=True)
    photo = PrivateImageField(_("photo"), upload_to=PrivatePath("deputies/photos"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="deputy",
        verbose_name=_("login account"),
    )
    notes = models.TextField(_("notes"), max_length=bounds.TEXT_LENGTH, blank=True)
    history = History()

    objects = DeputyQuerySet.as_manager()

    class Meta:
        verbose_name = _("deputy")
        verbose_name_plural = _("deputies")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["street", "name"])]
        constraints = [
            # Unique within the street, whose staff keep the roster (and see no other).
            models.UniqueConstraint(
                fields=["street", "number"],
                condition=~Q(number=""),
                name="deputy_number_unique_per_street",
                violation_error_message=_("Another deputy of the street has this number."),
            )
        ]

    def __str__(self):
        return self.name

    def get_photo_url(self):
        return reverse("deputies:photo", args=[self.pk])

    def clean(self):
        if self.community_id and self.community.street_id != self.street_id:
            raise ValidationError({"community": _("The community must be in the deputy's street.")})


class Term(ChoiceLabels, models.Model):
    """A congress term (届) of one level, e.g. the 17th district congress."""

    street_path = None

    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    number = models.PositiveSmallIntegerField(_("term number"))
    starts_on = bounds.EventDateField(_("starts on"))
    ends_on = bounds.PlannedDateField(_("ends on"))

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["level", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["level", "number"], name="term_unique_per_level")
        ]

    def __str__(self):
        return gettext("%(level)s congress, term %(number)s") % {
            "level": self.get_level_display(),
            "number": self.number,
        }

    def clean(self):
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A term cannot end before it starts.")})


class Membership(ChoiceLabels, models.Model):
    """A deputy's seat in one term: how and when it began and ended."""

    street_path = "deputy__street"

    class Began(models.TextChoices):
        ELECTION = "election", _("Election")
        BY_ELECTION = "by_election", _("By-election")

    class Ended(models.TextChoices):
        TERM_END = "term_end", _("End of term")
        RESIGNATION = "resignation", _("Resignation")
        RECALL = "recall", _("Recall")
        DEATH = "death", _("Death")
        TRANSFER = "transfer", _("Transfer")

    deputy = models.ForeignKey(
        Deputy, models.CASCADE, related_name="memberships", verbose_name=_("deputy")
    )
    term = models.ForeignKey(
        Term, models.PROTECT, related_name="memberships", verbose_name=_("term")
    )
    began_on = bounds.EventDateField(_("began on"))
    began_how = models.CharField(
        _("began by"), max_length=20, choices=Began.choices, default=Began.ELECTION
    )
    ended_on = bounds.PlannedDateField(_("ended on"), null=True, blank=True)
    ended_how = models.CharField(_("ended by"), max_length=20, choices=Ended.choices, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["term__level", "-began_on"]
        constraints = [
            models.UniqueConstraint(fields=["deputy", "term"], name="membership_once_per_term"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True, ended_how="")
                | Q(ended_on__isnull=False) & ~Q(ended_how=""),
                name="membership_end_has_date_and_reason",
            ),
        ]
        indexes = [models.Index(fields=["ended_on", "deputy"])]

    def __str__(self):
        return f"{self.deputy} · {self.term}"

    def clean(self):
        if bool(self.ended_on) != bool(self.ended_how):
            raise ValidationError(_("An ended membership needs both the date and the reason."))
        if self.ended_on and self.began_on and self.ended_on < self.began_on:
            raise ValidationError({"ended_on": _("A membership cannot end before it began.")})


class ProfessionalGroup(models.Model):
    """A professional group of deputies (专业代表小组): law, medicine, economy..."""

    street_path = "street"

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="professional_groups", verbose_name=_("street")
    )
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        Deputy, related_name="professional_groups", blank=True, verbose_name=_("members")
    )

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("professional group")
        verbose_name_plural = _("professional groups")
        ordering = ["street", "name"]
        constraints = [
            models.UniqueConstraint(fields=["street", "name"], name="group_unique_per_street")
        ]

    def __str__(self):
        return self.name


class Category(models.TextChoices):
    """What a point rule rewards or penalises."""

    CONGRESS = "congress", _("Congress session")
    INSPECTION = "inspection", _("Inspection and research")
    STATION_DUTY = "station_duty", _("Station duty")
    VISITS = "visits", _("Receiving constituents")
    SUGGESTION = "suggestion", _("Suggestions")
    TRAINING = "training", _("Training")
    REPORT_BACK = "report_back", _("Report-back")
    PUBLICITY = "publicity", _("Publicity")
    ACTIVITY = "activity", _("Other activities")
    DISCIPLINE = "discipline", _("Discipline")


class RuleCode(models.TextChoices):
    """The codes of the built-in point rules the migrations create: the portal awards
    (or offers to claim) points by these codes, so those rules are never deleted."""

    CONGRESS_ATTENDANCE = "congress_attendance"
    CONGRESS_ABSENCE = "congress_absence"
    INSPECTION_RESEARCH = "inspection_research"
    STATION_DUTY = "station_duty"
    RECEIVE_CONSTITUENTS = "receive_constituents"
    SUGGESTION_LEAD = "suggestion_lead"
    SUGGESTION_COSIGN = "suggestion_cosign"
    TRAINING = "training"
    REPORT_BACK = "report_back"
    PUBLICITY = "publicity"
    ACTIVITY = "activity"
    ACTIVITY_ABSENCE = "activity_absence"
    INSPECTION_RESEARCH_CLAIM = "inspection_research_claim"
    TRAINING_CLAIM = "training_claim"
    REPORT_BACK_CLAIM = "report_back_claim"
    ACTIVITY_CLAIM = "activity_claim"


class PointRuleQuerySet(StreetQuerySet):
    def for_street(self, street):
        """The rules in force in the street (a Street or its id): of each code, the
        street's own rule if it has one, else the district's. One query, whatever
        follows; no street: the district's rules."""
        if street is None:
            return self.filter(street__isnull=True)
        overridden = PointRule.objects.filter(street=street).values("code")
        return self.filter(Q(street=street) | Q(street__isnull=True) & ~Q(code__in=overridden))

    def claimable(self):
        """The rules deputies may claim (申报): in use, marked for claims by staff,
        neither a penalty nor one the portal awards by itself."""
        return (
            self.filter(active=True, claimable=True, points__gt=0)
            .exclude(category=Category.DISCIPLINE)
            .exclude(code__in=AUTOMATIC_RULES)
        )


class PointRule(models.Model):
    """A configurable points rule (履职积分规则). Code is how other records refer to it.

    The district's rules (no street) hold for every street; a street may override
    one with its own rule of the same code, which its deputies earn instead."""

    street_path = "street"
    district_rows_shared = True

    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="point_rules",
        verbose_name=_("street"),
        help_text=_("Empty: the district's rule. A street's rule overrides it in that street."),
    )
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    points = models.SmallIntegerField(_("points"), help_text=_("Negative for penalties."))
    yearly_cap = models.PositiveSmallIntegerField(
        _("yearly cap"),
        null=True,
        blank=True,
        help_text=_("Most points one deputy can earn from this rule in a year; empty: no cap."),
    )
    needs_review = models.BooleanField(
        _("needs review"),
        default=True,
        help_text=_("Claims by deputies wait for staff approval before they count."),
    )
    claimable = models.BooleanField(
        _("deputies may claim"),
        default=False,
        help_text=_(
            "Deputies may claim (申报) points under this rule for duties the portal has no "
            "record of. Rules the portal awards by itself can never be claimed."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    history = History()

    objects = PointRuleQuerySet.as_manager()

    class Meta:
        verbose_name = _("point rule")
        verbose_name_plural = _("point rules")
        ordering = ["category", "code", F("street").asc(nulls_first=True)]
        constraints = [
            models.UniqueConstraint(fields=["code", "street"], name="rule_code_once_per_street"),
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(street__isnull=True),
                name="rule_code_once_in_district",
                violation_error_message=_("The district already has a rule with this code."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.points:+d})"

    @property
    def is_built_in(self):
        """A district rule the portal refers to by its code: deactivated, never deleted."""
        return self.street_id is None and self.code in RuleCode.values

    def delete(self, *args, **kwargs):
        if self.is_built_in:
            raise DomainError(_("A built-in rule cannot be deleted: deactivate it instead."))
        return super().delete(*args, **kwargs)

    def clean(self):
        if self.claimable and self.code in AUTOMATIC_RULES:
            raise ValidationError(
                {"claimable": _("The portal awards this rule by itself: it cannot be claimed.")}
            )


class PointEntryQuerySet(StreetQuerySet):
    def for_rows(self):
        """What a deputy's list of their entries shows (deputies/my_duties.html,
        entry_flags.html), of an entry with its rule and what it corrects (54 columns),
        and the key to the deputy, which Django reads on every row the deputy's related
        manager fetches. A column left out would cost a query a row (the page's tests
        count them)."""
        return self.select_related("rule", "corrects__rule").only(
            "deputy", "rule__name", "occurred_on", "points", "cap_reached", "state",
            "description", "reject_reason", "corrects__occurred_on", "corrects__rule__name",
        )  # fmt: skip

    def delete(self):
        """Approved entries are never deleted: they leave the count by a correction."""
        if self.filter(state=PointEntry.State.APPROVED).exists():
            raise DomainError(APPROVED_NOT_DELETED)
        return super().delete()


APPROVED_NOT_DELETED = _(
    "An approved entry is never deleted: correct it with a correcting entry instead."
)


class PointEntry(ChoiceLabels, models.Model):
    """One line of a deputy's points ledger.

    `points` is fixed when the entry is made (capped when it is approved), so
    editing a rule later changes only entries made after the edit: scores that
    were published never move behind the deputies' backs.
    """

    street_path = "deputy__street"

    class Source(models.TextChoices):
        CLAIM = "claim", _("Claimed by the deputy")
        STAFF = "staff", _("Entered by staff")
        AUTO = "auto", _("Recorded automatically")
        CORRECTION = "correction", _("Correction of an error report")

    class State(models.TextChoices):
        PENDING = "pending", _("Pending review")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    deputy = models.ForeignKey(
        Deputy, models.CASCADE, related_name="point_entries", verbose_name=_("deputy")
    )
    rule = models.ForeignKey(
        PointRule, models.PROTECT, related_name="entries", verbose_name=_("rule")
    )
    occurred_on = bounds.EventDateField(_("date"))
    points = models.SmallIntegerField(_("points"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.PENDING
    )
    description = models.TextField(_("what was done"), max_length=bounds.TEXT_LENGTH, blank=True)
    reject_reason = models.TextField(
        _("reason for rejection"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(_("entered at"), auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    cap_reached = models.PositiveSmallIntegerField(
        _("yearly cap reached"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("The rule's yearly cap, when it cut the points of this entry."),
    )
    source_type = models.ForeignKey(
        ContentType, models.PROTECT, null=True, blank=True, related_name="+"
    )
    source_id = models.PositiveBigIntegerField(null=True, blank=True)
    source_record = GenericForeignKey("source_type", "source_id")
    corrects = models.ForeignKey(
        "self",
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="corrections",
        verbose_name=_("corrects"),
        help_text=_("The entry an error report found wrong, which this entry corrects."),
    )
    history = History()

    objects = PointEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("point entry")
        verbose_name_plural = _("point entries")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "rule", "source_type", "source_id"],
                condition=Q(source_type__isnull=False),
                name="entry_once_per_source",
            ),
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(reject_reason=""),
                name="rejection_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["deputy", "state", "occurred_on"]),
            models.Index(fields=["state", "occurred_on"]),
            models.Index(fields=["source_type", "source_id"]),
            # The admin's list: its order, and its filter by where an entry came from.
            models.Index(fields=["-occurred_on", "-id"], name="entry_newest_first_idx"),
            models.Index(fields=["source", "occurred_on"]),
        ]

    def __str__(self):
        return f"{self.deputy} · {self.rule.name} · {self.occurred_on}"

    def _require_state(self, allowed, action):
        if self.state not in allowed:
            raise DomainError(
                _("An entry that is %(state)s cannot be %(action)s.")
                % {"state": self.get_state_display(), "action": action}
            )

    @property
    def points_label(self):
        """The points in words, with the yearly cap when it cut them: never a bare "+0"."""
        points = f"{self.points:+d}"
        if self.cap_reached is None:
            return gettext("%(points)s points") % {"points": points}
        return gettext("%(points)s points (yearly cap of %(cap)s points reached)") % {
            "points": points,
            "cap": self.cap_reached,
        }

    def count_points(self, points):
        """Count `points` (what the yearly cap leaves of the entry's), noting the cap if it cut."""
        self.cap_reached = self.rule.yearly_cap if points < self.points else None
        self.points = points

    def check_editable(self):
        self._require_state({self.State.PENDING}, _("changed"))

    def approve(self, by, points):
        self._require_state({self.State.PENDING}, _("approved"))
        self.state = self.State.APPROVED
        self.count_points(points)
        self.reviewed_by, self.reviewed_at = by, timezone.now()

    def reject(self, by, reason):
        self._require_state({self.State.PENDING}, _("rejected"))
        if not reason.strip():
            raise DomainError(_("Give the reason for the rejection."))
        self.state, self.reject_reason = self.State.REJECTED, reason.strip()
        self.reviewed_by, self.reviewed_at = by, timezone.now()

    def withdraw(self):
        """The deputy takes back a claim before it is reviewed."""
        self._require_state({self.State.PENDING}, _("withdrawn"))
        self.state = self.State.WITHDRAWN

    def revoke(self):
        """The record that earned this automatic entry no longer does."""
        self._require_automatic()
        self._require_state({self.State.APPROVED}, _("revoked"))
        self.state = self.State.WITHDRAWN

    def reinstate(self, points):
        """The record counts again (an attendance corrected back)."""
        self._require_automatic()
        self._require_state({self.State.WITHDRAWN}, _("reinstated"))
        self.state = self.State.APPROVED
        self.count_points(points)

    def delete(self, *args, **kwargs):
        if self.state == self.State.APPROVED:
            raise DomainError(APPROVED_NOT_DELETED)
        return super().delete(*args, **kwargs)

    def _require_automatic(self):
        if self.source != self.Source.AUTO:
            raise DomainError(_("Only automatic entries follow the record that earned them."))


class EntryPhoto(models.Model):
    street_path = "entry__deputy__street"
    deputy_path = "entry__deputy__user"

    entry = models.ForeignKey(
        PointEntry, models.CASCADE, related_name="photos", verbose_name=_("entry")
    )
    image = PrivateImageField(_("photo"), upload_to=PrivatePath("deputies/evidence"))

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("evidence photo")
        verbose_name_plural = _("evidence photos")

    def __str__(self):
        return self.image.name

    def get_image_url(self):
        return reverse("deputies:entry_photo", args=[self.pk])


class EntryFlag(ChoiceLabels, workflow.Workflow, models.Model):
    """A deputy's report of an error, duplicate or omission (错重漏) in a ledger entry.

    Staff decide on it once: raised → accepted, with a correcting entry that puts
    the points right (deputies.services.accept_flag), or → refused, with the reason.
    The deputy reads the decision beside the entry. Reports resolved before decisions
    were recorded keep their typed resolution as "resolved"."""

    street_path = "entry__deputy__street"
    deputy_path = "entry__deputy__user"

    class Kind(models.TextChoices):
        ERROR = "error", _("Error")
        DUPLICATE = "duplicate", _("Duplicate")
        OMISSION = "omission", _("Omission")

    class State(models.TextChoices):
        RAISED = "raised", _("Waiting for the committee's decision")
        ACCEPTED = "accepted", _("Accepted and corrected")
        REFUSED = "refused", _("Refused")
        RESOLVED = "resolved", _("Resolved")

    entry = models.ForeignKey(
        PointEntry, models.CASCADE, related_name="flags", verbose_name=_("entry")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    note = models.TextField(_("what is wrong"), max_length=bounds.NOTE_LENGTH)
    raised_at = models.DateTimeField(_("raised at"), auto_now_add=True)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.RAISED, editable=False
    )
    resolved_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    resolution = models.TextField(
        _("decision"), max_length=bounds.NOTE_LENGTH, blank=True, editable=False
    )
    correction = models.OneToOneField(
        PointEntry,
        models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="correcting_flag",
        verbose_name=_("correcting entry"),
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    REFUSED_STEP = _("An error report that is “%(state)s” cannot take the step “%(step)s”.")
    STEPS = workflow.Steps(
        workflow.Step(
            "accept",
            _("Accept and correct the points"),
            workflow.STAFF,
            {State.RAISED},
            form="deputies.forms.CorrectionForm",
            apply="deputies.services.accept_flag",
        ),
        workflow.Step(
            "refuse",
            _("Refuse, with the reason"),
            workflow.STAFF,
            {State.RAISED},
            form="deputies.forms.RefusalForm",
            apply="deputies.services.refuse_flag",
        ),
    )

    class Meta:
        verbose_name = _("error report")
        verbose_name_plural = _("error reports")
        ordering = ["-raised_at"]
        indexes = [models.Index(fields=["resolved_at"]), models.Index(fields=["state"])]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.entry}"

    def get_absolute_url(self):
        return reverse("deputies:flag_detail", args=[self.pk])

    def accept(self, at, correction, note=""):
        """Staff accept the report; `correction` is the entry that puts it right."""
        self._move("accept", self.State.ACCEPTED)
        self.correction, self.resolution, self.resolved_at = correction, note.strip(), at
        return self.resolution

    def refuse(self, at, reason):
        """Staff refuse the report, saying why."""
        if not reason.strip():
            raise DomainError(_("Give the reason for refusing the report."))
        self._move("refuse", self.State.REFUSED)
        self.resolution, self.resolved_at = reason.strip(), at
        return self.resolution


def with_shown_flags(entries):
    """Give each of `entries` (a page of a deputy's list) `shown_flags`, the errors
    reported on it, the oldest first, with what the list shows of their corrections: one
    query. Django's prefetch made a queryset for each entry, most of which have none."""
    flags = EntryFlag.objects.select_related("correction").order_by("raised_at").only(
        "entry", "kind", "raised_at", "state", "resolution",
        "correction__points", "correction__cap_reached", "correction__occurred_on",
    )  # fmt: skip
    return attach_list(entries, "shown_flags", flags, "entry")


class EntryFlagStep(workflow.StepTrail):
    """The trail of an error report's decision."""

    street_path = "flag__entry__deputy__street"
    record_field = "flag"

    flag = models.ForeignKey(
        EntryFlag, models.CASCADE, related_name="steps", verbose_name=_("error report")
    )
    from_state = models.CharField(_("from"), max_length=10, choices=EntryFlag.State.choices)
    to_state = models.CharField(_("to"), max_length=10, choices=EntryFlag.State.choices)

    class Meta(workflow.StepTrail.Meta):
        verbose_name = _("error report step")
        verbose_name_plural = _("error report steps")


class Activity(ChoiceLabels, models.Model):
    """A duty activity deputies are invited to: inspection, training, report-back..."""

    street_path = "street"

    class Kind(models.TextChoices):
        CONGRESS = "congress", _("Congress session")
        INSPECTION = "inspection", _("Inspection")
        RESEARCH = "research", _("Research")
        SYMPOSIUM = "symposium", _("Symposium")
        TRAINING = "training", _("Training")
        THEMED = "themed", _("Themed activity")
        THREE_INTO = "three_into", _("Three-into visit")
        REPORT_BACK = "report_back", _("Report-back")
        LAW_INSPECTION = "law_inspection", _("Law-enforcement inspection")
        APPRAISAL = "appraisal", _("Work appraisal")
        BRIEFING = "briefing", _("Briefing on the street's work")
        JOINT_MEETING = "joint_meeting", _("Joint meeting")
        JOINT_ACTIVITY = "joint_activity", _("Joint activity with other streets")
        MEDIATION = "mediation", _("Consultation and mediation")
        EPIDEMIC_DUTY = "epidemic_duty", _("Epidemic prevention duty")

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="activities", verbose_name=_("street")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    theme = models.CharField(_("theme"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=100)
    held_on = bounds.EventDateField(_("date"))
    starts_at = models.TimeField(
        _("starts at"),
        null=True,
        blank=True,
        help_text=_("Deputies check in from 30 minutes before."),
    )
    ends_at = models.TimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    outcome = models.TextField(_("outcome"), max_length=bounds.TEXT_LENGTH, blank=True)
    # Before ballots were counted (ReportBackBallot), staff typed the vote's result
    # here; kept, read-only, so those report-backs still read as they were recorded.
    evaluation = models.CharField(
        _("evaluation as typed earlier"),
        max_length=200,
        blank=True,
        editable=False,
        help_text=_("The vote's result as typed before ballots were counted."),
    )
    deputies = models.ManyToManyField(
        Deputy, through="Attendance", related_name="activities", verbose_name=_("deputies")
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["-held_on", "-pk"]
        indexes = [models.Index(fields=["street", "held_on"]), models.Index(fields=["kind"])]

    def __str__(self):
        return f"{self.held_on} {self.theme}"

    def get_absolute_url(self):
        return reverse("deputies:activity", args=[self.pk])

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("An activity must end after it starts.")})

    @property
    def check_in_code(self):
        """The eight digits the activity's QR code carries (and a deputy may type):
        derived from the activity with the portal's secret, so nothing is stored."""
        digest = salted_hmac("activity-check-in", str(self.pk)).hexdigest()
        return f"{int(digest, 16) % 10**8:08d}"

    def check_in_window(self):
        """(from, to): when deputies may check in by the code, in local time: from
        CHECK_IN_EARLY before the start to the end (the whole day without times)."""
        zone = timezone.get_current_timezone()
        starts = datetime.datetime.combine(self.held_on, self.starts_at or datetime.time.min)
        ends = datetime.datetime.combine(self.held_on, self.ends_at or datetime.time.max)
        if self.starts_at:
            starts -= CHECK_IN_EARLY
        return starts.replace(tzinfo=zone), ends.replace(tzinfo=zone)


CHECK_IN_EARLY = datetime.timedelta(minutes=30)


class ReportBackBallot(models.Model):
    """The constituents' evaluation vote (述职评议) on one deputy reporting back
    (述职) at a report-back activity: the voters present and the tally.

    Satisfaction rate (满意率) = (满意 + 基本满意) / voters present. Ballots not
    cast, blank or spoiled count against it, as leadership reads the rate of a
    whole meeting: a tally may fall short of the voters present, never exceed it."""

    street_path = "activity__street"
    deputy_path = "deputy__user"

    activity = models.ForeignKey(
        Activity,
        models.CASCADE,
        related_name="ballots",
        verbose_name=_("report-back"),
        limit_choices_to={"kind": Activity.Kind.REPORT_BACK},
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="report_back_ballots", verbose_name=_("deputy")
    )
    voters = models.PositiveIntegerField(_("voters present"))
    satisfied = models.PositiveIntegerField(_("satisfied"))
    basically_satisfied = models.PositiveIntegerField(_("basically satisfied"))
    dissatisfied = models.PositiveIntegerField(_("dissatisfied"))
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("report-back evaluation vote")
        verbose_name_plural = _("report-back evaluation votes")
        ordering = ["activity__held_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "deputy"], name="ballot_once_per_deputy"),
            models.CheckConstraint(
                condition=Q(
                    voters__gte=F("satisfied") + F("basically_satisfied") + F("dissatisfied")
                ),
                name="ballot_tally_within_voters",
                violation_error_message=_("The votes counted cannot exceed the voters present."),
            ),
        ]
        indexes = [models.Index(fields=["deputy", "activity"])]

    def __str__(self):
        return f"{self.deputy} · {self.activity}"

    @property
    def counted(self):
        return (self.satisfied or 0) + (self.basically_satisfied or 0) + (self.dissatisfied or 0)

    @property
    def satisfaction_rate(self):
        """(满意 + 基本满意) / voters present; None with no voters."""
        return satisfaction_rate(self.satisfied + self.basically_satisfied, self.voters)

    def clean(self):
        # The activity may be new and unsaved (the admin's inline on its page).
        activity, deputy = getattr(self, "activity", None), getattr(self, "deputy", None)
        if activity and activity.kind != Activity.Kind.REPORT_BACK:
            raise ValidationError(_("Evaluation votes are recorded for report-backs only."))
        if activity and deputy and deputy.street_id != activity.street_id:
            raise ValidationError({"deputy": _("The deputy must be of the activity's street.")})
        tally = (self.voters, self.satisfied, self.basically_satisfied, self.dissatisfied)
        if None not in tally and self.counted > self.voters:
            raise ValidationError(
                _(
                    "The votes counted (%(counted)s) exceed the %(voters)s voters present: "
                    "check the tally."
                )
                % {"counted": self.counted, "voters": self.voters}
            )


def satisfaction_rate(satisfied, voters):
    """满意率: the satisfied and basically satisfied among the voters present."""
    return satisfied / voters if voters else None


class ActivityPhoto(models.Model):
    street_path = "activity__street"
    deputy_path = "activity__attendances__deputy__user"

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="photos", verbose_name=_("activity")
    )
    image = PrivateImageField(_("photo"), upload_to=PrivatePath("deputies/activities"))

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("activity photo")
        verbose_name_plural = _("activity photos")

    def __str__(self):
        return self.image.name

    def get_image_url(self):
        return reverse("deputies:activity_photo", args=[self.pk])


def invited_deputy(user, attendance):
    """The invited deputy, from their own account."""
    return attendance.deputy.user_id is not None and attendance.deputy.user_id == user.pk


class Attendance(ChoiceLabels, workflow.Workflow, models.Model):
    """A deputy invited to an activity: their reply (attend, or leave asked for and
    approved or refused), and whether they came (checked in by the activity's code,
    or marked by staff). Its `status` moves only by its declared STEPS."""

    street_path = "activity__street"
    deputy_path = "deputy__user"

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Will attend")
        LEAVE_REQUESTED = "leave_requested", _("Leave requested")
        LEAVE_REFUSED = "leave_refused", _("Leave refused")
        ATTENDED = "attended", _("Attended")
        LEAVE = "leave", _("On approved leave")
        ABSENT = "absent", _("Absent without leave")

    # Expected at the activity: they may still check in, or be marked either way.
    EXPECTED = {Status.INVITED, Status.ACCEPTED, Status.LEAVE_REFUSED}
    REFUSED_STEP = _("An invitation that is “%(state)s” cannot take the step “%(step)s”.")
    STEPS = workflow.Steps(
        workflow.Step(
            "accept", _("I will attend"), invited_deputy, {Status.INVITED, Status.LEAVE_REFUSED}
        ),
        workflow.Step(
            "request_leave",
            _("Ask for leave"),
            invited_deputy,
            {Status.INVITED, Status.ACCEPTED},
            form="deputies.forms.LeaveForm",
        ),
        workflow.Step(
            "check_in",
            _("Check in"),
            invited_deputy,
            EXPECTED,
            form="deputies.forms.CheckInForm",
            apply="deputies.invitations.check_in",
        ),
        workflow.Step(
            "approve_leave",
            _("Approve the leave"),
            workflow.STAFF,
            {Status.LEAVE_REQUESTED},
            apply="deputies.invitations.approve_leave",
        ),
        workflow.Step(
            "refuse_leave",
            _("Refuse the leave"),
            workflow.STAFF,
            {Status.LEAVE_REQUESTED},
            form="deputies.forms.RefuseLeaveForm",
            apply="deputies.invitations.refuse_leave",
        ),
        workflow.Step(
            "mark_attended",
            _("Mark attended"),
            workflow.STAFF,
            EXPECTED | {Status.LEAVE_REQUESTED, Status.ABSENT},
            apply="deputies.invitations.mark_attended",
        ),
        workflow.Step(
            "mark_absent",
            _("Mark absent without leave"),
            workflow.STAFF,
            EXPECTED | {Status.LEAVE_REQUESTED},
            apply="deputies.invitations.mark_absent",
        ),
    )

    activity = models.ForeignKey(
        Activity, models.CASCADE, related_name="attendances", verbose_name=_("activity")
    )
    deputy = models.ForeignKey(
        Deputy, models.CASCADE, related_name="attendances", verbose_name=_("deputy")
    )
    status = models.CharField(
        _("attendance"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    leave_reason = models.TextField(
        _("reason for leave"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    leave_comment = models.TextField(
        _("why the leave was refused"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["activity", "deputy"], name="attendance_once")
        ]
        indexes = [models.Index(fields=["deputy", "status"])]

    def __str__(self):
        return f"{self.deputy} · {self.get_status_display()}"

    def get_absolute_url(self):
        return reverse("deputies:invitation", args=[self.pk])

    # The workflow's name for the field (congress_portal.workflow reads `state`).
    @property
    def state(self):
        return self.status

    @state.setter
    def state(self, value):
        self.status = value

    def get_state_display(self):
        return self.get_status_display()

    def accept(self, at):
        self._check_replies_open(at)
        self._move("accept", self.Status.ACCEPTED)

    def request_leave(self, reason, at):
        self._check_replies_open(at)
        if not reason.strip():
            raise DomainError(_("Give the reason for your leave."))
        self._move("request_leave", self.Status.LEAVE_REQUESTED)
        self.leave_reason = reason.strip()
        return self.leave_reason

    def _check_replies_open(self, at):
        """A deputy replies to an invitation until the activity ends."""
        if at > self.activity.check_in_window()[1]:
            raise DomainError(_("The activity is over: it no longer takes replies."))

    def decide_leave(self, approve, comment="", at=None):
        if approve:
            self._move("approve_leave", self.Status.LEAVE)
            return ""
        if not comment.strip():
            raise DomainError(_("Tell the deputy why the leave is refused."))
        self._move("refuse_leave", self.Status.LEAVE_REFUSED)
        self.leave_comment = comment.strip()
        return self.leave_comment

    def check_in(self, code, at):
        """The deputy checks in by the code shown at the activity, within its window."""
        self.check_step("check_in")
        if code.strip() != self.activity.check_in_code:
            raise DomainError(_("This is not the check-in code of this activity."))
        starts, ends = self.activity.check_in_window()
        if not starts <= at <= ends:
            raise DomainError(
                _("Check-in for this activity is open from %(starts)s to %(ends)s.")
                % {
                    "starts": formats.date_format(timezone.localtime(starts), "Y-m-d H:i"),
                    "ends": formats.date_format(timezone.localtime(ends), "Y-m-d H:i"),
                }
            )
        self._move("check_in", self.Status.ATTENDED)
        self.checked_in_at = at

    def mark(self, attended, at=None):
        if attended:
            self._move("mark_attended", self.Status.ATTENDED)
        else:
            self._move("mark_absent", self.Status.ABSENT)


class AttendanceStep(workflow.StepTrail):
    """The trail of an invitation's steps."""

    street_path = "attendance__activity__street"
    record_field = "attendance"

    attendance = models.ForeignKey(
        Attendance, models.CASCADE, related_name="steps", verbose_name=_("attendance")
    )
    from_state = models.CharField(_("from"), max_length=20, choices=Attendance.Status.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=Attendance.Status.choices)

    class Meta(workflow.StepTrail.Meta):
        verbose_name = _("invitation step")
        verbose_name_plural = _("invitation steps")


# The rule an activity's attendance earns, by attendance status and activity kind.
ATTENDANCE_RULES = {
    Attendance.Status.ATTENDED: {
        Activity.Kind.CONGRESS: RuleCode.CONGRESS_ATTENDANCE,
        Activity.Kind.INSPECTION: RuleCode.INSPECTION_RESEARCH,
        Activity.Kind.RESEARCH: RuleCode.INSPECTION_RESEARCH,
        Activity.Kind.LAW_INSPECTION: RuleCode.INSPECTION_RESEARCH,
        Activity.Kind.TRAINING: RuleCode.TRAINING,
        Activity.Kind.REPORT_BACK: RuleCode.REPORT_BACK,
    },
    Attendance.Status.ABSENT: {Activity.Kind.CONGRESS: RuleCode.CONGRESS_ABSENCE},
}
DEFAULT_ATTENDANCE_RULES = {
    Attendance.Status.ATTENDED: RuleCode.ACTIVITY,
    Attendance.Status.ABSENT: RuleCode.ACTIVITY_ABSENCE,
}
# The rules the portal awards by itself from the records it keeps (services.award):
# a station duty checked in, a visit received, a suggestion accepted, an activity
# attended or missed. Declared once here: deputies can never claim them.
AUTOMATIC_RULES = frozenset(
    [
        RuleCode.STATION_DUTY,
        RuleCode.RECEIVE_CONSTITUENTS,
        RuleCode.SUGGESTION_LEAD,
        RuleCode.SUGGESTION_COSIGN,
    ]
    + [code for kinds in ATTENDANCE_RULES.values() for code in kinds.values()]
    + list(DEFAULT_ATTENDANCE_RULES.values())
)


QUARTERS = [(1, _("Q1")), (2, _("Q2")), (3, _("Q3")), (4, _("Q4"))]


class PublishedQuarterQuerySet(StreetQuerySet):
    def readable_by(self, user):
        """The published rankings `user` may read: a reader's streets', a deputy's own
        street's (by the deputy record: a deputy's account may name no street)."""
        if user.role == Role.DEPUTY:
            return self.filter(street__in=Deputy.objects.filter(user=user).values("street"))
        return self.visible_to(user)

    def latest_of(self, street_id):
        """The street's last published quarter, or None."""
        return self.filter(street=street_id).order_by("-year", "-quarter").first()

    def open_from(self, street_id):
        """The first day of the street's ledger that may still change: the day after
        its last published quarter (None: nothing published yet)."""
        last = self.latest_of(street_id)
        return last and last.period.end + datetime.timedelta(days=1)


class PublishedQuarter(RenderedDocument):
    """A quarter's points ranking of a street, published (公布) by staff: from then on no
    claim, staff entry or approval may change the points of that quarter or before. The
    ranking is frozen into its `ranks` when it is published, and printed from them as
    a PDF in the background: later changes (points the portal still records by itself,
    a deputy who leaves) never alter a published list."""

    street_path = "street"
    render_task = "deputies.tasks.render_published_ranking"

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="published_quarters", verbose_name=_("street")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=QUARTERS)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("published by"),
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    pdf = PrivateFileField(
        _("PDF for printing"),
        upload_to=PrivatePath("deputies/rankings"),
        blank=True,
        editable=False,
    )

    objects = PublishedQuarterQuerySet.as_manager()

    class Meta:
        verbose_name = _("published quarter")
        verbose_name_plural = _("published quarters")
        ordering = ["street", "-year", "-quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["street", "year", "quarter"], name="quarter_published_once"
            )
        ]

    def __str__(self):
        return f"{self.street} · {self.period.label}"

    @property
    def period(self):
        return Period.quarter(self.year, self.quarter)

    @property
    def year_to_date(self):
        """From 1 January to the quarter's end: what the published ranking ranks by."""
        return Period(datetime.date(self.year, 1, 1), self.period.end, str(self.year))

    def get_absolute_url(self):
        return reverse("deputies:published_ranking", args=[self.pk])

    def get_pdf_url(self):
        return reverse("deputies:published_ranking_pdf", args=[self.pk])


class PublishedRank(models.Model):
    """One deputy's line of a published ranking, as it stood when it was published:
    the rank by the points of the year up to the quarter's end, those points and the
    quarter's. Written once, with the publication; never changed."""

    street_path = "published__street"

    published = models.ForeignKey(
        PublishedQuarter, models.CASCADE, related_name="ranks", verbose_name=_("published quarter")
    )
    # The deputy's name is kept: the list reads the same if the record is changed or removed.
    deputy = models.ForeignKey(
        Deputy, models.SET_NULL, null=True, related_name="+", verbose_name=_("deputy")
    )
    name = models.CharField(_("name"), max_length=50)
    rank = models.PositiveIntegerField(_("rank"))
    quarter_points = models.IntegerField(_("points in the quarter"))
    points = models.IntegerField(_("points this year to the quarter's end"))

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("published rank")
        verbose_name_plural = _("published ranks")
        ordering = ["published", "rank", "name", "pk"]
        indexes = [models.Index(fields=["published", "rank", "name"])]

    def __str__(self):
        return f"{self.rank}. {self.name} · {self.points}"


class WarningRules(models.Model):
    """The early-warning thresholds staff set: which deputies are falling behind
    and should get a reminder (履职提醒). The district's row (no street) holds for
    every street that has no row of its own."""

    street_path = "street"
    district_rows_shared = True

    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("street"),
        help_text=_(
            "Empty: the district's thresholds. A street's own thresholds override them there."
        ),
    )
    min_points = models.PositiveSmallIntegerField(
        _("minimum points so far this year"),
        default=20,
        help_text=_("Deputies with fewer approved points since 1 January are listed."),
    )
    months_without_duty = models.PositiveSmallIntegerField(
        _("months without station duty"),
        default=6,
        help_text=_("Deputies with no approved station duty for this many months are listed."),
    )
    history = History()

    class Meta:
        verbose_name = _("early-warning rules")
        verbose_name_plural = _("early-warning rules")
        constraints = [
            models.UniqueConstraint(
                fields=["street"],
                name="warning_rules_once_per_street",
                violation_error_message=_("This street already has its early-warning rules."),
            ),
            models.UniqueConstraint(
                Coalesce("street", 0),
                condition=Q(street__isnull=True),
                name="warning_rules_once_in_district",
                violation_error_message=_("The district already has its early-warning rules."),
            ),
        ]

    def __str__(self):
        return str(self._meta.verbose_name)

    @classmethod
    def current(cls):
        """The district's thresholds."""
        return cls.objects.get_or_create(street=None)[0]

    @classmethod
    def in_force(cls):
        """{street id: the thresholds in force there}, for every street: its own
        row if it has one, else the district's. One query."""
        rows = {rules.street_id: rules for rules in cls.objects.all()}
        district = rows.get(None) or cls.current()
        return defaultdict(lambda: district, rows)


class WarningReason(models.TextChoices):
    """The early-warning rules (`warnings.at_risk`) a reminder letter is issued for."""

    LOW_POINTS = "low_points", _("Too few points this year")
    NO_STATION_DUTY = "no_station_duty", _("No station duty for months")
    CONGRESS_ABSENCE = "congress_absence", _("Absent from the congress session without leave")


# A reminder letter's period: a quarter, "2026-Q3".
PERIOD_PATTERN = r"^(20\d\d)-Q([1-4])$"


def validate_period_year(period):
    """A period's year is one that may have happened: not after next year."""
    if matched := re.match(PERIOD_PATTERN, period):
        bounds.event_year(int(matched[1]))


def quarter_of(day):
    """The period ("2026-Q3") of the quarter holding `day`."""
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_ends(after, before):
    """The last days of the quarters that end after `after` (a day) and before `before`."""
    end = Period.quarter_holding(after + datetime.timedelta(days=1)).end
    while end < before:
        yield end
        end = Period.quarter_holding(end + datetime.timedelta(days=1)).end


class LetterRound(models.Model):
    """One quarter's reminder letters, issued for every street once the quarter has
    ended. The daily run knows by these which quarters are done, and does every one
    it missed (a database outage longer than its retries, a stopped beat)."""

    street_path = None

    period = models.CharField(_("quarter"), max_length=7, unique=True)
    quarter_ended = bounds.EventDateField(_("quarter ended on"))
    issued_at = models.DateTimeField(_("issued at"))
    letters = models.PositiveIntegerField(_("letters issued"))

    class Meta:
        verbose_name = _("round of reminder letters")
        verbose_name_plural = _("rounds of reminder letters")
        ordering = ["-quarter_ended"]

    def __str__(self):
        return self.period


class ReminderLetterQuerySet(StreetQuerySet):
    def for_section(self):
        """What deputies/letters_section.html shows of a letter (a letter's row is
        wide), and the key to the deputy, which Django reads on every row the deputy's
        related manager fetches."""
        return self.select_related("street").only(
            "deputy", "street__name", "year", "sequence", "period", "reason", "detail",
            "acknowledged_at", "pdf",
        )  # fmt: skip


class ReminderLetter(ChoiceLabels, models.Model):
    """A reminder letter (履职提醒函) to a deputy that an early-warning rule flags.

    At most one per deputy, rule and quarter, whoever issues it how many times.
    Delivery: pending → rendered (the PDF exists) → sending (claimed by one
    worker) → sent, failed (with the error) or portal (no email address: the
    deputy reads it in the portal). `attempted_at` is written just before the
    mail server is called: a worker that dies after it leaves the letter
    unconfirmed (it may have gone out), never sent again without a person."""

    street_path = "street"
    deputy_path = "deputy__user"

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be rendered")
        RENDERED = "rendered", _("Rendered, waiting to be sent")
        SENDING = "sending", _("Being sent")
        UNCONFIRMED = "unconfirmed", _("May have been emailed (unconfirmed)")
        SENT = "sent", _("Emailed")
        PORTAL = "portal", _("In the portal only (no email address)")
        FAILED = "failed", _("Failed")

    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="reminder_letters", verbose_name=_("deputy")
    )
    street = models.ForeignKey(
        Street,
        models.PROTECT,
        related_name="reminder_letters",
        verbose_name=_("street"),
        help_text=_("The committee that issues the letter and numbers it."),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=WarningReason.choices)
    detail = models.CharField(
        _("finding"),
        max_length=200,
        blank=True,
        help_text=_("What the early warning found when the letter was issued."),
    )
    period = models.CharField(
        _("period"),
        max_length=7,
        validators=[
            RegexValidator(PERIOD_PATTERN, _("Give the quarter as 2026-Q3.")),
            validate_period_year,
        ],
        help_text=_("The quarter, e.g. 2026-Q3."),
    )
    year = models.PositiveSmallIntegerField(_("year of issue"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence number"), editable=False)
    state = models.CharField(
        _("state"), max_length=11, choices=State.choices, default=State.PENDING
    )
    pdf = PrivateFileField(
        _("PDF"), upload_to=PrivatePath("deputies/letters"), blank=True, editable=False
    )
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True, editable=False)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, editable=False)
    sending_at = models.DateTimeField(_("sending since"), null=True, blank=True, editable=False)
    attempted_at = models.DateTimeField(
        _("handed to the mail server at"), null=True, blank=True, editable=False
    )
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True, editable=False)
    error = models.TextField(
        _("delivery error"), max_length=bounds.TEXT_LENGTH, blank=True, editable=False
    )
    acknowledged_at = models.DateTimeField(
        _("acknowledged at"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("issued by"),
        help_text=_("Empty: issued by the scheduled early warning."),
    )
    created_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    objects = ReminderLetterQuerySet.as_manager()

    class Meta:
        verbose_name = _("reminder letter")
        verbose_name_plural = _("reminder letters")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["deputy", "reason", "period"], name="reminder_once_per_reason_and_period"
            ),
            models.UniqueConstraint(
                fields=["street", "year", "sequence"], name="reminder_number_unique"
            ),
        ]
        indexes = [
            models.Index(fields=["street", "period"]),
            models.Index(fields=["state", "queued_at"]),
            models.Index(fields=["reason"]),
        ]

    def __str__(self):
        return self.number

    @property
    def message_id(self):
        """The same Message-ID whenever the letter is emailed, so that a repeat
        is recognisable as the same message."""
        domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip(" >") or "localhost"
        return f"<reminder-letter-{self.pk}@{domain}>"

    @property
    def number(self):
        """The document number, e.g. 青石街道〔2026〕3号."""
        return _("%(street)s [%(year)s] No. %(sequence)s") % {
            "street": self.street.name,
            "year": self.year,
            "sequence": self.sequence,
        }

    def get_pdf_url(self):
        return reverse("deputies:letter_pdf", args=[self.pk])

    @property
    def period_label(self):
        year, quarter = self.period.split("-Q")
        return Period.quarter(int(year), int(quarter)).label


class ThankYouBatch(RenderedDocument):
    """Thank-you letters (感谢信) to the employers of the deputies staff chose,
    for one year: one PDF per letter and one combined PDF for printing."""

    street_path = "street"
    file_field = "combined_pdf"
    render_task = "deputies.tasks.render_thank_you_letters"

    street = models.ForeignKey(
        Street,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="thank_you_batches",
        verbose_name=_("street"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    combined_pdf = PrivateFileField(
        _("PDF for printing"), upload_to=PrivatePath("deputies/thanks"), blank=True, editable=False
    )
    # The base's field as first migrated here (blank, moot when not editable): no migration.
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("thank-you letters")
        verbose_name_plural = _("thank-you letters")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["street", "created_at"])]

    def __str__(self):
        return _("Thank-you letters %(year)s (%(count)s)") % {
            "year": self.year,
            "count": self.letters.count(),
        }

    def get_combined_pdf_url(self):
        return reverse("deputies:thank_you_combined_pdf", args=[self.pk])


class ThankYouLetter(models.Model):
    """One thank-you letter, with the figures it quotes frozen when it was requested."""

    street_path = "batch__street"

    batch = models.ForeignKey(
        ThankYouBatch, models.CASCADE, related_name="letters", verbose_name=_("batch")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="thank_you_letters", verbose_name=_("deputy")
    )
    employer = models.CharField(_("employer"), max_length=100)
    points = models.IntegerField(_("points"))
    activities = models.PositiveIntegerField(_("activities attended"))
    pdf = PrivateFileField(
        _("PDF"), upload_to=PrivatePath("deputies/thanks"), blank=True, editable=False
    )

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("thank-you letter")
        verbose_name_plural = _("thank-you letters")
        ordering = ["batch", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "deputy"], name="thanks_once_per_batch")
        ]

    def __str__(self):
        return f"{self.employer} · {self.deputy}"

    def get_pdf_url(self):
        return reverse("deputies:thank_you_letter_pdf", args=[self.pk])
