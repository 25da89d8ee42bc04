import pytest
from django.urls import reverse

from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.factories import PASSWORD, UserFactory

LANDING = {"staff": "/staff/", "deputy": "/deputies/me/", "leadership": "/reports/"}


@pytest.mark.parametrize("persona", LANDING)
def test_login_lands_each_role_on_its_own_home(client, personas, persona):
    user = personas[persona]
    credentials = {"username": user.username, "password": PASSWORD}

    response = client.post(reverse("login"), credentials, follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == LANDING[persona]


@pytest.mark.parametrize("persona", LANDING)
def test_home_sends_a_signed_in_role_to_its_home(personas, persona):
    response = get_as(personas[persona], reverse("home"))

    assert response.status_code == 302
    assert response.url == LANDING[persona]


def test_home_asks_anonymous_to_log_in(db):
    assert_outcome(get_as(None, reverse("home")), LOGIN)


def test_account_without_a_role_is_forbidden(db):
    assert_outcome(get_as(UserFactory(), reverse("home")), 403)


def test_login_page_skips_the_form_for_a_signed_in_user(deputy):
    response = get_as(deputy, reverse("login"))

    assert response.status_code == 302
    assert response.url == reverse("home")


def test_logout_ends_the_session(deputy):
    client = client_as(deputy)

    response = client.post(reverse("logout"))

    assert response.url == reverse("login")
    assert_outcome(client.get(reverse("deputies:my_duties")), LOGIN)
