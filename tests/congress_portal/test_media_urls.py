"""No /media/ URL hands out a stored file: files go out only through views that
check who may see them (congress_portal.files), with DEBUG on or off."""

import importlib

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import clear_url_caches

from congress_portal import urls
from tests.access import client_as


@pytest.fixture
def urls_built_with(settings):
    """The URLconf as it is built with DEBUG on or off (django.conf.urls.static
    looks at DEBUG when the URLconf is imported)."""

    def build(debug):
        settings.DEBUG = debug
        importlib.reload(urls)
        clear_url_caches()

    yield build
    settings.DEBUG = False
    importlib.reload(urls)
    clear_url_caches()


@pytest.mark.parametrize("debug", [True, False])
@pytest.mark.parametrize("persona", ["anonymous", "staff"])
def test_a_stored_file_is_not_served_from_media(urls_built_with, personas, debug, persona):
    name = default_storage.save("reports/archives/archive-1-2026.pdf", ContentFile(b"%PDF-1.4"))
    urls_built_with(debug)

    response = client_as(personas[persona]).get(f"/media/{name}")

    assert response.status_code == 404
