from django.urls import reverse

from tests.access import get_as


def test_forbidden_page_is_chinese(deputy):
    response = get_as(deputy, reverse("reports:home"))

    assert response.status_code == 403
    assert "您无权打开此页面" in response.content.decode()


def test_missing_page_is_chinese(deputy):
    response = get_as(deputy, "/no-such-page/")

    assert response.status_code == 404
    assert "页面不存在" in response.content.decode()
