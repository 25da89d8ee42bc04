from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds, uploads
from congress_portal.models import Community, Street
from congress_portal.widgets import DateInput, Picker
from congress_portal.workflow import StepForm

from . import services
from .models import (
    PERIOD_PATTERN,
    QUARTERS,
    Deputy,
    EntryFlag,
    Level,
    PointEntry,
    PointRule,
    ProfessionalGroup,
    PublishedQuarter,
    WarningReason,
    validate_period_year,
)


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, rule):
        return f"{rule.name}（{rule.points:+d}）"


class DutyForm(forms.ModelForm):
    """A deputy logs a duty: which kind (of the rules in force in the deputy's
    street), when, what was done, optional photos."""

    rule = RuleChoiceField(queryset=PointRule.objects.none(), label=_("Kind of duty"))
    photos = uploads.MultipleImageField(label=_("Photos"), required=False)

    class Meta:
        model = PointEntry
        fields = ["rule", "occurred_on", "description"]
        widgets = {
            "occurred_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, street, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = PointRule.objects.for_street(street).claimable()
        self.fields["description"].required = True


class StaffEntryForm(forms.ModelForm):
    """Staff enter a ledger entry in the admin: refused, with the reason, where the
    service would refuse it (a rule out of use, a future or published date)."""

    def clean(self):
        cleaned = super().clean()
        if {"deputy", "rule", "occurred_on"} <= cleaned.keys():
            entry = PointEntry(
                deputy=cleaned["deputy"], rule=cleaned["rule"], occurred_on=cleaned["occurred_on"]
            )
            services.check_entry(entry, claim=False)
        return cleaned


class PublishQuarterForm(forms.Form):
    """Staff publish a quarter's ranking of a street (district staff choose the street)."""

    street = forms.ModelChoiceField(queryset=Street.objects.none(), label=_("Street"))
    year = forms.IntegerField(label=_("Year"), validators=[bounds.event_year])
    quarter = forms.TypedChoiceField(choices=QUARTERS, coerce=int, label=_("Quarter"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = Street.objects.visible_to(user)


class FlagForm(forms.ModelForm):
    class Meta:
        model = EntryFlag
        fields = ["kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


CORRECTION_POINTS = 1_000  # the most points one correction may move


class CorrectionForm(StepForm):
    """Staff accept an error report: the points that put the entry right (negative to
    take some away), the day they count on, and a word to the deputy. Proposed: the
    duplicate's points taken back, on the entry's day or the first open day after it."""

    points = forms.IntegerField(
        label=_("Points to correct by"),
        min_value=-CORRECTION_POINTS,
        max_value=CORRECTION_POINTS,
        help_text=_("Negative to take points away, positive to add the points missed."),
    )
    occurred_on = bounds.date_field(_("Counted on"))
    note = bounds.text_field(_("Word to the deputy"), bounds.NOTE_LENGTH, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        entry = self.record.entry
        opens = PublishedQuarter.objects.open_from(entry.deputy.street_id)
        day = max(entry.occurred_on, opens) if opens else entry.occurred_on
        self.fields["occurred_on"].initial = min(day, timezone.localdate())
        if self.record.kind == EntryFlag.Kind.DUPLICATE:
            self.fields["points"].initial = -entry.points

    def clean_points(self):
        if self.cleaned_data["points"] == 0:
            raise forms.ValidationError(_("A correction changes the points: give them."))
        return self.cleaned_data["points"]


class RefusalForm(StepForm):
    reason = bounds.text_field(_("Reason"), bounds.NOTE_LENGTH)


class ReviewForm(forms.Form):
    """Staff approve the chosen pending claims, or reject them with a reason."""

    entries = forms.ModelMultipleChoiceField(
        queryset=PointEntry.objects.none(),
        error_messages={"required": _("Choose the claims to review.")},
    )
    action = forms.ChoiceField(choices=[("approve", _("Approve")), ("reject", _("Reject"))])
    reason = bounds.text_field(_("Reason for rejection"), bounds.NOTE_LENGTH, required=False)

    def __init__(self, *args, pending, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entries"].queryset = pending

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == "reject" and not cleaned.get("reason", "").strip():
            self.add_error("reason", _("Give the reason for the rejection."))
        return cleaned


class DeputyWithEmployerField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, deputy):
        return f"{deputy.name}（{deputy.employer or '—'}）"


class ThankYouForm(forms.Form):
    """Staff choose the deputies whose employers are thanked, and the year."""

    deputies = DeputyWithEmployerField(
        queryset=Deputy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Deputies"),
        help_text=_("One letter goes to each deputy's employer."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        deputies = Deputy.objects.visible_to(user).current()
        self.fields["deputies"].queryset = deputies.order_by("name", "pk")


class IssueLetterForm(forms.Form):
    """Staff issue a reminder letter by hand."""

    deputy = forms.ModelChoiceField(queryset=Deputy.objects.none(), label=_("Deputy"))
    reason = forms.ChoiceField(choices=WarningReason.choices, label=_("Reason"))
    period = forms.RegexField(
        regex=PERIOD_PATTERN,
        label=_("Period"),
        help_text=_("The quarter, e.g. 2026-Q3."),
        error_messages={"invalid": _("Give the quarter as 2026-Q3.")},
        validators=[validate_period_year],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        deputies = Deputy.objects.visible_to(user).current()
        self.fields["deputy"].queryset = deputies.select_related("street").order_by("name", "pk")


# Invitations to activities (deputies.invitations) -----------------------------


class LeaveForm(StepForm):
    reason = bounds.text_field(_("Reason for leave"), bounds.NOTE_LENGTH, rows=3)


class RefuseLeaveForm(StepForm):
    comment = bounds.text_field(_("Why the leave is refused"), bounds.NOTE_LENGTH, rows=2)


class CheckInForm(StepForm):
    code = forms.RegexField(
        regex=r"^\s*\d{8}\s*$",
        label=_("Check-in code"),
        help_text=_("Scan the code shown at the activity, or type its eight digits."),
        error_messages={"invalid": _("The check-in code has eight digits.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class InviteForm(forms.Form):
    """Staff invite deputies to an activity: chosen by hand, or every current deputy
    of a professional group, of a level or of a community (of the activity's street)."""

    deputies = forms.ModelMultipleChoiceField(
        queryset=Deputy.objects.none(),
        required=False,
        label=_("Deputies"),
        widget=Picker("deputies:pick"),
    )
    group = forms.ModelChoiceField(
        queryset=ProfessionalGroup.objects.none(), required=False, label=_("Professional group")
    )
    level = forms.ChoiceField(
        choices=[("", "---------"), *Level.choices], required=False, label=_("Level")
    )
    community = forms.ModelChoiceField(
        queryset=Community.objects.none(), required=False, label=_("Community")
    )

    def __init__(self, *args, activity, **kwargs):
        super().__init__(*args, **kwargs)
        self.activity = activity
        street = activity.street_id
        self.current = Deputy.objects.current().filter(street=street)
        self.fields["deputies"].queryset = self.current
        self.fields["group"].queryset = ProfessionalGroup.objects.filter(street=street)
        self.fields["community"].queryset = Community.objects.filter(street=street)

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("deputies", "group", "level", "community")):
            raise forms.ValidationError(
                _("Choose deputies, or a professional group, a level or a community.")
            )
        return cleaned

    def invitees(self):
        """The current deputies of the activity's street the form names, in any way."""
        data = self.cleaned_data
        chosen = Q(pk__in=[deputy.pk for deputy in data["deputies"]])
        if data["group"]:
            chosen |= Q(professional_groups=data["group"])
        if data["level"]:
            chosen |= Q(memberships__term__level=data["level"], memberships__ended_on__isnull=True)
        if data["community"]:
            chosen |= Q(community=data["community"])
        picked = Deputy.objects.filter(chosen).values("pk")
        return self.current.filter(pk__in=picked).select_related("user").order_by("name", "pk")
