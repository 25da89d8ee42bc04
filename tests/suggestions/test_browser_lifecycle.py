import pytest
from playwright.sync_api import expect

from deputies.models import PointEntry
from suggestions.models import Suggestion
from tests.browser import PHONE, choose, log_in, page_width, screenshot, take_step
from tests.deputies.factories import DeputyFactory, MembershipFactory
from tests.liaison_stations.factories import HandlingUnitFactory
from tests.suggestions.factories import CongressSessionFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def evaluate(page, live_server, suggestion, evaluation):
    page.goto(f"{live_server.url}/suggestions/{suggestion.pk}/")
    take_step(page, "evaluate", "评价答复", **{evaluation: True})


def test_a_suggestion_from_draft_to_a_satisfied_evaluation_after_rehandling(
    live_server, browser, phone, my_deputy, other_deputy, staff, street
):
    session = CongressSessionFactory()
    MembershipFactory(deputy=my_deputy, term=session.term)
    MembershipFactory(deputy=DeputyFactory(name="王丽", street=street, user=other_deputy),
                      term=session.term)  # fmt: skip
    HandlingUnitFactory(name="区交通运输局")
    desk = browser.new_page()
    log_in(desk, live_server, "staff")

    log_in(phone, live_server, "deputy")
    phone.goto(live_server.url + "/suggestions/new/")
    phone.get_by_label("标题").fill("关于在青石小学门口增设临时停车带的建议")
    phone.locator("#id_category").select_option(label="城建交通")
    phone.get_by_label("案由").fill("上下学高峰时段家长车辆占道停放，交通拥堵。")
    phone.get_by_label("建议内容").fill("在学校东侧增设临时停车带。")
    choose(phone, "附议代表", "王丽")
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "deputy-draft-suggestion-360")
    phone.get_by_role("button", name="保存").click()
    expect(phone.get_by_text("已保存。完成后请提交阅看。")).to_be_visible()
    take_step(phone, "submit", "提交阅看")
    suggestion = Suggestion.objects.get()

    desk.goto(f"{live_server.url}/suggestions/{suggestion.pk}/")
    take_step(desk, "return_for_revision", "退回修改", 修改意见="请补充停车带的具体位置。")

    phone.reload()
    expect(phone.get_by_text("请补充停车带的具体位置。").first).to_be_visible()
    phone.get_by_role("link", name="修改").click()
    phone.get_by_label("建议内容").fill("在学校东侧青石路北段增设30个临时停车位。")
    phone.get_by_role("button", name="保存").click()
    expect(phone.get_by_text("已保存。完成后请提交阅看。")).to_be_visible()
    take_step(phone, "submit", "提交阅看")

    cosigner = browser.new_context(**PHONE).new_page()
    log_in(cosigner, live_server, "deputy2")
    cosigner.goto(live_server.url + "/suggestions/")
    expect(cosigner.get_by_text("邀请我附议")).to_be_visible()
    cosigner.get_by_role("button", name="附议", exact=True).click()
    expect(cosigner.get_by_text("您已附议该建议。")).to_be_visible()

    desk.reload()
    take_step(desk, "accept", "立案编号")
    expect(
        desk.get_by_role("heading", name="第1号 关于在青石小学门口增设临时停车带的建议")
    ).to_be_visible()
    take_step(desk, "assign", "交办", 主办单位="区交通运输局", 责任人="赵科长", 联系方式="88001234")
    take_step(
        desk,
        "answer",
        "登记答复",
        书面答复="已列入年度计划。",
        答复类别="B类：正在解决或列入计划解决",
    )

    evaluate(phone, live_server, suggestion, "不满意")
    expect(phone.get_by_text("重新办理中").first).to_be_visible()

    desk.reload()
    take_step(
        desk, "answer", "登记答复", 书面答复="停车带已施划完成。", 答复类别="A类：已解决或基本解决"
    )
    evaluate(phone, live_server, suggestion, "满意")
    expect(phone.get_by_text("已办结").first).to_be_visible()
    screenshot(phone, "deputy-suggestion-closed-360")

    suggestion.refresh_from_db()
    assert suggestion.state == Suggestion.State.CLOSED and suggestion.number == 1
    assert (suggestion.first_evaluation, suggestion.evaluation) == ("unsatisfied", "satisfied")
    assert suggestion.times_rehandled == 1 and suggestion.answers.count() == 2
    points = dict(PointEntry.objects.values_list("deputy__name", "points"))
    assert points == {"李建国": 3, "王丽": 1}
    assert phone.csp_errors == []
