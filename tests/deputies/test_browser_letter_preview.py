"""The reminder letter's preview in the admin shows the letter, as tall as a page: the
CSP refuses inline styles, so the frame is sized by the admin's stylesheet."""

import pytest
from playwright.sync_api import expect

from tests.browser import log_in
from tests.deputies.factories import DeputyFactory, MembershipFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_see_the_letter_they_preview(live_server, browser, staff, street, point_rules):
    deputy = DeputyFactory(street=street, name="李建国")
    MembershipFactory(deputy=deputy)
    desk = browser.new_page(viewport={"width": 1366, "height": 900})
    errors = []
    desk.on("console", lambda message: "Content Security Policy" in message.text
            and errors.append(message.text))  # fmt: skip
    log_in(desk, live_server, "staff")
    desk.goto(f"{live_server.url}/admin/deputies/reminderletter/issue/")
    desk.get_by_label("代表").select_option(label=str(deputy))
    desk.get_by_role("button", name="预览").click()

    letter = desk.frame_locator("iframe.letter-preview")
    expect(letter.get_by_text("李建国代表：")).to_be_visible()
    assert desk.locator("iframe.letter-preview").bounding_box()["height"] > 600
    assert errors == []
