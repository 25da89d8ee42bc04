"""Selects render their options in place (templates/django/forms/widgets/select.html)."""

from django import forms
from django.utils import translation


def test_a_select_marks_the_chosen_option_and_reads_its_empty_choice_in_chinese():
    class Form(forms.Form):
        station = forms.ChoiceField(choices=[("", "---------"), ("1", "青石站"), ("2", "白鹭&站")])
        levels = forms.MultipleChoiceField(choices=[("a", "区"), ("b", "市")])

    form = Form(initial={"station": "2", "levels": ["a", "b"]})
    with translation.override("zh-hans"):
        station, levels = str(form["station"]), str(form["levels"])

    assert '<option value="">请选择</option>' in station
    assert '<option value="1">青石站</option>' in station
    assert '<option value="2" selected>白鹭&amp;站</option>' in station
    assert "multiple" in levels and levels.count(" selected>") == 2
