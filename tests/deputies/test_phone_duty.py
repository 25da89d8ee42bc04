import datetime
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from deputies.models import PointEntry
from tests.browser import PHONE, log_in, page_width, screenshot
from tests.deputies.factories import MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "orange").save(buffer, "PNG")
    return {"name": "调研现场.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def test_deputy_logs_a_duty_on_a_phone_and_staff_approve_it(
    live_server, browser, phone, my_deputy, staff
):
    MembershipFactory(deputy=my_deputy)
    log_in(phone, live_server, "deputy")
    phone.wait_for_url("**/deputies/me/")
    expect(phone.get_by_text("本年度积分：0")).to_be_visible()

    phone.get_by_role("link", name="登记履职").last.click()
    phone.get_by_label("履职类别").select_option(label="自行开展视察调研（+3）")
    phone.get_by_label("日期").fill(datetime.date.today().isoformat())
    phone.get_by_label("履职内容").fill("到青石社区调研老旧小区加装电梯")
    phone.get_by_label("照片").set_input_files([png()])
    assert page_width(phone) <= PHONE["viewport"]["width"]
    screenshot(phone, "deputy-log-duty-360")
    phone.get_by_role("button", name="提交").click()

    phone.wait_for_url("**/deputies/me/")
    expect(phone.get_by_text("待审核").first).to_be_visible()
    assert PointEntry.objects.get().photos.count() == 1

    desk = browser.new_page()
    log_in(desk, live_server, "staff")
    desk.goto(live_server.url + "/deputies/review/")
    desk.get_by_label("到青石社区调研老旧小区加装电梯", exact=False).check()
    desk.get_by_role("button", name="批准所选").click()
    expect(desk.get_by_text("已通过 1 条记录。")).to_be_visible()
    desk.close()

    phone.reload()
    expect(phone.get_by_text("本年度积分：3")).to_be_visible()
    expect(phone.get_by_text("已批准").first).to_be_visible()
    screenshot(phone, "deputy-duty-approved-360")
    assert phone.csp_errors == []
