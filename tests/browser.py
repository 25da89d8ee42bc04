"""Playwright driving Debian's Chromium (never a downloaded browser)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect, sync_playwright

from tests.factories import PASSWORD

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
# Without these, Chromium keeps trying to reach Google's hosts, which this
# network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture(scope="module")
def browser():
    """One Chromium per test module; the async-unsafe switch lives only as long."""
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    # Playwright's sync API runs an event loop in this thread; the ORM calls
    # that live_server tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]


@pytest.fixture
def phone(browser):
    """A 360 px wide phone page that records CSP violations in `page.csp_errors`."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.csp_errors = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_errors.append(message.text)
        ),
    )
    yield page
    context.close()


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def log_in(page, live_server, username):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page).not_to_have_url(re.compile("/accounts/login/"))


def searchable(container, field_label):
    """The typing box of a searchable select (Tom Select, static/js/pickers.js)."""
    return container.get_by_label(field_label).and_(container.locator(".ts-control input"))


def choose(container, field_label, value):
    """Choose `value` in a searchable select: type it, click the option that comes up."""
    field = searchable(container, field_label)
    field.click()
    field.fill(value)
    wrapper = field.locator("xpath=ancestor::div[contains(@class, 'ts-wrapper')]")
    option = wrapper.locator(".ts-dropdown .option", has_text=value).first
    try:
        option.wait_for(state="visible", timeout=3000)
    except PlaywrightTimeout:
        field.press("ArrowDown")  # the list closed under a busy machine: open it again
    option.click()
    expect(wrapper.locator(".ts-control .item", has_text=value).first).to_be_attached()


def take_step(page, step, label, **fields):
    """Open the step's panel on a case page, fill its fields by label, take it."""
    panel = page.locator(f"#step-{step}")
    if not panel.is_visible():
        page.get_by_role("button", name=label, exact=True).first.click()
    # Bootstrap marks the panel `show` once it has finished opening; a click
    # while it still grows may land on a moving target.
    expect(panel).to_have_class(re.compile(r"\bshow\b"))
    for field_label, value in fields.items():
        field = panel.get_by_label(field_label)
        if value is True:
            panel.get_by_label(field_label, exact=True).check()
        elif searchable(panel, field_label).count():
            choose(panel, field_label, value)
        elif field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    # The page still shows the previous step's message: wait for the new page.
    with page.expect_navigation():
        panel.get_by_role("button", name=label, exact=True).click()
    expect(page.get_by_text("已保存。", exact=True)).to_be_visible()
