"""The admin speaks Chinese: every page of every registered ModelAdmin, as street
staff with a row of every model, shows no untranslated English word. (The periodic
tasks, which django-celery-beat describes in English, open to district-level
accounts only.)"""

import html
import re

import pytest
from axes.models import AccessAttempt, AccessLog
from django.utils.html import strip_tags

from congress_portal.models import User
from deputies.models import PointRule
from liaison_stations.models import Visit
from tests.access import client_as
from tests.walk import admin_urls, district_rows, registered_admins, row_for, street_rows

pytestmark = pytest.mark.usefixtures("point_rules")

# Not untranslated: names of formats, protocols and keys (Django's own Chinese says
# “Control” and “Command”), and file types in file names.
ALLOWED = {"PDF", "Excel", "QR", "ID", "IP", "HTTP Accept", "GET", "POST", "LDAP", "Control",
           "Command", "Mac", "jpg", "pdf", "xlsx"}  # fmt: skip
# An English word standing alone: not part of a name like 青石staff, a number or a hash.
WORD = re.compile(r"(?<![\w*/.-])[A-Za-z][A-Za-z'’]+(?: [A-Za-z][A-Za-z'’]+)*(?![\w*/.-])")
HIDDEN = re.compile(
    r"<(script|style|template|select)\b.*?</\1>|<!--.*?-->|<input[^>]*type=\"hidden\"[^>]*>", re.S
)


def english_in(page, data):
    """The English words a page shows (text, buttons, placeholders, titles), but `data`."""
    page = HIDDEN.sub(" ", page)
    shown = [html.unescape(strip_tags(page))]
    shown += re.findall(r'<input[^>]*type="submit"[^>]*value="([^"]*)"', page)
    shown += re.findall(r'(?:placeholder|title|aria-label)="([^"]*)"', page)
    words = {word for text in shown for word in WORD.findall(text)}
    return words - ALLOWED - data


def data_words():
    """What the rows themselves hold in Latin letters: usernames, the browsers of
    logins, rule codes, tracking numbers."""
    values = [
        *User.objects.values_list("username", flat=True),
        *AccessAttempt.objects.values_list("user_agent", flat=True),
        *AccessLog.objects.values_list("user_agent", flat=True),
        *PointRule.objects.values_list("code", flat=True),
        *Visit.objects.values_list("tracking_number", flat=True),
    ]
    return {*values, *WORD.findall(" ".join(values))}


@pytest.fixture
def rows(street):
    district_rows()
    return street_rows(street, "青石")


def test_every_admin_page_is_in_chinese(staff, rows):
    client, data = client_as(staff), data_words()
    found = {}
    for model, model_admin in registered_admins():
        row = row_for(model, rows)
        for kind, (url, _of_row) in admin_urls(model_admin, row).items():
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            words = english_in(response.content.decode(), data)
            if words:
                found[f"{model._meta.label} {kind}"] = sorted(words)
    assert found == {}


def test_the_crawl_finds_an_untranslated_word(staff):
    page = '<div>代表 <span>Source type</span> 青石staff 13800000000 <a title="Close">关</a></div>'

    assert english_in(page, set()) == {"Source type", "Close"}
