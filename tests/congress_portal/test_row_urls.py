import pytest
from django.template import Context, Template
from django.urls import clear_script_prefix, reverse, set_script_prefix

from congress_portal.templatetags.row_urls import row_url


@pytest.mark.parametrize("name", ["suggestions:detail", "deputies:flag_entry"])
@pytest.mark.parametrize("key", [1, 7, 2026, 10**12])
def test_a_rows_url_is_djangos_own(name, key):
    assert row_url(name, key) == reverse(name, args=[key])


def test_a_rows_url_follows_the_script_prefix_it_is_served_under():
    set_script_prefix("/portal/")
    try:
        prefixed = row_url("liaison_stations:visit_detail", 5)
        assert prefixed == reverse("liaison_stations:visit_detail", args=[5])
        assert prefixed.startswith("/portal/")
    finally:
        clear_script_prefix()
    assert not row_url("liaison_stations:visit_detail", 5).startswith("/portal/")


def test_the_tag_writes_the_url_of_the_rows_key():
    page = Template("{% load row_urls %}{% row_url 'suggestions:detail' pk %}")

    assert page.render(Context({"pk": 42})) == reverse("suggestions:detail", args=[42])
