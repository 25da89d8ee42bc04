from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal import bounds
from congress_portal.models import Community, HandlingUnit
from congress_portal.uploads import ImageField, validate_document
from congress_portal.validators import mobile_validator
from congress_portal.widgets import DateInput, Picker, SearchableSelect, SearchableSelectMultiple
from congress_portal.workflow import StepForm
from deputies.models import Deputy

from .models import Constituent, Supervision, Visit, visit_receivers


class SwapForm(forms.Form):
    replacement = forms.ModelChoiceField(queryset=Deputy.objects.none(), label=_("Hand over to"))
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def __init__(self, *args, assignment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = (
            Deputy.objects.filter(street=assignment.deputy.street_id)
            .current()
            .exclude(pk=assignment.deputy_id)
        )


class VisitForm(forms.ModelForm):
    not_accepted = forms.BooleanField(
        label=_("Not accepted (litigation, administrative review or arbitration)"), required=False
    )
    not_accepted_reason = bounds.text_field(
        _("Reason for not accepting"), bounds.NOTE_LENGTH, required=False
    )

    class Meta:
        model = Visit
        fields = ["station", "channel", "received_on", "category", "matter", "deputies"]
        widgets = {
            "received_on": DateInput(),
            "matter": forms.Textarea(attrs={"rows": 4}),
            "deputies": SearchableSelectMultiple,
        }

    def __init__(self, *args, stations, staff, **kwargs):
        """Staff may name any current deputy of the stations' streets as receiving the
        visit; a deputy those on the stations' roster or checked in there that day."""
        super().__init__(*args, **kwargs)
        self.fields["station"].queryset = stations
        # Online matters come only through the public form; at the station unless told.
        channel = self.fields["channel"]
        channel.choices = [
            choice for choice in channel.choices if choice[0] != Visit.Channel.ONLINE
        ]
        channel.required = False
        if staff:
            deputies = Deputy.objects.current().filter(street__in=stations.values("street"))
            self.fields["deputies"].widget = Picker("deputies:pick")
        else:
            deputies = visit_receivers(stations, self.day_given())
        self.fields["deputies"].queryset = deputies

    def day_given(self):
        """The date of the visit as posted, else today."""
        field = self.fields["received_on"]
        try:
            return field.clean(self.data.get(self.add_prefix("received_on")))
        except ValidationError:
            return timezone.localdate()

    def clean_channel(self):
        return self.cleaned_data["channel"] or Visit.Channel.STATION

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("not_accepted") and not cleaned.get("not_accepted_reason", "").strip():
            self.add_error(
                "not_accepted_reason", _("Give the reason for not accepting the matter.")
            )
        return cleaned


class BaseConstituentFormSet(forms.BaseInlineFormSet):
    default_error_messages = {
        "too_few_forms": _("Enter at least one constituent: a name, a phone or an address.")
    }


ConstituentFormSet = forms.inlineformset_factory(
    Visit,
    Constituent,
    formset=BaseConstituentFormSet,
    fields=["name", "phone", "address"],
    widgets={"phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"})},
    extra=1,
    min_num=1,
    validate_min=True,
    can_delete=False,
)


class ReasonForm(StepForm):
    reason = bounds.text_field(_("Reason"), bounds.NOTE_LENGTH)


class ReplyForm(StepForm):
    reply = bounds.text_field(_("Reply"), bounds.TEXT_LENGTH, rows=3)


class UnitReplyForm(StepForm):
    """The unit's reply, with proof of what it did (a letter, a photo), for the staff's review."""

    reply = bounds.text_field(_("Reply"), bounds.TEXT_LENGTH, rows=4)
    proof = forms.FileField(label=_("Proof"), required=False, validators=[validate_document])


class FeedbackForm(StepForm):
    feedback = bounds.text_field(_("Feedback"), bounds.TEXT_LENGTH)


class RouteForm(StepForm):
    unit = forms.ModelChoiceField(
        queryset=HandlingUnit.objects.none(), label=_("Handling unit"), widget=SearchableSelect
    )
    deadline = bounds.date_field(_("Deadline"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = HandlingUnit.objects.serving(self.user)


class AssignForm(RouteForm):
    """An assignment (交办) sets the unit's deadline; a referral may leave it open."""

    deadline = bounds.date_field(_("Deadline"))


class EvaluationForm(StepForm):
    evaluation = forms.ChoiceField(choices=Visit.Evaluation.choices, label=_("Evaluation"))
    # The constituent's own words: their tracking page shows them.
    comment = bounds.text_field(_("The constituent's comment"), bounds.NOTE_LENGTH, required=False)


# The public form's text limit: a matter told in a few paragraphs.
PUBLIC_TEXT_LENGTH = 1_000


class OnlineMatterForm(forms.ModelForm):
    """A constituent's matter, sent from a station's or a deputy's QR code. `website`
    is a honeypot: hidden from people, filled in by bots."""

    matter = bounds.text_field(_("Your matter"), PUBLIC_TEXT_LENGTH, rows=5)
    name = forms.CharField(label=_("Your name"), max_length=50)
    phone = forms.CharField(
        label=_("Your mobile number"),
        validators=[mobile_validator],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )
    consent = forms.BooleanField(
        label=_("I have read the notice on personal information above and agree."),
        error_messages={
            "required": _("Please read the notice and agree to it to send your matter.")
        },
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    class Meta:
        model = Visit
        fields = ["matter", "category", "community", "photo"]
        field_classes = {"photo": ImageField}

    def __init__(self, *args, street, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Please choose")), *Visit.Category.choices]
        self.fields["community"].queryset = Community.objects.filter(street=street)
        self.fields["community"].empty_label = _("Please choose")

    @property
    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))


class TrackForm(forms.Form):
    number = forms.CharField(label=_("Tracking number"), max_length=20)
    digits = forms.RegexField(
        regex=r"^\d{4}$",
        label=_("Last four digits of your mobile number"),
        error_messages={"invalid": _("Enter the last four digits of your mobile number.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_number(self):
        return self.normalised(self.cleaned_data["number"])

    @staticmethod
    def normalised(number):
        """As printed or as typed: spaces, dashes and case do not matter."""
        return "".join(number.split()).replace("-", "").upper()


class ConstituentEvaluationForm(forms.Form):
    """The constituent's own evaluation. The whole mobile number confirms it is
    theirs: the last four digits that open the page are on the case page, masked."""

    evaluation = forms.ChoiceField(
        choices=Visit.Evaluation.choices, label=_("Your evaluation"), widget=forms.RadioSelect
    )
    comment = bounds.text_field(_("Anything to add"), bounds.NOTE_LENGTH, required=False)
    phone = forms.CharField(
        label=_("Your whole mobile number, to confirm the evaluation is yours"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "tel"}),
    )

    def __init__(self, *args, visit, **kwargs):
        super().__init__(*args, **kwargs)
        self.visit = visit

    def clean_phone(self):
        phone = "".join(self.cleaned_data["phone"].split())
        if not self.visit.constituents.filter(phone=phone).exists():
            raise ValidationError(_("This is not the mobile number left with the matter."))
        return phone

    @property
    def step_arguments(self):
        return {name: self.cleaned_data[name] for name in ("evaluation", "comment")}


class SupervisionForm(forms.ModelForm):
    class Meta:
        model = Supervision
        fields = ["method", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
