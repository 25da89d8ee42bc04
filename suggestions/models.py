from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Count, F, Q, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds, workflow
from congress_portal.audit import History
from congress_portal.errors import DomainError
from congress_portal.files import PrivateFileField, PrivatePath, basename
from congress_portal.ledgers import attach_list
from congress_portal.models import ChoiceLabels, Evaluation, HandlingUnit, Street
from congress_portal.roles import Role
from congress_portal.scoping import StreetQuerySet
from congress_portal.uploads import validate_document
from congress_portal.workdays import add_working_days
from deputies.models import Deputy, Term
from liaison_stations.models import Visit

from . import deadlines


class CongressSession(models.Model):
    """A yearly session (次会议) of a term; suggestions are numbered per session.
    Suggestions between two sessions (闭会建议) belong to the one before."""

    street_path = None

    term = models.ForeignKey(Term, models.PROTECT, related_name="sessions", verbose_name=_("term"))
    number = models.PositiveSmallIntegerField(_("session number"))
    opens_on = bounds.PlannedDateField(_("opens on"))
    closes_on = bounds.PlannedDateField(_("closes on"))

    class Meta:
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")
        ordering = ["-opens_on"]
        constraints = [
            models.UniqueConstraint(fields=["term", "number"], name="session_unique_per_term")
        ]

    def __str__(self):
        return gettext("%(term)s, session %(number)s") % {"term": self.term, "number": self.number}

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A session cannot close before it opens.")})

    def kind_on(self, day):
        """大会建议 while the session sits, 闭会建议 afterwards."""
        if self.opens_on <= day <= self.closes_on:
            return Suggestion.Kind.DURING_SESSION
        return Suggestion.Kind.BETWEEN_SESSIONS


class SuggestionQuerySet(StreetQuerySet):
    def visible_to(self, user):
        """Staff and leadership: their streets' suggestions; a deputy: those they
        lead or were asked to co-sign."""
        rows = super().visible_to(user)
        return rows.involving(user) if user.role == Role.DEPUTY else rows

    def running(self):
        """Suggestions whose answer deadline is running."""
        return self.filter(state__in=Suggestion.DEADLINE_RUNNING)

    def overdue(self, today):
        return self.running().filter(deadline__lt=today)

    def with_signal(self, today):
        """Annotate `time_left`: the traffic light (三色督办) of the time left to answer."""
        return self.annotate(
            time_left=Case(
                When(~Q(state__in=Suggestion.DEADLINE_RUNNING) | Q(deadline=None), then=Value("")),
                default=Signal.case("deadline", today),
            )
        )

    def signal_counts(self, today):
        """{signal: how many} of the running suggestions among these. The CASE reads the
        deadline alone (running() already holds the states), so that the count is an
        index-only scan of the running suggestions' partial index."""
        light = Case(When(deadline=None, then=Value("")), default=Signal.case("deadline", today))
        rows = self.running().order_by().annotate(light=light).values_list("light")
        return dict(rows.annotate(count=Count("pk")))

    def for_ledger(self):
        """With the lead deputy and the session; with_ledger_lists() adds what a
        ledger row lists."""
        return self.select_related("lead", "session__term")

    def for_rows(self):
        """What a row of the ledger and the traffic light shows (suggestions/rows.html),
        of a suggestion's 32 columns; with_ledger_lists() adds its lists. A column
        left out would cost a query a row (the pages' tests count them)."""
        return self.select_related("lead").only(
            "number", "title", "kind", "state", "deadline", "answer_class", "evaluation",
            "key_supervisor", "on_paper", "lead__name",
        )  # fmt: skip

    def involving(self, deputy_user):
        """Suggestions the account's deputy leads or was asked to co-sign."""
        return self.led_or_cosigned(
            Suggestion.objects.filter(lead__user=deputy_user),
            CoSignature.objects.filter(deputy__user=deputy_user),
        )

    def led_or_cosigned(self, led, cosignatures):
        """Those among `led` or with one of `cosignatures`: one UNION, which indexes
        serve (an OR of the two conditions makes PostgreSQL scan every suggestion)."""
        led, cosigned = led.values("pk").order_by(), cosignatures.values("suggestion").order_by()
        return self.filter(pk__in=led.union(cosigned))


class Signal(models.TextChoices):
    """Time left to answer, for the traffic-light view."""

    GREEN = "green", _("More than 30 days left")
    AMBER = "amber", _("30 days or less left")
    RED = "red", _("14 days or less left")
    OVERDUE = "overdue", _("Overdue")

    @classmethod
    def case(cls, field, today):
        """`of` in SQL, for the date in `field`."""
        return Case(
            When(**{f"{field}__lt": today}, then=Value(cls.OVERDUE)),
            When(**{f"{field}__lte": today + deadlines.RED_WITHIN}, then=Value(cls.RED)),
            When(**{f"{field}__lte": today + deadlines.AMBER_WITHIN}, then=Value(cls.AMBER)),
            default=Value(cls.GREEN),
            output_field=models.CharField(),
        )

    @classmethod
    def of(cls, deadline, today):
        if deadline < today:
            return cls.OVERDUE
        if deadline <= today + deadlines.RED_WITHIN:
            return cls.RED
        if deadline <= today + deadlines.AMBER_WITHIN:
            return cls.AMBER
        return cls.GREEN


STAFF = workflow.STAFF


def lead_deputy(user, suggestion):
    """The suggestion's lead deputy, from their own account."""
    return suggestion.lead.user_id is not None and suggestion.lead.user_id == user.pk


def lead_or_staff_on_paper(user, suggestion):
    """The lead deputy; for a suggestion handed in on paper, also the committee staff,
    on the deputy's behalf (the step trail names them)."""
    if user.role == Role.STAFF:
        return suggestion.on_paper
    return lead_deputy(user, suggestion)


def unit_part(role=None):
    """Who takes a unit's step: committee staff (for a unit that works on paper; the
    step trail names them), or the account of a unit with an active part (of `role`:
    "lead" or "co", UnitAssignment.Role)."""

    def who(user, suggestion):
        if user.role == Role.STAFF:
            return True
        if user.role != Role.UNIT:
            return False
        parts = suggestion.assignments.filter(unit=user.handling_unit_id, returned_on=None)
        return parts.filter(role=role).exists() if role else parts.exists()

    return who


def lead_unit(user, suggestion):
    """The lead unit's own account: it drafts the answer that staff review."""
    return user.role == Role.UNIT and unit_part("lead")(user, suggestion)


class Suggestion(ChoiceLabels, workflow.Workflow, models.Model):
    """A deputy's suggestion (代表建议), from the draft to the end of its handling."""

    street_path = "street"
    unit_path = "assignments__unit"  # what a handling unit's account sees (scoping.unit_rows)

    class Kind(models.TextChoices):
        DURING_SESSION = "during", _("Suggestion during the session")
        BETWEEN_SESSIONS = "between", _("Suggestion between sessions")

    class Category(models.TextChoices):
        URBAN = "urban", _("Urban construction and traffic")
        ECONOMY = "economy", _("Economic development")
        SOCIAL = "social", _("Education, culture and health")
        LIVELIHOOD = "livelihood", _("Livelihood and social security")
        ENVIRONMENT = "environment", _("Ecology and environment")
        GOVERNANCE = "governance", _("Social governance")
        OTHER = "other", _("Other")

    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        RETURNED = "returned", _("Returned for revision")
        ACCEPTED = "accepted", _("Accepted, awaiting assignment")
        OPINION = "opinion", _("Converted to an opinion")
        ASSIGNED = "assigned", _("Being handled")
        REVIEWING = "reviewing", _("Answer awaiting review")
        ANSWERED = "answered", _("Answered, awaiting evaluation")
        REHANDLING = "rehandling", _("Being handled again")
        FOLLOW_UP = "follow_up", _("In follow-up")
        CLOSED = "closed", _("Closed")

    class AnswerClass(models.TextChoices):
        A = "A", _("A: solved or mostly solved")
        B = "B", _("B: being solved or in plan")
        C = "C", _("C: to be solved when conditions allow")
        D = "D", _("D: kept for reference or explained")

    Evaluation = Evaluation

    EDITABLE = {State.DRAFT, State.RETURNED}
    DEADLINE_RUNNING = {State.ASSIGNED, State.REHANDLING}
    ANSWERED_ONCE = {State.ANSWERED, State.REHANDLING, State.FOLLOW_UP, State.CLOSED}
    IN_HANDS_OF_UNITS = {
        State.ASSIGNED,
        State.REVIEWING,
        State.ANSWERED,
        State.REHANDLING,
        State.FOLLOW_UP,
    }
    FOLLOWED_UP_CLASSES = {AnswerClass.B, AnswerClass.C}
    # Between the unit and the committee: the deputy sees the answer once released.
    REVIEW_STEPS = {"submit_answer", "return_answer"}
    CONTENT_FIELDS = ["title", "kind", "session", "category", "reasons", "proposals"]

    REFUSED_STEP = _("A suggestion that is “%(state)s” cannot take the step “%(step)s”.")
    # Each step: a method below, or a service when it spans rows.
    STEPS = workflow.Steps(
        workflow.Step("submit", _("Submit for review"), lead_or_staff_on_paper, EDITABLE),
        workflow.Step(
            "return_for_revision",
            _("Return for revision"),
            STAFF,
            {State.SUBMITTED},
            form="suggestions.forms.CommentForm",
        ),
        workflow.Step(
            "accept",
            _("Accept and number"),
            STAFF,
            {State.SUBMITTED},
            apply="suggestions.services.accept",
        ),
        workflow.Step(
            "convert_to_opinion",
            _("Convert to an opinion"),
            STAFF,
            {State.SUBMITTED},
            form="suggestions.forms.ReasonForm",
        ),
        workflow.Step(
            "assign",
            _("Assign to handling units"),
            STAFF,
            {State.ACCEPTED},
            form="suggestions.forms.AssignForm",
            apply="suggestions.services.assign",
        ),
        workflow.Step(
            "sign_for",
            _("Sign for receipt"),
            unit_part(),
            DEADLINE_RUNNING,
            form="suggestions.forms.SignForForm",
            apply="suggestions.services.sign_for",
        ),
        workflow.Step(
            "give_back",
            _("A unit returns the assignment"),
            unit_part(),
            {State.ASSIGNED},
            form="suggestions.forms.GiveBackForm",
            apply="suggestions.services.give_back",
        ),
        workflow.Step(
            "file_view",
            _("Record a co-handling unit's view"),
            unit_part("co"),
            {State.ASSIGNED},
            form="suggestions.forms.ViewForm",
            apply="suggestions.services.file_view",
        ),
        workflow.Step(
            "request_extension",
            _("Ask for an extension"),
            lead_unit,
            {State.ASSIGNED},
            form="suggestions.forms.ExtendForm",
        ),
        workflow.Step(
            "extend",
            _("Extend the deadline"),
            STAFF,
            {State.ASSIGNED},
            form="suggestions.forms.ExtendForm",
        ),
        workflow.Step(
            "refuse_extension",
            _("Refuse the extension"),
            STAFF,
            {State.ASSIGNED},
            form="suggestions.forms.ReasonForm",
        ),
        workflow.Step(
            "submit_answer",
            _("Submit the answer for review"),
            lead_unit,
            DEADLINE_RUNNING,
            form="suggestions.forms.UnitAnswerForm",
            apply="suggestions.services.submit_answer",
        ),
        workflow.Step(
            "release",
            _("Release the answer to the deputy"),
            STAFF,
            {State.REVIEWING},
            apply="suggestions.services.release",
        ),
        workflow.Step(
            "return_answer",
            _("Return the answer to the unit"),
            STAFF,
            {State.REVIEWING},
            form="congress_portal.forms.ImproveForm",
            apply="suggestions.services.return_answer",
        ),
        workflow.Step(
            "answer",
            _("Record the answer"),
            STAFF,
            DEADLINE_RUNNING,
            form="suggestions.forms.AnswerForm",
            apply="suggestions.services.answer",
        ),
        workflow.Step(
            "evaluate",
            _("Evaluate the answer"),
            lead_or_staff_on_paper,  # on paper: staff record the deputy's evaluation form
            {State.ANSWERED},
            form="suggestions.forms.EvaluationForm",
            apply="suggestions.services.evaluate",
        ),
        workflow.Step("mark_solved", _("Mark as solved"), STAFF, {State.FOLLOW_UP}),
        workflow.Step(
            "mark_key",
            _("Put under key supervision"),
            STAFF,
            IN_HANDS_OF_UNITS | {State.ACCEPTED},
            form="suggestions.forms.KeySupervisionForm",
        ),
    )

    street = models.ForeignKey(
        Street, models.PROTECT, related_name="suggestions", verbose_name=_("street")
    )
    session = models.ForeignKey(
        CongressSession, models.PROTECT, related_name="suggestions", verbose_name=_("session")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    reasons = models.TextField(_("reasons (案由)"), max_length=bounds.LONG_TEXT_LENGTH)
    proposals = models.TextField(_("proposals"), max_length=bounds.LONG_TEXT_LENGTH)
    lead = models.ForeignKey(
        Deputy, models.PROTECT, related_name="suggestions_led", verbose_name=_("lead deputy")
    )
    cosigners = models.ManyToManyField(
        Deputy,
        through="CoSignature",
        related_name="suggestions_cosigned",
        verbose_name=_("co-signers"),
    )
    visits = models.ManyToManyField(
        Visit,
        blank=True,
        related_name="suggestions",
        verbose_name=_("from constituent visits"),
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.DRAFT)
    review_comment = models.TextField(
        _("review comments"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    opinion_reason = models.TextField(
        _("reason for converting to an opinion"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    submitted_on = bounds.EventDateField(_("submitted on"), null=True, blank=True)
    accepted_on = bounds.EventDateField(_("accepted on"), null=True, blank=True)
    assigned_on = bounds.EventDateField(_("assigned on"), null=True, blank=True)
    deadline = bounds.EventDateField(_("answer deadline"), null=True, blank=True)
    extension_months = models.PositiveSmallIntegerField(_("extended by months"), default=0)
    extension_reason = models.TextField(
        _("reason for the extension"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    # The lead unit's request, until staff extend the deadline or refuse.
    extension_requested = models.PositiveSmallIntegerField(
        _("extension asked for (months)"), default=0
    )
    first_answered_on = bounds.EventDateField(_("first answered on"), null=True, blank=True)
    answered_on = bounds.EventDateField(_("answered on"), null=True, blank=True)
    answer_class = models.CharField(
        _("answer class"), max_length=1, choices=AnswerClass.choices, blank=True
    )
    evaluation = models.CharField(
        _("evaluation"), max_length=12, choices=Evaluation.choices, blank=True
    )
    first_evaluation = models.CharField(
        _("first-time evaluation"), max_length=12, choices=Evaluation.choices, blank=True
    )
    times_rehandled = models.PositiveSmallIntegerField(_("times handled again"), default=0)
    solved_on = bounds.EventDateField(_("solved on"), null=True, blank=True)
    closed_on = bounds.EventDateField(_("closed on"), null=True, blank=True)
    key_supervisor = models.CharField(
        _("key supervision by"),
        max_length=100,
        blank=True,
        help_text=_("The leader who supervises this key suggestion (重点督办)."),
    )
    # Handed in on paper and entered by committee staff (created_by) on the lead
    # deputy's behalf: staff revise and submit it, its co-signers signed the paper.
    on_paper = models.BooleanField(
        _("entered on paper"),
        default=False,
        editable=False,
        help_text=_("Handed in on paper and entered by the committee staff for the deputy."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    history = History(excluded_fields=["created_at"])

    objects = SuggestionQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-session__opens_on", "number", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"], name="suggestion_number_unique_per_session"
            )
        ]
        indexes = [
            models.Index(fields=["street", "session", "number"]),
            models.Index(fields=["street", "state", "deadline"]),
            models.Index(fields=["street", "kind"]),
            models.Index(fields=["street", "answer_class"]),
            models.Index(fields=["street", "evaluation"]),
            models.Index(fields=["state", "deadline"]),
            # The ledger's pages: how many suggestions each session holds, index-only.
            models.Index(fields=["session", "state"], name="suggestion_session_state_idx"),
            # The traffic light: the running suggestions soonest due first, and counted by
            # time left, read in deadline order (DEADLINE_RUNNING's states).
            models.Index(
                fields=["deadline", "id"],
                condition=models.Q(state__in=["assigned", "rehandling"]),
                name="suggestion_running_due_idx",
            ),
            models.Index(
                fields=["street", "deadline", "id"],
                condition=models.Q(state__in=["assigned", "rehandling"]),
                name="suggestion_street_running_idx",
            ),
            # The suggestions in units' hands (IN_HANDS_OF_UNITS), which the traffic light's
            # late views are joined to: a small index, where the table is read otherwise.
            models.Index(
                fields=["id"],
                condition=models.Q(
                    state__in=["answered", "assigned", "follow_up", "rehandling", "reviewing"]
                ),
                name="suggestion_in_hands_idx",
            ),
        ]

    def __str__(self):
        if self.number:
            return f"{self.display_number} {self.title}"
        return self.title

    @property
    def display_number(self):
        return _("No. %(number)s") % {"number": self.number} if self.number else ""

    @property
    def key_supervised(self):
        return bool(self.key_supervisor)

    @property
    def solved(self):
        return self.answer_class == self.AnswerClass.A or self.solved_on is not None

    @property
    def lead_part(self):
        """The active lead unit's part (needs with_ledger_lists())."""
        return next((p for p in self.unit_parts if p["role"] == UnitAssignment.Role.LEAD), None)

    @property
    def co_parts(self):
        return [p for p in self.unit_parts if p["role"] == UnitAssignment.Role.CO]

    @property
    def answer_round(self):
        """The round of handling its current answer belongs to (2 after one 不满意)."""
        return self.times_rehandled + 1

    def signal(self, today):
        if self.state not in self.DEADLINE_RUNNING or self.deadline is None:
            return ""
        return Signal.of(self.deadline, today)

    def is_overdue(self, today):
        return self.signal(today) == Signal.OVERDUE

    def check_editable(self):
        if self.state not in self.EDITABLE:
            raise DomainError(
                _("Only a draft or a returned suggestion can be edited; this one is “%(state)s”.")
                % {"state": self.get_state_display()}
            )

    def submit(self, at=None):
        self._move("submit", self.State.SUBMITTED)
        self.submitted_on = timezone.localdate(at)
        if self.on_paper:
            return _("Handed in on paper; entered by the committee staff for %(name)s.") % {
                "name": self.lead.name
            }
        return ""

    def return_for_revision(self, comment, at=None):
        if not comment.strip():
            raise DomainError(_("Tell the deputy what to revise."))
        self._move("return_for_revision", self.State.RETURNED)
        self.review_comment = comment.strip()
        return comment

    def accept(self, number, pending_cosigners, at=None):
        """Numbered on acceptance; every invited co-signer must have answered first."""
        if pending_cosigners:
            raise DomainError(
                _("Waiting for co-signers to confirm: %(names)s.")
                % {"names": "、".join(pending_cosigners)}
            )
        self._move("accept", self.State.ACCEPTED)
        self.number, self.accepted_on = number, timezone.localdate(at)

    def convert_to_opinion(self, reason, at=None):
        if not reason.strip():
            raise DomainError(_("Give the reason for converting it to an opinion."))
        self._move("convert_to_opinion", self.State.OPINION)
        self.opinion_reason, self.closed_on = reason.strip(), timezone.localdate(at)
        return reason

    def assign(self, at=None):
        self._move("assign", self.State.ASSIGNED)
        self.assigned_on = timezone.localdate(at)
        self.deadline = deadlines.add_months(self.assigned_on, deadlines.ANSWER_MONTHS)
        self.extension_months, self.extension_reason, self.extension_requested = 0, "", 0

    def unassign(self, at=None):
        """The lead unit gave it back: it waits to be assigned again."""
        self._move("give_back", self.State.ACCEPTED)
        self.assigned_on = self.deadline = None

    def request_extension(self, months, reason, at=None):
        """The lead unit asks; staff extend the deadline or refuse."""
        self._check_extension("request_extension", months, reason)
        if self.extension_requested:
            raise DomainError(_("An extension has already been asked for."))
        self.extension_requested, self.extension_reason = months, reason.strip()
        return reason

    def extend(self, months, reason, at=None):
        self._check_extension("extend", months, reason)
        self.deadline = deadlines.add_months(self.assigned_on, deadlines.ANSWER_MONTHS + months)
        self.extension_months, self.extension_reason = months, reason.strip()
        self.extension_requested = 0
        return reason

    def refuse_extension(self, reason, at=None):
        self.check_step("refuse_extension")
        if not self.extension_requested:
            raise DomainError(_("No extension has been asked for."))
        if not reason.strip():
            raise DomainError(_("Give the reason for refusing."))
        self.extension_requested, self.extension_reason = 0, ""
        return reason

    def _check_extension(self, step, months, reason):
        self.check_step(step)
        if self.extension_months:
            raise DomainError(_("The deadline has already been extended once."))
        if not 1 <= months <= deadlines.MAX_EXTENSION_MONTHS:
            raise DomainError(
                _("An extension is of 1 to %(months)s months.")
                % {"months": deadlines.MAX_EXTENSION_MONTHS}
            )
        if not reason.strip():
            raise DomainError(_("Give the reason for the extension."))

    def answer(self, answer_class, answered_on, at=None):
        """Staff record the answer of a unit that works on paper: released at once."""
        self.check_step("answer")
        self._answered("answer", answer_class, answered_on, at)

    def submit_answer(self, answered_on, met_on, at=None):
        """The lead unit's answer goes to staff for review."""
        self.check_step("submit_answer")
        self._check_answer_date(answered_on, at)
        if met_on > answered_on:
            raise DomainError(_("The meeting with the deputy cannot be dated after the answer."))
        self._move("submit_answer", self.State.REVIEWING)

    def release(self, answer_class, answered_on, at=None):
        """Staff release the reviewed answer: the deputy evaluates it."""
        self._answered("release", answer_class, answered_on, at)

    def return_answer(self, at=None):
        """Staff send the answer back to the unit to improve, its deadline running on."""
        again = self.State.REHANDLING if self.times_rehandled else self.State.ASSIGNED
        self._move("return_answer", again)

    def _check_answer_date(self, answered_on, at):
        if answered_on > timezone.localdate(at):
            raise DomainError(_("The answer cannot be dated in the future."))
        if answered_on < self.assigned_on:
            raise DomainError(_("The answer cannot be dated before the assignment."))

    def _answered(self, step, answer_class, answered_on, at):
        self._check_answer_date(answered_on, at)
        self._move(step, self.State.ANSWERED)
        self.answer_class, self.answered_on = answer_class, answered_on
        self.first_answered_on = self.first_answered_on or answered_on

    def evaluate(self, evaluation, at=None):
        """The lead deputy's evaluation. 不满意 sends it back to be handled again
        within a month; otherwise B and C answers stay in follow-up until solved."""
        today = timezone.localdate(at)
        if evaluation == self.Evaluation.UNSATISFIED:
            self._move("evaluate", self.State.REHANDLING)
            self.answer_class = ""  # the answer was not accepted: nothing counts as solved yet
            self.times_rehandled += 1
            self.deadline = deadlines.add_months(today, deadlines.REHANDLING_MONTHS)
        elif self.answer_class in self.FOLLOWED_UP_CLASSES:
            self._move("evaluate", self.State.FOLLOW_UP)
        else:
            self._move("evaluate", self.State.CLOSED)
            self.closed_on = today
        self.evaluation = evaluation
        self.first_evaluation = self.first_evaluation or evaluation

    def mark_solved(self, at=None):
        self._move("mark_solved", self.State.CLOSED)
        self.solved_on = self.closed_on = timezone.localdate(at)

    def mark_key(self, supervisor, at=None):
        if not supervisor.strip():
            raise DomainError(_("Name the leader who supervises it."))
        self.check_step("mark_key")
        self.key_supervisor = supervisor.strip()
        return supervisor


class CoSignature(models.Model):
    """A deputy asked to co-sign (附议); they confirm or decline from their own login."""

    street_path = "suggestion__street"

    class State(models.TextChoices):
        INVITED = "invited", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")

    OPEN_TO_ANSWER = {Suggestion.State.DRAFT, Suggestion.State.SUBMITTED, Suggestion.State.RETURNED}

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="cosignatures", verbose_name=_("suggestion")
    )
    deputy = models.ForeignKey(
        Deputy, models.PROTECT, related_name="cosignatures", verbose_name=_("deputy")
    )
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.INVITED
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("co-signature")
        verbose_name_plural = _("co-signatures")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "deputy"], name="cosignature_once_per_deputy"
            )
        ]

    def __str__(self):
        return f"{self.deputy} · {self.get_state_display()}"

    def answer(self, confirm, suggestion_state, at=None):
        if self.state != self.State.INVITED:
            raise DomainError(_("You have already answered this invitation."))
        if suggestion_state not in self.OPEN_TO_ANSWER:
            raise DomainError(_("The suggestion is no longer open to co-signing."))
        self.state = self.State.CONFIRMED if confirm else self.State.DECLINED
        self.answered_at = at or timezone.now()


class UnitAssignmentQuerySet(StreetQuerySet):
    def late_views(self, today):
        """Co-handling units' views past their month, not yet filed."""
        return self.filter(
            role=UnitAssignment.Role.CO,
            returned_on=None,
            view_filed_on=None,
            view_due__lt=today,
            suggestion__state__in=Suggestion.IN_HANDS_OF_UNITS,
        )


class UnitAssignment(models.Model):
    """A handling unit's part in a suggestion: the lead unit (主办) answers it,
    co-handling units (协办) send their view to the lead within a month."""

    street_path = "suggestion__street"
    unit_path = "unit"

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead unit")
        CO = "co", _("Co-handling unit")

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="assignments", verbose_name=_("suggestion")
    )
    unit = models.ForeignKey(
        HandlingUnit, models.PROTECT, related_name="suggestion_assignments", verbose_name=_("unit")
    )
    role = models.CharField(_("role"), max_length=4, choices=Role.choices)
    person_responsible = models.CharField(_("person responsible"), max_length=50, blank=True)
    contact = models.CharField(_("contact"), max_length=50, blank=True)
    assigned_on = bounds.EventDateField(_("assigned on"))
    view_due = bounds.EventDateField(_("view due"), null=True, blank=True)
    view = models.TextField(
        _("view sent to the lead unit"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    view_filed_on = bounds.EventDateField(_("view sent on"), null=True, blank=True)
    signed_for_on = bounds.EventDateField(_("signed for on"), null=True, blank=True)
    returned_on = bounds.EventDateField(_("returned on"), null=True, blank=True)
    return_reason = models.TextField(
        _("reason for returning"), max_length=bounds.NOTE_LENGTH, blank=True
    )
    history = History()

    objects = UnitAssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit assignment")
        verbose_name_plural = _("unit assignments")
        ordering = ["-role", "pk"]  # the lead unit first
        constraints = [
            models.UniqueConstraint(
                fields=["suggestion", "unit"],
                condition=Q(returned_on=None),
                name="unit_assigned_once_per_suggestion",
            ),
            models.UniqueConstraint(
                fields=["suggestion"],
                condition=Q(returned_on=None, role="lead"),
                name="one_lead_unit_per_suggestion",
            ),
        ]
        indexes = [
            models.Index(fields=["unit", "role"]),
            # The traffic light's late views, oldest first (UnitAssignmentQuerySet.late_views).
            models.Index(
                fields=["view_due", "id"],
                include=["suggestion"],
                condition=models.Q(role="co", returned_on=None, view_filed_on=None),
                name="assignment_pending_view_idx",
            ),
        ]

    def __str__(self):
        return f"{self.unit} · {self.get_role_display()}"

    @property
    def return_due(self):
        return add_working_days(self.assigned_on, deadlines.RETURN_WORKING_DAYS)

    def sign_for(self, at=None):
        """The unit signs for receipt (签收)."""
        if self.returned_on:
            raise DomainError(_("This unit has returned the assignment."))
        if self.signed_for_on:
            raise DomainError(_("This unit has already signed for it."))
        self.signed_for_on = timezone.localdate(at)

    def give_back(self, reason, at=None):
        """A wrongly assigned unit returns it, within 7 working days."""
        today = timezone.localdate(at)
        if self.returned_on:
            raise DomainError(_("This unit has already returned the assignment."))
        if today > self.return_due:
            raise DomainError(
                _("A unit may return an assignment only within 7 working days (until %(day)s).")
                % {"day": self.return_due}
            )
        if not reason.strip():
            raise DomainError(_("Give the reason for returning the assignment."))
        self.returned_on, self.return_reason = today, reason.strip()

    def file_view(self, view, at=None):
        if self.role != self.Role.CO or self.returned_on:
            raise DomainError(_("Only an active co-handling unit sends a view to the lead unit."))
        if self.view_filed_on:
            raise DomainError(_("This unit's view has already been recorded."))
        if not view.strip():
            raise DomainError(_("Write down the unit's view."))
        self.view, self.view_filed_on = view.strip(), timezone.localdate(at)


class Answer(models.Model):
    """A written answer by the lead unit and the lead deputy's evaluation of it;
    a suggestion handled again gets a second round."""

    street_path = "suggestion__street"
    unit_path = "suggestion__assignments__unit"

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="answers", verbose_name=_("suggestion")
    )
    round = models.PositiveSmallIntegerField(_("round"))
    text = models.TextField(_("answer"), max_length=bounds.LONG_TEXT_LENGTH)
    answer_class = models.CharField(
        _("answer class"), max_length=1, choices=Suggestion.AnswerClass.choices
    )
    answered_on = bounds.EventDateField(_("answered on"))
    attachment = PrivateFileField(
        _("attachment"),
        upload_to=PrivatePath("suggestions/answers"),
        blank=True,
        validators=[validate_document],
    )
    met_by = models.CharField(_("met the deputy"), max_length=50, blank=True)
    met_on = bounds.EventDateField(_("met on"), null=True, blank=True)
    # None while the unit's answer awaits the staff's review: the deputy does not see it.
    released_on = bounds.EventDateField(_("released on"), null=True, blank=True)
    review_comment = models.TextField(
        _("staff's comments on the answer"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    evaluation = models.CharField(
        _("evaluation"), max_length=12, choices=Suggestion.Evaluation.choices, blank=True
    )
    evaluation_comment = models.TextField(
        _("deputy's comments"), max_length=bounds.TEXT_LENGTH, blank=True
    )
    evaluated_on = bounds.EventDateField(_("evaluated on"), null=True, blank=True)
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        ordering = ["round"]
        constraints = [
            models.UniqueConstraint(fields=["suggestion", "round"], name="answer_round_unique")
        ]

    def __str__(self):
        return f"{self.suggestion} · {self.round}"

    def get_attachment_url(self):
        return reverse("suggestions:download", args=[self.suggestion_id, "answer", self.pk])


class Attachment(models.Model):
    street_path = "suggestion__street"
    unit_path = "suggestion__assignments__unit"

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="attachments", verbose_name=_("suggestion")
    )
    file = PrivateFileField(
        _("file"), upload_to=PrivatePath("suggestions/attachments"), validators=[validate_document]
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self):
        return basename(self.file)

    def get_file_url(self):
        return reverse("suggestions:download", args=[self.suggestion_id, "attachment", self.pk])


class Supervision(models.Model):
    """A supervision (督办) of the handling: written, on site or at a meeting."""

    street_path = "suggestion__street"

    class Method(models.TextChoices):
        WRITTEN = "written", _("Written notice")
        ON_SITE = "on_site", _("On site")
        MEETING = "meeting", _("Meeting")

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="supervisions", verbose_name=_("suggestion")
    )
    method = models.CharField(_("method"), max_length=10, choices=Method.choices)
    supervised_by = models.CharField(_("supervised by"), max_length=100)
    on = bounds.EventDateField(_("date"))
    note = models.TextField(_("note"), max_length=bounds.NOTE_LENGTH, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    history = History()

    objects = StreetQuerySet.as_manager()

    class Meta:
        verbose_name = _("suggestion supervision")
        verbose_name_plural = _("suggestion supervisions")
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.suggestion} · {self.get_method_display()} · {self.on}"


class Step(workflow.StepTrail):
    """The trail of a suggestion's steps."""

    street_path = "suggestion__street"
    record_field = "suggestion"

    suggestion = models.ForeignKey(
        Suggestion, models.CASCADE, related_name="steps", verbose_name=_("suggestion")
    )
    from_state = models.CharField(_("from"), max_length=12, choices=Suggestion.State.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=Suggestion.State.choices)

    class Meta(workflow.StepTrail.Meta):
        verbose_name = _("suggestion step")
        verbose_name_plural = _("suggestion steps")


def with_ledger_lists(suggestions):
    """Give each of `suggestions` (a ledger's page, a chunk of its export) the lists its
    row shows, in two queries: `unit_parts`, the active unit parts (role, unit_name,
    person_responsible, contact), the lead unit first; and `cosigners_shown`, the
    confirmed co-signers' names as text."""
    active = UnitAssignment.objects.filter(returned_on=None)
    details = ["role", "person_responsible", "contact"]
    attach_list(
        suggestions, "unit_parts", active, "suggestion", *details, unit_name=F("unit__name")
    )
    confirmed = CoSignature.objects.filter(state=CoSignature.State.CONFIRMED)
    attach_list(suggestions, "cosigner_names", confirmed, "suggestion", name=F("deputy__name"))
    for suggestion in suggestions:
        suggestion.cosigners_shown = "、".join(row["name"] for row in suggestion.cosigner_names)
    return suggestions
