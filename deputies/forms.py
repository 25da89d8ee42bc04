from django import forms
from django.utils.translation import gettext_lazy as _

from congress_portal.widgets import DateInput

from .models import Category, EntryFlag, PointEntry, PointRule


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.ImageField):
    """Any number of photos, each checked to be an image."""

    widget = MultipleImageInput(attrs={"accept": "image/*"})

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(PhotosField, self).clean(photo, initial) for photo in files]


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, rule):
        return f"{rule.name}（{rule.points:+d}）"


class DutyForm(forms.ModelForm):
    """A deputy logs a duty: which kind, when, what was done, optional photos."""

    rule = RuleChoiceField(
        queryset=PointRule.objects.filter(active=True, points__gt=0).exclude(
            category=Category.DISCIPLINE
        ),
        label=_("Kind of duty"),
    )
    photos = PhotosField(label=_("Photos"), required=False)

    class Meta:
        model = PointEntry
        fields = ["rule", "occurred_on", "description"]
        widgets = {
            "occurred_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description"].required = True


class FlagForm(forms.ModelForm):
    class Meta:
        model = EntryFlag
        fields = ["kind", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for rejection"), widget=forms.Textarea(attrs={"rows": 2})
    )
