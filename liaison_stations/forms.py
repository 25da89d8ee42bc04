from django import forms
from django.utils.translation import gettext_lazy as _

from deputies.models import Deputy


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
