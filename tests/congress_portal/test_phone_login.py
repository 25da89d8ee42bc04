import re

import pytest
from playwright.sync_api import expect

from tests.browser import PHONE, page_width, screenshot
from tests.factories import PASSWORD

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]

HOMES = {"deputy": ("/deputies/me/", "我的履职"), "leadership": ("/reports/", "报表")}


def log_in(page, live_server, username):
    page.goto(live_server.url + "/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()


def test_login_page_fits_a_phone_and_speaks_chinese(live_server, phone):
    phone.goto(live_server.url + "/")

    expect(phone.get_by_role("heading", name="登录")).to_be_visible()
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "login-360")
    assert phone.csp_errors == []


@pytest.mark.parametrize("persona", HOMES)
def test_role_logs_in_on_a_phone_and_uses_the_menu(live_server, phone, personas, persona):
    path, heading = HOMES[persona]

    log_in(phone, live_server, personas[persona].username)

    phone.wait_for_url(f"**{path}")
    expect(phone.get_by_role("heading", name=heading)).to_be_visible()
    assert page_width(phone) <= PHONE["viewport"]["width"]
    logout = phone.get_by_role("button", name="退出")
    expect(logout).to_be_hidden()
    phone.get_by_role("button", name="菜单").click()
    expect(logout).to_be_visible()
    # Bootstrap marks the menu "show" once it has finished opening: a click during
    # the slide can be lost on a busy machine.
    expect(phone.locator("#portal-nav")).to_have_class(re.compile(r"\bshow\b"))
    screenshot(phone, f"{persona}-home-360")
    with phone.expect_navigation(url="**/accounts/login/"):
        logout.click()
    assert phone.csp_errors == []


def test_staff_land_on_their_home_and_cross_to_the_admin_and_back(live_server, phone, staff):
    log_in(phone, live_server, "staff")

    phone.wait_for_url("**/staff/")
    expect(phone.get_by_role("heading", name="工作台")).to_be_visible()
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "staff-home-360")
    phone.get_by_role("link", name="管理后台").first.click()
    phone.wait_for_url("**/admin/")
    expect(phone.get_by_text("人大街道工委门户").first).to_be_visible()
    menu = phone.locator(".portal-admin-menu")
    menu.get_by_text("建议", exact=True).click()
    screenshot(phone, "staff-admin-360")
    menu.get_by_role("link", name="三色督办").click()
    phone.wait_for_url("**/suggestions/signals/")
    assert phone.csp_errors == []
