import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from liaison_stations.models import Visit
from tests.browser import PHONE, log_in, page_width, screenshot, take_step
from tests.deputies.factories import MembershipFactory
from tests.liaison_stations.factories import (
    DutyAssignmentFactory,
    HandlingUnitFactory,
    StationFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_duty_check_in_visit_and_its_handling_to_the_end(
    live_server, browser, phone, my_deputy, staff, street
):
    MembershipFactory(deputy=my_deputy)
    station = StationFactory(street=street, name="桂花社区代表联络站")
    # A session all day long, so that check-in is open whenever the test runs.
    DutyAssignmentFactory(deputy=my_deputy, session__station=station,
                          session__date=timezone.localdate(),
                          session__starts_at=datetime.time(0, 0),
                          session__ends_at=datetime.time(23, 59))  # fmt: skip
    HandlingUnitFactory(name="区城管局")

    log_in(phone, live_server, "deputy")
    expect(phone.get_by_text("我的下一次值班")).to_be_visible()
    phone.get_by_role("button", name="签到").click()
    expect(phone.get_by_text("签到成功")).to_be_visible()
    expect(phone.get_by_text("本年度积分：2")).to_be_visible()

    phone.goto(live_server.url + "/stations/visits/new/")
    phone.get_by_label("联络站").select_option(label="桂花社区代表联络站")
    phone.get_by_label("类别").select_option(label="环境卫生")
    phone.get_by_label("反映事项").fill("小区门口垃圾清运不及时，气味大")
    phone.locator("#id_constituents-0-name").fill("陈阿姨")
    phone.locator("#id_constituents-0-phone").fill("13812345678")
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "deputy-register-visit-360")
    phone.get_by_role("button", name="提交").click()
    expect(phone.get_by_text("接待记录已登记。请将查询编号告知选民：")).to_be_visible()
    expect(phone.get_by_text("138****5678")).to_be_visible()
    visit = Visit.objects.get()

    desk = browser.new_page()
    log_in(desk, live_server, "staff")
    desk.goto(f"{live_server.url}/stations/visits/{visit.pk}/")
    take_step(desk, "assign", "交办", 承办单位="区城管局", 办理期限="2026-12-31")
    take_step(desk, "record_reply", "登记答复", 答复="已增加清运频次至每日两次")
    take_step(desk, "feed_back", "反馈选民", 反馈情况="已电话告知陈阿姨")
    take_step(desk, "evaluate", "登记评价", 评价="满意")
    take_step(desk, "close", "办结")
    expect(desk.get_by_text("已办结").first).to_be_visible()
    desk.close()

    visit.refresh_from_db()
    assert (visit.state, visit.evaluation) == (Visit.State.CLOSED, "satisfied")
    phone.goto(live_server.url + "/deputies/me/")
    expect(phone.get_by_text("本年度积分：3")).to_be_visible()
    assert phone.csp_errors == []
