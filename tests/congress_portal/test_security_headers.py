import pytest
from django.urls import reverse

from tests.access import get_as

PAGES = [
    ("anonymous", "login"),
    ("deputy", "deputies:my_duties"),
    ("leadership", "reports:home"),
    ("staff", "admin:index"),
    ("staff", "password_change"),
]


@pytest.mark.parametrize("persona, url_name", PAGES)
def test_every_html_page_has_a_content_security_policy(personas, persona, url_name):
    response = get_as(personas[persona], reverse(url_name))

    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "object-src 'none'" in policy


def test_pages_may_not_be_framed(db):
    assert get_as(None, reverse("login"))["X-Frame-Options"] == "DENY"
