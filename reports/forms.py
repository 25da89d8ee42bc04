from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal.models import Street
from congress_portal.scoping import is_district_wide

from .models import ReportSection, ReportTheme, Topic


def years():
    this_year = timezone.localdate().year
    return [(year, str(year)) for year in range(this_year, this_year - 6, -1)]


class ScopeForm(forms.Form):
    """The street and year a dashboard or a report is about. Street staff and
    leadership have their own street; district users pick one, or the district."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, choices=years)
    street = forms.ModelChoiceField(
        queryset=Street.objects.none(), required=False, label=_("Street"),
        empty_label=_("All streets"),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["street"].queryset = Street.objects.visible_to(user)
        if not is_district_wide(user):
            self.fields["street"].initial = user.street_id
            self.fields["street"].disabled = True  # their own street, whatever is sent

    def scope(self):
        """(street or None, year) chosen, or the defaults when the choice is not valid."""
        if self.is_valid():
            return self.cleaned_data["street"], self.cleaned_data["year"]
        street = self.fields["street"].initial
        return (Street.objects.get(pk=street) if street else None), self.fields["year"].initial


class TopicsField(forms.MultipleChoiceField):
    """Topics ticked (Topic), kept on the model as a JSON list."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Topic.choices, **kwargs)


class ReportThemeForm(forms.ModelForm):
    topics = TopicsField(
        label=_("topics"), help_text=_("One point of the section for each topic, in this order.")
    )

    class Meta:
        model = ReportTheme
        fields = ["street", "order", "heading", "topics"]


class ReportSectionForm(forms.ModelForm):
    topics = TopicsField(
        label=_("figures drawn on"),
        required=False,
        help_text=_("In a section staff add: the topics whose figures it quotes above its text."),
    )

    class Meta:
        model = ReportSection
        fields = ["order", "part", "heading", "topics", "narrative"]
