import copy

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class DateInput(forms.DateInput):
    """The browser's date picker. It only understands ISO dates, whatever the
    locale's display format (zh-hans would render 2026/11/21 and show nothing)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class Searchable:
    """A select the user types into to find an option (Tom Select: static/js/pickers.js)."""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"].update({
            "data-picker": "",
            "data-placeholder": _("Type to search"),
            "data-no-results": _("Nothing matches"),
            "data-remove": _("Remove"),
        })  # fmt: skip
        return context


class SearchableSelect(Searchable, forms.Select):
    pass


class SearchableSelectMultiple(Searchable, forms.SelectMultiple):
    pass


class RemoteChoices(Searchable):
    """A select over a model's rows, which may run to thousands (a street's deputies):
    the page holds only the chosen options, and the browser asks the URL named `url`
    for others as the user types."""

    def __init__(self, url, attrs=None):
        super().__init__(attrs)
        self.url = url

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-picker-url"] = reverse(self.url)
        return context

    def optgroups(self, name, value, attrs=None):
        every = self.choices
        self.choices = copy.copy(every)
        self.choices.queryset = every.queryset.filter(pk__in=[v for v in value if v.isdigit()])
        try:
            return super().optgroups(name, value, attrs)
        finally:
            self.choices = every


class Picker(RemoteChoices, forms.SelectMultiple):
    """Several of a model's rows (co-signers, a visit's receivers)."""


class SinglePicker(RemoteChoices, forms.Select):
    """One of a model's rows (the lead deputy of a suggestion entered by staff)."""
