from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds
from congress_portal.models import HandlingUnit
from congress_portal.roles import Role
from congress_portal.uploads import MultipleFileField, validate_document
from congress_portal.widgets import (
    DateInput,
    Picker,
    SearchableSelect,
    SearchableSelectMultiple,
    SinglePicker,
)
from congress_portal.workflow import StepForm
from deputies.models import Deputy
from liaison_stations.models import Visit

from . import deadlines
from .models import CongressSession, Suggestion, Supervision, UnitAssignment


class SuggestionForm(forms.ModelForm):
    """The lead deputy's draft."""

    cosigners = forms.ModelMultipleChoiceField(
        queryset=Deputy.objects.none(),
        required=False,
        label=_("Co-signers (附议)"),
        help_text=_("They are asked to confirm from their own login."),
        widget=Picker("deputies:pick"),
    )
    files = MultipleFileField(
        label=_("Attachments"),
        required=False,
        validators=[validate_document],
        help_text=_("PDF, Word, Excel or pictures, up to 10 MB each."),
    )

    class Meta:
        model = Suggestion
        fields = ["title", "kind", "session", "category", "reasons", "proposals", "visits"]
        widgets = {
            "reasons": forms.Textarea(attrs={"rows": 5}),
            "proposals": forms.Textarea(attrs={"rows": 5}),
            "visits": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, lead, **kwargs):
        super().__init__(*args, **kwargs)
        sessions = self.sessions_of(lead)
        self.fields["session"].queryset = sessions
        self.fields["cosigners"].queryset = self.colleagues_of(lead)
        if "visits" in self.fields:
            self.fields["visits"].queryset = lead.visits_received.filter(
                state=Visit.State.ESCALATED
            ).select_related("station")
            self.fields["visits"].help_text = _(
                "Constituents' matters you raise in this suggestion."
            )
        if self.instance.pk:
            self.initial["cosigners"] = list(
                self.instance.cosignatures.values_list("deputy", flat=True)
            )
        else:
            self._propose_session(sessions)

    @staticmethod
    def sessions_of(lead):
        return CongressSession.objects.filter(term__memberships__deputy=lead).select_related("term")

    @staticmethod
    def colleagues_of(lead):
        return Deputy.objects.current().filter(street=lead.street_id).exclude(pk=lead.pk)

    def _propose_session(self, sessions):
        today = timezone.localdate()
        session = sessions.filter(opens_on__lte=today).first()
        if session:
            self.initial["session"], self.initial["kind"] = session.pk, session.kind_on(today)


class PaperSuggestionForm(SuggestionForm):
    """A suggestion a deputy handed in on paper, entered by committee staff: they choose
    the lead deputy among their streets' current deputies, and the co-signers who
    signed the paper."""

    lead = forms.ModelChoiceField(
        queryset=Deputy.objects.none(),
        label=_("Lead deputy (领衔)"),
        widget=SinglePicker("deputies:pick"),
    )

    class Meta(SuggestionForm.Meta):
        fields = ["lead", "title", "kind", "session", "category", "reasons", "proposals"]

    def __init__(self, *args, user, **kwargs):
        instance = kwargs.get("instance")
        self.user = user
        super().__init__(*args, lead=instance.lead if instance.lead_id else None, **kwargs)
        self.fields["lead"].queryset = Deputy.objects.pickable_by(user)
        self.fields["cosigners"].help_text = _(
            "The deputies who co-signed the paper: their co-signature counts as confirmed."
        )

    def sessions_of(self, lead):
        if lead is None:  # checked against the chosen lead's terms in clean()
            return CongressSession.objects.select_related("term")
        return super().sessions_of(lead)

    def colleagues_of(self, lead):
        return Deputy.objects.pickable_by(self.user)

    def _propose_session(self, sessions):
        """No lead yet: nothing to propose from."""

    def clean(self):
        cleaned = super().clean()
        lead, session = cleaned.get("lead"), cleaned.get("session")
        if lead is None:
            return cleaned
        if session and not super().sessions_of(lead).filter(pk=session.pk).exists():
            self.add_error("session", _("The lead deputy holds no seat in this session's term."))
        strangers = [
            deputy.name
            for deputy in cleaned.get("cosigners", [])
            if deputy.street_id != lead.street_id or deputy.pk == lead.pk
        ]
        if strangers:
            message = _("Co-signers must be other deputies of the lead deputy's street: %(names)s.")
            self.add_error("cosigners", message % {"names": "、".join(strangers)})
        return cleaned


class CommentForm(StepForm):
    comment = bounds.text_field(_("What to revise"), bounds.TEXT_LENGTH, rows=3)


class ReasonForm(StepForm):
    reason = bounds.text_field(_("Reason"), bounds.NOTE_LENGTH)


class AssignForm(StepForm):
    lead_unit = forms.ModelChoiceField(
        queryset=HandlingUnit.objects.none(), label=_("Lead unit (主办)"), widget=SearchableSelect
    )
    person_responsible = forms.CharField(label=_("Person responsible"), max_length=50)
    contact = forms.CharField(label=_("Contact"), max_length=50)
    co_units = forms.ModelMultipleChoiceField(
        queryset=HandlingUnit.objects.none(),
        required=False,
        label=_("Co-handling units (协办)"),
        widget=SearchableSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = HandlingUnit.objects.serving(self.user)
        self.fields["lead_unit"].queryset = self.fields["co_units"].queryset = units


class PartForm(StepForm):
    """A step about one unit's part of the handling."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = self.record.assignments.filter(returned_on=None).select_related("unit")
        if self.user.role == Role.UNIT:
            active = active.filter(unit=self.user.handling_unit_id)  # its own part only
        self.fields["assignment"].queryset = self.parts(active)

    def parts(self, active):
        return active


class SignForForm(PartForm):
    assignment = forms.ModelChoiceField(
        queryset=UnitAssignment.objects.none(), label=_("Unit signing for it")
    )

    def parts(self, active):
        return active.filter(signed_for_on=None)


class GiveBackForm(PartForm):
    assignment = forms.ModelChoiceField(
        queryset=UnitAssignment.objects.none(), label=_("Unit returning it")
    )
    reason = bounds.text_field(_("Reason"), bounds.NOTE_LENGTH)


class ViewForm(PartForm):
    assignment = forms.ModelChoiceField(
        queryset=UnitAssignment.objects.none(), label=_("Co-handling unit")
    )
    view = bounds.text_field(_("Its view"), bounds.TEXT_LENGTH, rows=3)

    def parts(self, active):
        return active.filter(role=UnitAssignment.Role.CO, view_filed_on=None)


class ExtendForm(StepForm):
    months = forms.TypedChoiceField(
        label=_("Extend by"),
        coerce=int,
        choices=[
            (n, _("%(months)s months") % {"months": n})
            for n in range(1, deadlines.MAX_EXTENSION_MONTHS + 1)
        ],
    )
    reason = bounds.text_field(_("Reason"), bounds.NOTE_LENGTH)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.record.extension_requested:  # staff grant what the lead unit asked for
            self.initial = {
                "months": self.record.extension_requested,
                "reason": self.record.extension_reason,
            }


class AnswerForm(StepForm):
    text = bounds.text_field(_("Written answer"), bounds.LONG_TEXT_LENGTH, rows=4)
    answer_class = forms.ChoiceField(
        label=_("Answer class"), choices=Suggestion.AnswerClass.choices
    )
    answered_on = bounds.date_field(_("Answered on"))
    attachment = forms.FileField(
        label=_("Answer letter"), required=False, validators=[validate_document]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answered_on"].initial = timezone.localdate()


class UnitAnswerForm(StepForm):
    """The lead unit's answer, for the staff's review (dated the day it is sent)."""

    text = bounds.text_field(_("Written answer"), bounds.LONG_TEXT_LENGTH, rows=6)
    answer_class = forms.ChoiceField(
        label=_("Answer class"), choices=Suggestion.AnswerClass.choices
    )
    met_by = forms.CharField(
        label=_("Who met the deputy"), max_length=50,
        help_text=_("The unit's leader or officer who met the deputy about it (见面)."),
    )  # fmt: skip
    met_on = bounds.date_field(_("Met on"))
    attachment = forms.FileField(
        label=_("Answer letter"), required=False, validators=[validate_document]
    )


class EvaluationForm(StepForm):
    evaluation = forms.ChoiceField(
        label=_("Your evaluation"),
        choices=Suggestion.Evaluation.choices,
        widget=forms.RadioSelect,
        help_text=_("“Unsatisfied” sends it back to be handled again within a month."),
    )
    comment = bounds.text_field(_("Comments"), bounds.TEXT_LENGTH, required=False)


class KeySupervisionForm(StepForm):
    supervisor = forms.CharField(label=_("Supervised by (leader)"), max_length=100)


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = Supervision
        fields = ["method", "supervised_by", "on", "note"]
        widgets = {"on": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
