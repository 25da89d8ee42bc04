import pytest
from django.urls import reverse

from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.factories import PASSWORD


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 200), ("leadership", 200), ("anonymous", LOGIN)],
)
def test_every_role_may_change_its_password(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("password_change")), outcome)


@pytest.mark.parametrize(
    "persona, outcome",
    [("deputy", 200), ("staff", 200), ("leadership", 200), ("anonymous", LOGIN)],
)
def test_password_changed_page_needs_a_login(personas, persona, outcome):
    assert_outcome(get_as(personas[persona], reverse("password_change_done")), outcome)


def test_password_change_keeps_the_user_logged_in(deputy):
    client = client_as(deputy)
    new = "Neu-Passwort-2027"
    form = {"old_password": PASSWORD, "new_password1": new, "new_password2": new}

    response = client.post(reverse("password_change"), form, follow=True)

    assert "您的密码已修改" in response.content.decode()
    deputy.refresh_from_db()
    assert deputy.check_password(new)


def test_too_simple_password_is_refused_in_chinese(deputy):
    client = client_as(deputy)
    weak = "abcdefghijkl"
    form = {"old_password": PASSWORD, "new_password1": weak, "new_password2": weak}

    page = client.post(reverse("password_change"), form).content.decode()

    assert "密码须至少包含以下四类字符中的 3 类" in page
    deputy.refresh_from_db()
    assert deputy.check_password(PASSWORD)


def test_old_password_guesses_lock_the_account_like_failed_logins(deputy, settings):
    client = client_as(deputy)
    new = "Neu-Passwort-2027"
    guess = {"old_password": "wrong-guess", "new_password1": new, "new_password2": new}
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert "旧密码不正确" in client.post(reverse("password_change"), guess).content.decode()

    locked = client.post(reverse("password_change"), guess)
    right = client.post(reverse("password_change"), {**guess, "old_password": PASSWORD})

    assert locked.status_code == right.status_code == 429
    assert "登录失败次数过多" in right.content.decode()
    deputy.refresh_from_db()
    assert deputy.check_password(PASSWORD)
