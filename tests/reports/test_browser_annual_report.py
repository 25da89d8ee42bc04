import pytest
from playwright.sync_api import expect

from reports.models import AnnualReport, ReportDownload
from tests.browser import log_in
from tests.liaison_stations.factories import StationFactory, VisitFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_write_and_generate_the_annual_report_and_leadership_download_it(
    live_server, browser, staff, leader, street, point_rules
):
    VisitFactory.create_batch(2, station=StationFactory(street=street))
    desk = browser.new_page()
    log_in(desk, live_server, "staff")

    desk.goto(live_server.url + "/reports/")
    desk.get_by_role("button", name="按本年度数据创建").click()
    expect(desk.get_by_text("报告已创建，年度数据正在后台统计")).to_be_visible()
    desk.locator("#id_sections-0-narrative").fill("街道新建企业联络站一个，阵地建设更加规范。")
    desk.get_by_role("button", name="保存", exact=True).click()
    desk.goto(live_server.url + "/reports/")
    desk.get_by_role("button", name="生成 PDF").click()
    expect(desk.get_by_text("PDF 正在生成")).to_be_visible()
    desk.reload()
    expect(desk.get_by_text("已生成")).to_be_visible()
    desk.close()

    reader = browser.new_page()
    log_in(reader, live_server, "leader")
    reader.goto(live_server.url + "/reports/")
    with reader.expect_download() as download:
        reader.get_by_role("link", name="下载 PDF").click()
    with open(download.value.path(), "rb") as file:
        assert file.read(5) == b"%PDF-"
    report = AnnualReport.objects.get()
    assert report.sections.first().narrative.startswith("街道新建企业联络站")
    assert ReportDownload.objects.get().by == leader
