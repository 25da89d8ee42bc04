import pytest
from django.urls import reverse

from tests.access import LOGIN, assert_outcome, get_as


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 403), ("leadership", 403), ("anonymous", LOGIN)],
)
def test_my_duties_is_the_deputys_page(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("deputies:my_duties")), outcome)


def test_my_duties_shows_the_deputy_menu_in_chinese(deputy):
    page = get_as(deputy, reverse("deputies:my_duties")).content.decode()

    assert "我的履职" in page
    assert "退出" in page
    assert "管理后台" not in page
