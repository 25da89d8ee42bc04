import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from congress_portal.models import HandlingUnit

from .models import CongressSession, CoSignature, Signal, Suggestion


class SuggestionFilter(django_filters.FilterSet):
    """The suggestion ledger's filters (also what the statistics count)."""

    session = django_filters.ModelChoiceFilter(
        queryset=CongressSession.objects.select_related("term"), label=_("Session")
    )
    kind = django_filters.ChoiceFilter(choices=Suggestion.Kind.choices, label=_("Kind"))
    unit = django_filters.ModelChoiceFilter(
        queryset=HandlingUnit.objects.none(), method="filter_unit", label=_("Handling unit")
    )
    state = django_filters.ChoiceFilter(
        choices=[c for c in Suggestion.State.choices if c[0] not in Suggestion.EDITABLE],
        label=_("State"),
    )
    answer_class = django_filters.ChoiceFilter(
        choices=Suggestion.AnswerClass.choices, label=_("Answer class")
    )
    evaluation = django_filters.ChoiceFilter(
        choices=Suggestion.Evaluation.choices, label=_("Evaluation")
    )
    signal = django_filters.ChoiceFilter(
        choices=Signal.choices, method="filter_signal", label=_("Time left")
    )
    key = django_filters.BooleanFilter(
        method="filter_key", label=_("Key supervision only"), widget=forms.CheckboxInput
    )
    deputy = django_filters.CharFilter(
        method="filter_deputy", label=_("Deputy (lead or co-signer)")
    )

    class Meta:
        model = Suggestion
        fields = []

    def __init__(self, data=None, *, user, **kwargs):
        """The suggestions `user` may see, but drafts, still the deputy's own."""
        rows = Suggestion.objects.visible_to(user).exclude(state__in=Suggestion.EDITABLE)
        super().__init__(data, queryset=rows, **kwargs)
        self.filters["unit"].queryset = HandlingUnit.objects.visible_to(user)

    def filter_unit(self, suggestions, name, unit):
        return suggestions.filter(assignments__unit=unit, assignments__returned_on=None)

    def filter_signal(self, suggestions, name, signal):
        return suggestions.with_signal(timezone.localdate()).filter(time_left=signal)

    def filter_key(self, suggestions, name, value):
        return suggestions.exclude(key_supervisor="") if value else suggestions

    def filter_deputy(self, suggestions, name, value):
        return suggestions.led_or_cosigned(
            Suggestion.objects.filter(lead__name__contains=value.strip()),
            CoSignature.objects.filter(
                deputy__name__contains=value.strip(), state=CoSignature.State.CONFIRMED
            ),
        )
