import pytest
from django.urls import reverse

from tests.access import LOGIN, assert_outcome, get_as


@pytest.mark.parametrize(
    "persona, outcome",
    [("leadership", 200), ("staff", 200), ("deputy", 403), ("anonymous", LOGIN)],
)
def test_reports_home_is_for_leadership_and_staff(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("reports:home")), outcome)


def test_leadership_menu_has_reports_but_no_admin(leader):
    page = get_as(leader, reverse("reports:home")).content.decode()

    assert "报表" in page
    assert "管理后台" not in page
