import copy
import html

from django import forms
from django.contrib.admin import widgets as admin_widgets
from django.forms.renderers import TemplatesSetting
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _


class AutocompleteSelect(admin_widgets.AutocompleteSelect):
    """The admin's, without its query for the chosen row when none is chosen: building
    that query cost an empty field about a twentieth of a change page."""

    def optgroups(self, name, value, attr=None):
        if any(str(v) not in self.choices.field.empty_values for v in value):
            return super().optgroups(name, value, attr)
        blank = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        return [(None, blank, 0)]


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


SELECT_TEMPLATE = "django/forms/widgets/select.html"
# Django's templates that only include its input.html.
INPUT_TEMPLATES = {
    f"django/forms/widgets/{kind}.html"
    for kind in ["input", "checkbox", "color", "date", "datetime", "email", "file", "hidden",
                 "number", "password", "search", "tel", "text", "time", "url"]
}  # fmt: skip


class FormRenderer(TemplatesSetting):
    """Django's widget templates (TEMPLATES finds ours first), except the select's and
    the input's, written here in Python: the template engine took about 40 µs an
    option, so the selects of a ledger's filters cost more than the rest of its page,
    and about as much for each input (an admin change form has dozens)."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            return render_select(context["widget"])
        if template_name in INPUT_TEMPLATES:
            return render_input(context["widget"])
        return super().render(template_name, context, request)


def render_input(widget):
    value = "" if widget["value"] is None else f' value="{escaped(widget["value"])}"'
    kind, name, attrs = escaped(widget["type"]), escaped(widget["name"]), widget["attrs"]
    return mark_safe(f'<input type="{kind}" name="{name}"{value}{attributes(attrs)}>')


def render_select(widget):
    """A select (single or multiple) and its options; Django's empty choice
    "---------" reads "Please choose"."""
    groups = []
    for group_name, group_choices, _index in widget["optgroups"]:
        options = "".join(map(render_option, group_choices))
        if group_name:
            options = f'\n  <optgroup label="{escaped(group_name)}">{options}\n  </optgroup>'
        groups.append(options)
    name, attrs = escaped(widget["name"]), attributes(widget["attrs"])
    return mark_safe(f'<select name="{name}"{attrs}>{"".join(groups)}\n</select>')


def render_option(option):
    label = option["label"]
    label = escaped(_("Please choose") if label == "---------" else label)
    value, attrs = escaped(str(option["value"])), attributes(option["attrs"])
    return f'\n  <option value="{value}"{attrs}>{label}</option>'


def attributes(attrs):
    """HTML attributes as Django's attrs.html writes them: True bare, False left out."""
    return "".join(
        f" {escaped(name)}" if value is True else f' {escaped(name)}="{escaped(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def escaped(value):
    """Django's conditional_escape without its lazy wrappers, which cost more than the
    escaping of an option (a ledger's filters write a hundred)."""
    if isinstance(value, Promise):
        value = str(value)
    return value.__html__() if hasattr(value, "__html__") else html.escape(str(value))
