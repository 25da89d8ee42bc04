from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds, uploads
from congress_portal.models import Street
from congress_portal.widgets import DateInput
from congress_portal.workflow import StepForm

from . import services
from .models import (
    PERIOD_PATTERN,
    QUARTERS,
    Deputy,
    EntryFlag,
    PointEntry,
    PointRule,
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
