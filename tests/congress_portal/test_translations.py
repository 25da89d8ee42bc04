import shutil
from pathlib import Path

import polib
from django.core.management import call_command
from django.urls import reverse

from tests.access import get_as

CATALOGUE = Path("locale") / "zh_Hans" / "LC_MESSAGES" / "django.po"
SOURCES = ["congress_portal", "deputies", "liaison_stations", "suggestions", "reports", "templates"]


def test_catalogue_has_every_string_translated(tmp_path, settings, monkeypatch):
    """makemessages over a copy of the sources and catalogue: a string added to
    the code but not to the catalogue shows up there untranslated."""
    for source in SOURCES:
        shutil.copytree(settings.BASE_DIR / source, tmp_path / source)
    (tmp_path / CATALOGUE).parent.mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / CATALOGUE, tmp_path / CATALOGUE)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(tmp_path)

    call_command("makemessages", locale=["zh_Hans"], no_location=True, verbosity=0)

    catalogue = polib.pofile(tmp_path / CATALOGUE)
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [], f"untranslated: {missing}"
    assert fuzzy == [], f"fuzzy: {fuzzy}"


def test_login_page_speaks_chinese(db):
    page = get_as(None, reverse("login")).content.decode()

    assert '<html lang="zh-hans">' in page
    assert "人大街道工委门户" in page
    assert "用户名" in page
    assert "登录" in page


def test_english_browsers_still_get_chinese(client, db):
    page = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()

    assert "登录" in page
