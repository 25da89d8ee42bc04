"""send_file: the one response for every stored file a view hands out."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.http import Http404
from django.test import RequestFactory
from django_sendfile.utils import _get_sendfile

from congress_portal.files import send_file
from reports.models import AnnualReport


@pytest.fixture
def file_server(settings):
    """Switch settings.SENDFILE_BACKEND (django-sendfile2 caches the backend it loaded)."""

    def use(backend):
        settings.SENDFILE_BACKEND = f"django_sendfile.backends.{backend}"
        _get_sendfile.cache_clear()

    yield use
    _get_sendfile.cache_clear()


NAME = "reports/annual/2026/Zq8tkXw3/report-1.pdf"


@pytest.fixture
def stored():
    name = default_storage.save(NAME, ContentFile(b"%PDF"))
    return FieldFile(None, AnnualReport._meta.get_field("pdf"), name)


def send(stored, **kwargs):
    request = RequestFactory().get("/reports/annual/1/download/")
    return send_file(request, stored, "青石街道2026年工作总结.pdf", **kwargs)


def test_nginx_sends_the_bytes_from_its_internal_location(file_server, stored):
    file_server("nginx")

    response = send(stored)

    assert response["X-Accel-Redirect"] == f"/internal-media/{NAME}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''%E9%9D%92%E7%9F%B3" in response["Content-Disposition"]
    assert "private" in response["Cache-Control"]


def test_apache_and_lighttpd_get_the_path_in_x_sendfile(file_server, stored):
    file_server("xsendfile")

    response = send(stored)

    assert response["X-Sendfile"] == stored.path
    assert response.content == b""


def test_in_development_django_streams_the_file(file_server, stored):
    file_server("development")

    response = send(stored, as_attachment=False)

    assert response.streaming and b"".join(response.streaming_content) == b"%PDF"
    assert response["Content-Disposition"].startswith("inline;")


def test_a_file_missing_from_the_storage_is_not_found(file_server, stored):
    file_server("nginx")
    default_storage.delete(stored.name)

    with pytest.raises(Http404):
        send(stored)
