"""A list's texts are clipped as Django's truncatechars clips them (the portal's
texts have no combining marks, which Django counts as no width)."""

import unicodedata

import pytest
from django.template.defaultfilters import truncatechars
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from congress_portal.templatetags.formatting import clipped

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
