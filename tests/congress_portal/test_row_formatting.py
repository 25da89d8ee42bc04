"""A list's rows are written as Django writes them: texts clipped as truncatechars
clips them (the portal's texts have no combining marks, which Django counts as no
width), dates as a template shows them."""

import datetime
import unicodedata

import pytest
from django.template import Context, Template
from django.template.defaultfilters import truncatechars
from django.test import override_settings
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from congress_portal.templatetags.formatting import clipped, day

TEXTS = st.text(st.characters(exclude_categories=["Mn", "Me", "Mc", "Cs"])).filter(
    lambda text: unicodedata.normalize("NFC", text) == text
)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@given(text=TEXTS, length=st.integers(min_value=1, max_value=80))
def test_a_text_is_clipped_as_truncatechars_clips_it(language, text, length):
    with translation.override(language):
        assert clipped(text, length) == truncatechars(text, length)


def test_a_long_matter_ends_within_its_length():
    assert clipped("小区垃圾清运不及时，居民反映强烈", 8) == "小区垃圾清..."
    assert clipped("噪音扰民", 8) == "噪音扰民"


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@given(value=st.dates() | st.datetimes() | st.none() | st.text(max_size=5))
def test_a_day_is_written_as_a_template_writes_a_date(language, value):
    context = {"value": value}
    with translation.override(language):
        ours = Template("{% load formatting %}{{ value|day }}").render(Context(context))
        assert ours == Template("{{ value }}").render(Context(context))
        assert day(value) == value or isinstance(value, datetime.date)


def test_a_day_follows_a_changed_date_format():
    value = datetime.date(2026, 1, 2)
    with translation.override(None):
        before = day(value)
        with override_settings(DATE_FORMAT="Y/m/d"):
            assert day(value) == "2026/01/02"
        assert day(value) == before != "2026/01/02"
