"""Selects and inputs are written in Python (congress_portal.widgets.FormRenderer), as
Django's templates write them, a select's empty choice in Chinese."""

import re

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from congress_portal.widgets import DateInput, FormRenderer


class Form(forms.Form):
    station = forms.ChoiceField(choices=[("", "---------"), ("1", "青石站"), ("2", "白鹭&站")])
    levels = forms.MultipleChoiceField(choices=[("a", "区"), ("b", "市")], required=False)
    grouped = forms.ChoiceField(
        choices=[
            (gettext_lazy("East"), [("3", "东<一>站"), ("4", mark_safe("东<b>二</b>站"))]),
            (5, gettext_lazy("West & more")),
        ],  # fmt: skip
        widget=forms.Select(attrs={"class": "form-select", "data-x": 'a"b', "hidden": False}),
        disabled=True,
    )


class Inputs(forms.Form):
    name = forms.CharField(
        widget=forms.TextInput(attrs={"placeholder": 'say "王"', "hidden": False})
    )
    count = forms.IntegerField(disabled=True)
    secret = forms.CharField(widget=forms.HiddenInput)
    on = forms.BooleanField(required=False)
    day = forms.DateField(widget=DateInput)
    note = forms.CharField(required=False, widget=forms.PasswordInput(render_value=True))


def test_an_input_is_written_as_djangos_template_writes_it():
    """Values escaped or absent, checked boxes, True and False attributes."""
    data = {"name": "<青&石>", "count": 3, "secret": "a'b", "on": "on", "day": "2026-11-29"}
    for form in [Inputs(), Inputs(data), Inputs(initial={"note": ""})]:
        for name in form.fields:
            ours = form[name].as_widget()
            form.renderer = TemplatesSetting()
            django = form[name].as_widget()
            form.renderer = FormRenderer()
            assert ours == django


def test_a_select_marks_the_chosen_option_and_reads_its_empty_choice_in_chinese():
    form = Form(initial={"station": "2", "levels": ["a", "b"]})
    with translation.override("zh-hans"):
        station, levels = str(form["station"]), str(form["levels"])

    assert '<option value="">请选择</option>' in station
    assert '<option value="1">青石站</option>' in station
    assert '<option value="2" selected>白鹭&amp;站</option>' in station
    assert "multiple" in levels and levels.count(" selected>") == 2


def test_a_select_is_written_as_djangos_template_writes_it():
    """Groups, escaping (lazy and safe labels, a number's value), True and False
    attributes, several chosen: the same HTML as Django's own templates (but for the
    blanks between tags and the empty choice's words)."""
    form = Form(initial={"station": "", "levels": ["b"], "grouped": 5})
    for name in form.fields:
        with translation.override("en"):
            ours = form[name].as_widget()
            form.renderer = TemplatesSetting()
            django = form[name].as_widget()
            form.renderer = FormRenderer()
        assert tags(ours) == tags(django).replace(">---------<", ">Please choose<")


def tags(html):
    return re.sub(r">\s+<", "><", html)
