"""A constituent's matter from a deputy's QR code to their own evaluation, on 360 px
phones: the deputy shows their code → the constituent opens its link, sends the
matter and follows it → the deputy takes it up → staff assign it to a unit → the
unit replies and staff release the reply → the deputy feeds it back → the
constituent evaluates on the tracking page → the ledger and the dashboard count it
under "online"."""

import pytest
from playwright.sync_api import expect

from congress_portal.roles import Role
from liaison_stations.models import Visit
from tests.browser import PHONE, log_in, page_width, screenshot, take_step
from tests.deputies.factories import MembershipFactory
from tests.factories import CommunityFactory, UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory, StationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def track(page, live_server, number, digits):
    page.goto(f"{live_server.url}/stations/track/")
    page.get_by_label("查询编号").fill(number)
    page.get_by_label("手机号码后四位").fill(digits)
    page.get_by_role("button", name="查询").click()


def test_an_online_matter_from_the_qr_code_to_the_constituents_evaluation(
    live_server, browser, phone, my_deputy, staff, street, settings
):
    settings.PORTAL_URL = live_server.url
    community = CommunityFactory(street=street, name="桂花社区")
    station = StationFactory(street=street, name="桂花社区代表联络站", community=community)
    station.deputies.add(my_deputy)
    MembershipFactory(deputy=my_deputy)
    unit = HandlingUnitFactory(name="区住建局")
    UserFactory(username="zhujianju", role=Role.UNIT, handling_unit=unit)

    log_in(phone, live_server, "deputy")
    phone.get_by_role("button", name="菜单").click()
    phone.get_by_role("link", name="我的代表码").click()
    expect(phone.locator(".portal-qr svg")).to_be_visible()
    link = phone.locator(".portal-qr + p a").inner_text()

    constituent = browser.new_context(**PHONE).new_page()
    constituent.goto(link)
    expect(constituent.get_by_text("反映给 李建国 代表")).to_be_visible()
    constituent.get_by_label("反映事项").fill("楼道里堆满杂物，堵住了消防通道。")
    constituent.get_by_label("类别").select_option(label="社会治安")
    constituent.get_by_label("所涉社区").select_option(label="桂花社区")
    constituent.get_by_label("您的姓名").fill("王女士")
    constituent.get_by_label("您的手机号码").fill("13912345678")
    constituent.get_by_label("我已阅读并同意上述个人信息告知。").check()
    assert page_width(constituent) <= PHONE["viewport"]["width"]
    screenshot(constituent, "constituent-online-matter-360")
    constituent.get_by_role("button", name="提交").click()
    number = constituent.locator("[data-tracking-number]").inner_text()
    track(constituent, live_server, number, "5678")
    expect(constituent.locator("[data-state]")).to_have_text("已登记")

    phone.goto(live_server.url + "/deputies/me/")
    phone.get_by_role("link", name="扫码反映给您：楼道里堆满杂物").click()
    take_step(phone, "take_up", "接手办理")

    desk = browser.new_page()
    log_in(desk, live_server, "staff")
    desk.goto(f"{live_server.url}/stations/visits/")
    desk.get_by_role("link", name="网上反映待受理 1 件").click()
    desk.get_by_role("link", name="楼道里堆满杂物").click()
    take_step(desk, "assign", "交办", 承办单位="区住建局", 办理期限="2026-12-31")

    unit_phone = browser.new_context(**PHONE).new_page()
    log_in(unit_phone, live_server, "zhujianju")
    unit_phone.get_by_role("link", name="楼道里堆满杂物").first.click()
    take_step(unit_phone, "submit_reply", "提交答复待审核", 答复="已督促物业清理楼道杂物。")
    desk.reload()
    take_step(desk, "release_reply", "审核通过答复")

    phone.goto(live_server.url + "/deputies/me/")
    phone.get_by_role("link", name="向选民反馈答复：楼道里堆满杂物").click()
    take_step(phone, "feed_back", "反馈选民", 反馈情况="已电话告知王女士，物业已清理。")

    track(constituent, live_server, number, "5678")
    expect(constituent.get_by_text("已督促物业清理楼道杂物。")).to_be_visible()
    expect(constituent.get_by_text("区住建局")).to_be_visible()
    constituent.get_by_label("满意", exact=True).check()
    constituent.get_by_label("其他意见（选填）").fill("清理得很干净，谢谢。")
    constituent.get_by_label("您的完整手机号码（确认是本人评价）").fill("13912345678")
    screenshot(constituent, "constituent-evaluates-360")
    constituent.get_by_role("button", name="提交评价").click()
    expect(constituent.locator("[data-state]")).to_have_text("已评价")
    assert page_width(constituent) <= PHONE["viewport"]["width"]
    assert "13912345678" not in constituent.content()

    visit = Visit.objects.get()
    assert (visit.channel, visit.evaluation_given) == ("online", "online")
    desk.goto(f"{live_server.url}/stations/visits/?channel=online")
    row = desk.locator("li.list-group-item", has_text="楼道里堆满杂物")
    expect(row).to_contain_text("扫码网上反映")
    desk.goto(f"{live_server.url}/reports/dashboard/")
    expect(desk.locator("tr", has_text="其中：扫码网上反映")).to_contain_text("1")
    assert phone.csp_errors == []
