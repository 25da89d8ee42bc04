"""Every role's main pages in a browser, on a 360 px phone and a 1366 px desktop: no
horizontal scroll, no English word of the interface, thumb-sized targets on the
deputies' pages, and the staff menu on one line at 1024 px. (The letter preview is
walked in tests/deputies/test_browser_letter_preview.py.)"""

import re

import pytest
from django.urls import reverse

from congress_portal.roles import Role
from deputies.models import PointEntry
from liaison_stations.models import StandardItem, Station, Visit
from suggestions.models import Suggestion
from tests.browser import log_in, screenshot
from tests.factories import StreetFactory, UserFactory
from tests.walk import district_rows, street_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True),
              pytest.mark.usefixtures("point_rules")]  # fmt: skip

WIDTHS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1366, "height": 900}}
# Words of an interface left in English: Django's, Bootstrap's, Tom Select's and our own
# defaults. A page showing one of them as a word has an untranslated string.
ENGLISH = [
    "Submit", "Save", "Cancel", "Search", "Next", "Previous", "Choose", "Nothing matches",
    "Type to search", "No results", "None", "Close", "Delete", "Add", "Change", "Home",
    "Log out", "Log in", "Loading", "Filter", "Export", "Page", "Menu", "Required", "Select",
    "Show", "Hide", "Edit", "View", "Download", "Upload", "Back", "Yes", "No", "Unknown",
    "Error", "Warning", "Toggle navigation", "First", "Last", "Reset", "Clear", "Remove",
    "Print", "Password", "Username", "Dashboard", "Reports", "Stations", "Visits",
    "Suggestions", "Deputies", "Points", "Ranking", "Today", "Deadline", "Overdue", "Status",
]  # fmt: skip
ENGLISH_WORD = re.compile(r"\b(?:" + "|".join(re.escape(word) for word in ENGLISH) + r")\b")
# What a thumb taps: buttons, fields, menu entries, list lines, pickers, checkboxes.
TARGETS = (".btn, .form-control, .form-select, .nav-link, .page-link, .list-group-item-action,"
           " .dropdown-item, .navbar-toggler, .ts-control, .form-check")  # fmt: skip
SHOWN_TEXT = """() => [document.body.innerText,
  ...[...document.querySelectorAll('[placeholder], [title], [aria-label], input[type=submit]')]
    .map(e => [e.placeholder, e.title, e.getAttribute('aria-label'), e.value].join(' '))]
  .join(' ')"""
SMALL_TARGETS = """(selector) => [...document.querySelectorAll(selector)]
  .filter(e => e.offsetParent !== null
    && !e.closest('.collapse:not(.show), .dropdown-menu:not(.show)'))
  .map(e => [e.className, e.innerText.slice(0, 20), e.getBoundingClientRect().height])
  .filter(([, , height]) => height > 0 && height < 43.5)"""


@pytest.fixture
def walked(street, leader):
    """A street with a row of every model; the accounts of its four roles."""
    district_rows()
    if not StandardItem.objects.exists():  # seeded by a migration, which a flush empties
        StandardItem.objects.create(group=StandardItem.Group.NINE_HAVES, name="有固定场所")
    rows = street_rows(street, "青石")
    street_rows(StreetFactory(name="白鹭街道"), "白鹭")
    visit, suggestion = rows[Visit], rows[Suggestion]
    unit = UserFactory(username="juweihui", role=Role.UNIT, handling_unit=visit.handling_unit)
    pages = {
        "青石staff": [
            "staff_home", "deputies:review_queue", "deputies:ranking", "deputies:at_risk",
            "liaison_stations:visit_ledger", "liaison_stations:coverage",
            "liaison_stations:register_visit", "suggestions:ledger", "suggestions:signals",
            "deputies:thank_you_letters", "reports:home", "sheet_jobs",
            reverse("liaison_stations:visit_detail", args=[visit.pk]),
            reverse("suggestions:detail", args=[suggestion.pk]),
        ],
        "青石deputy": [
            "deputies:my_duties", "deputies:log_duty", "deputies:my_archive", "suggestions:mine",
            "suggestions:new", "liaison_stations:visit_ledger", "liaison_stations:register_visit",
            "liaison_stations:my_code", "liaison_stations:directory", "sheet_jobs",
            reverse("suggestions:detail", args=[suggestion.pk]),
        ],
        leader.username: [
            "reports:home", "reports:dashboard", "deputies:ranking", "deputies:at_risk",
            "liaison_stations:visit_ledger", "suggestions:ledger", "suggestions:signals",
        ],
        unit.username: ["unit_home", reverse("liaison_stations:visit_detail", args=[visit.pk])],
        None: [
            "login", "liaison_stations:directory", "liaison_stations:track",
            reverse("liaison_stations:station_matter", args=[rows[Station].pk]),
        ],
    }  # fmt: skip
    PointEntry.objects.update(state=PointEntry.State.PENDING)
    return pages


def url_of(page):
    return page if page.startswith("/") else reverse(page)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_roles_pages_fit_and_speak_chinese(live_server, browser, walked, width):
    problems = []
    for username, pages in walked.items():
        context = browser.new_context(viewport=WIDTHS[width], is_mobile=width == "phone",
                                      has_touch=width == "phone", locale="zh-CN")  # fmt: skip
        tab = context.new_page()
        if username:
            log_in(tab, live_server, username)
        for page in pages:
            tab.goto(live_server.url + url_of(page))
            where = f"{username or '选民'} {url_of(page)} {width}"
            if tab.evaluate("document.documentElement.scrollWidth") > WIDTHS[width]["width"]:
                problems.append(f"{where}: scrolls sideways")
            shown = tab.evaluate(SHOWN_TEXT)
            english = set(ENGLISH_WORD.findall(shown))
            if english:
                problems.append(f"{where}: {sorted(english)}")
            if "---------" in shown:
                problems.append(f"{where}: an empty choice reads ---------, not 请选择")
            if username == "青石deputy":
                small = tab.evaluate(SMALL_TARGETS, TARGETS)
                if small:
                    problems.append(f"{where}: targets under 44 px {small[:3]}")
        screenshot(tab, f"walk-{width}-{username or 'public'}")
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_staff_menu_fits_on_one_line_at_1024_px(live_server, browser, walked):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, locale="zh-CN")
    tab = context.new_page()
    log_in(tab, live_server, "青石staff")

    tops = tab.evaluate(
        "[...document.querySelectorAll('.portal-navbar .nav-item')]"
        ".map(e => Math.round(e.getBoundingClientRect().top))"
    )
    words = tab.evaluate(
        "[...document.querySelectorAll('.portal-navbar .nav-link')]"
        ".map(e => e.getBoundingClientRect().height)"
    )

    assert len(set(tops)) == 1, tops
    assert max(words) < 50, words  # no label broken over two lines ("管理后/台")
    screenshot(tab, "staff-menu-1024")
    context.close()
