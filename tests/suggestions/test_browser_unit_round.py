"""A suggestion's whole round between the committee and two handling units, each on
its own login and the units on phones: staff assign → the lead unit signs for it →
the co-handling unit files its view → the lead unit answers → staff return it once →
the unit answers again → staff release → the deputy evaluates 不满意 → the unit
answers again → released → 满意; the league table of units shows it."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from congress_portal.roles import Role
from suggestions.models import Suggestion
from tests.browser import PHONE, log_in, page_width, screenshot, take_step
from tests.factories import UserFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import SuggestionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def answer(page, text, answer_class):
    met_on = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    take_step(page, "submit_answer", "提交答复待审核", 书面答复=text, 答复类别=answer_class,
              与代表见面人="王局长", 见面日期=met_on)  # fmt: skip


def test_a_suggestions_round_between_the_committee_the_units_and_the_deputy(
    live_server, browser, phone, my_deputy, staff
):
    housing, urban = HandlingUnitFactory(name="区住建局"), HandlingUnitFactory(name="区城管局")
    UserFactory(username="zhujianju", role=Role.UNIT, handling_unit=housing)
    UserFactory(username="chengguanju", role=Role.UNIT, handling_unit=urban)
    suggestion = SuggestionFactory(
        lead=my_deputy, state=Suggestion.State.ACCEPTED, number=1,
        accepted_on=timezone.localdate(), title="关于修缮青石路人行道的建议",
    )  # fmt: skip
    url = f"{live_server.url}/suggestions/{suggestion.pk}/"
    desk = browser.new_page()
    log_in(desk, live_server, "staff")
    desk.goto(url)
    take_step(desk, "assign", "交办", 主办单位="区住建局", 责任人="张科长", 联系方式="88001234",
              协办单位="区城管局")  # fmt: skip

    log_in(phone, live_server, "zhujianju")
    expect(phone.get_by_role("link", name="关于修缮青石路人行道的建议")).to_be_visible()
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "unit-home-360")
    phone.get_by_role("link", name="关于修缮青石路人行道的建议").click()
    take_step(phone, "sign_for", "签收", 签收单位="区住建局 · 主办单位")

    co_phone = browser.new_context(**PHONE).new_page()
    log_in(co_phone, live_server, "chengguanju")
    co_phone.goto(url)
    take_step(co_phone, "file_view", "登记协办意见", 协办单位="区城管局 · 协办单位",
              协办意见="同意，配合做好占道施工审批")  # fmt: skip

    answer(phone, "已安排修缮。", "A类：已解决或基本解决")
    desk.reload()
    take_step(desk, "return_answer", "退回承办单位完善", 需承办单位完善的内容="请写明完工日期。")
    phone.reload()
    expect(phone.locator(".alert-warning")).to_contain_text("请写明完工日期。")
    answer(phone, "人行道已于本月修缮完毕。", "A类：已解决或基本解决")
    desk.reload()
    take_step(desk, "release", "审核通过，答复代表")

    deputy = browser.new_context(**PHONE).new_page()
    log_in(deputy, live_server, "deputy")
    deputy.goto(url)
    expect(deputy.get_by_text("人行道已于本月修缮完毕。")).to_be_visible()
    take_step(deputy, "evaluate", "评价答复", 不满意=True)
    phone.reload()
    answer(phone, "已返工，破损路面全部更换。", "A类：已解决或基本解决")
    desk.reload()
    take_step(desk, "release", "审核通过，答复代表")
    deputy.reload()
    take_step(deputy, "evaluate", "评价答复", 满意=True)
    expect(deputy.get_by_text("已办结").first).to_be_visible()

    desk.goto(f"{live_server.url}/suggestions/statistics/")
    row = desk.get_by_role("row").filter(has_text="区住建局")
    expect(row).to_contain_text("100%")  # answered, solved and met the deputy: all of it
    suggestion.refresh_from_db()
    assert (suggestion.state, suggestion.first_evaluation, suggestion.times_rehandled) == (
        Suggestion.State.CLOSED, "unsatisfied", 1)  # fmt: skip
    assert [a.text for a in suggestion.answers.all()] == ["人行道已于本月修缮完毕。",
                                                          "已返工，破损路面全部更换。"]  # fmt: skip
    assert phone.csp_errors == []
