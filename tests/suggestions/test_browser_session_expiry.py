"""Nothing typed is lost: a deputy's session ends while a suggestion is being typed."""

import re

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from suggestions.models import Suggestion
from tests.browser import log_in, screenshot
from tests.deputies.factories import MembershipFactory
from tests.factories import PASSWORD
from tests.suggestions.factories import CongressSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASONS = "青石路与桂花街交叉口早晚高峰车流量大，行人过街等候时间长，老人和学生过街尤其困难。"


def test_the_text_of_a_suggestion_survives_an_ended_session(live_server, phone, my_deputy):
    MembershipFactory(deputy=my_deputy, term=CongressSessionFactory().term)
    log_in(phone, live_server, "deputy")
    phone.goto(live_server.url + "/suggestions/new/")
    phone.get_by_label("标题").fill("关于在青石路口增设行人过街信号灯的建议")
    phone.get_by_label("案由").fill(REASONS)
    phone.get_by_label("建议内容").fill("在路口增设行人过街按钮式信号灯。")
    phone.locator("#id_category").select_option(label="城建交通")

    Session.objects.all().delete()  # the idle timeout, as the server sees it
    phone.get_by_role("button", name="保存").click()

    phone.wait_for_url("**/accounts/login/?next=/suggestions/new/")
    expect(phone.get_by_text("登录已过期")).to_be_visible()
    phone.get_by_label("用户名").fill("deputy")
    phone.get_by_label("密码").fill(PASSWORD)
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url("**/suggestions/new/")
    expect(phone.get_by_text("已恢复您此前在本机填写但尚未保存的内容。")).to_be_visible()
    expect(phone.get_by_label("案由")).to_have_value(REASONS)
    expect(phone.locator("#id_category")).to_have_value("urban")
    screenshot(phone, "deputy-draft-restored-360")
    phone.get_by_role("button", name="保存").click()

    expect(phone.get_by_text("已保存。完成后请提交阅看。")).to_be_visible()
    assert Suggestion.objects.get().reasons == REASONS
    phone.goto(live_server.url + "/suggestions/new/")  # saved: the draft is gone
    expect(phone.get_by_label("案由")).to_have_value("")
    expect(phone.get_by_text("已恢复您此前在本机填写但尚未保存的内容。")).to_have_count(0)


def test_signing_out_drops_the_drafts_kept_on_the_phone(live_server, phone, my_deputy):
    MembershipFactory(deputy=my_deputy, term=CongressSessionFactory().term)
    log_in(phone, live_server, "deputy")
    phone.goto(live_server.url + "/suggestions/new/")
    phone.get_by_label("案由").fill(REASONS)
    phone.wait_for_timeout(600)  # the draft is kept 0.4 s after the last key
    assert phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('portal-draft:'))")

    phone.get_by_role("button", name="菜单").click()
    # Bootstrap marks the menu "show" once it has opened: a click during the slide is lost.
    expect(phone.locator("#portal-nav")).to_have_class(re.compile(r"\bshow\b"))
    phone.get_by_role("button", name="退出").click()

    phone.wait_for_url("**/accounts/login/")
    assert (
        phone.evaluate("Object.keys(localStorage).filter(k => k.startsWith('portal-draft:'))") == []
    )
