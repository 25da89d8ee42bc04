"""Settings are read afresh from a patched environment, never the running ones."""

import runpy

import pytest
from django.core.exceptions import ImproperlyConfigured

# runpy warns that it runs a module already imported: a fresh run is the point.
pytestmark = pytest.mark.filterwarnings("ignore:'congress_portal.settings' found in sys.modules")

PRODUCTION = {
    "DEBUG": "false",
    "DATABASE_URL": "postgres://portal:secret@db:5432/portal",
    "REDIS_URL": "redis://redis:6379/0",
    "SECRET_KEY": "q7Vf-3kLz9#pW2rT8mYx!cN4hB6jD0sGu5aE1oKi@RvXw%nZ-production-like-key",
    "ALLOWED_HOSTS": "portal.example.org",
}


def load_settings(monkeypatch, **environment):
    for name in ["DEBUG", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "EMAIL_URL"]:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_module("congress_portal.settings")


def test_defaults_need_no_services(monkeypatch):
    settings = load_settings(monkeypatch)

    assert settings["DEBUG"] is True
    assert settings["DATABASES"]["default"]["ENGINE"] == "django.db.backends.sqlite3"
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is True
    assert settings["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"
    assert settings["LANGUAGE_CODE"] == "zh-hans"
    assert settings["TIME_ZONE"] == "Asia/Shanghai"
    assert settings["USE_TZ"] is True


def test_production_reads_services_from_the_environment(monkeypatch):
    settings = load_settings(
        monkeypatch, **PRODUCTION, EMAIL_URL="smtp+tls://mailer:secret@mail.example.org:587"
    )

    assert settings["DATABASES"]["default"]["HOST"] == "db"
    assert settings["CELERY_BROKER_URL"] == "redis://redis:6379/0"
    assert settings["CELERY_TASK_ALWAYS_EAGER"] is False
    assert settings["EMAIL_HOST"] == "mail.example.org"
    assert settings["SESSION_COOKIE_SECURE"] and settings["CSRF_COOKIE_SECURE"]
    assert settings["SECURE_HSTS_SECONDS"] >= 31_536_000


@pytest.mark.parametrize(
    "environment, named",
    [
        ({"DEBUG": "maybe"}, "DEBUG"),
        ({"DATABASE_URL": "mongodb://db/portal"}, "DATABASE_URL"),
        ({"REDIS_URL": "http://redis:6379"}, "REDIS_URL"),
        ({"EMAIL_URL": "pigeon://roof"}, "EMAIL_URL"),
        ({"SESSION_IDLE_MINUTES": "0"}, "SESSION_IDLE_MINUTES"),
        ({"AXES_FAILURE_LIMIT": "five"}, "AXES_FAILURE_LIMIT"),
        ({"SECURE_SSL_REDIRECT": "yes please"}, "SECURE_SSL_REDIRECT"),
        ({"TRUSTED_PROXY_COUNT": "-1"}, "TRUSTED_PROXY_COUNT"),
        ({"LOG_LEVEL": "LOUD"}, "LOG_LEVEL"),
        ({"FILE_SERVER": "apache"}, "FILE_SERVER"),
        ({"PUBLIC_SEND_RATE": "10 per hour"}, "PUBLIC_SEND_RATE"),
        ({"PUBLIC_TRACK_NUMBER_RATE": "0/h"}, "PUBLIC_TRACK_NUMBER_RATE"),
        ({"ONLINE_MATTER_RETENTION_YEARS": "0"}, "ONLINE_MATTER_RETENTION_YEARS"),
        ({"REMEMBER_DEPUTY_DAYS": "0"}, "REMEMBER_DEPUTY_DAYS"),
    ],
)
def test_bad_values_stop_the_start_naming_the_variable(monkeypatch, environment, named):
    with pytest.raises(ImproperlyConfigured, match=named):
        load_settings(monkeypatch, **environment)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "DATABASE_URL", "REDIS_URL"])
def test_production_requires_its_secret_database_and_redis(monkeypatch, missing):
    environment = {name: value for name, value in PRODUCTION.items() if name != missing}

    with pytest.raises(ImproperlyConfigured, match=missing):
        load_settings(monkeypatch, **environment)


@pytest.mark.parametrize(
    "file_server, backend",
    [(None, "development"), ("nginx", "nginx"), ("xsendfile", "xsendfile")],
)
def test_files_are_streamed_by_django_unless_the_web_server_sends_them(
    monkeypatch, file_server, backend
):
    environment = {"FILE_SERVER": file_server} if file_server else {}
    monkeypatch.setenv("MEDIA_ROOT", "/data/media")

    settings = load_settings(monkeypatch, **PRODUCTION, **environment)

    assert settings["SENDFILE_BACKEND"] == f"django_sendfile.backends.{backend}"
    assert str(settings["SENDFILE_ROOT"]) == "/data/media"


def test_list_values_ignore_blanks_around_items(monkeypatch):
    settings = load_settings(monkeypatch, ALLOWED_HOSTS="a.example.org, b.example.org ,")

    assert settings["ALLOWED_HOSTS"] == ["a.example.org", "b.example.org"]


def test_celery_kills_tasks_before_redis_hands_them_to_another_worker(monkeypatch):
    settings = load_settings(monkeypatch, **PRODUCTION)
    visibility = settings["CELERY_BROKER_TRANSPORT_OPTIONS"]["visibility_timeout"]

    assert settings["CELERY_TASK_SOFT_TIME_LIMIT"] < settings["CELERY_TASK_TIME_LIMIT"] < visibility
    assert settings["CELERY_TASK_ACKS_LATE"] and settings["CELERY_TASK_REJECT_ON_WORKER_LOST"]
    assert settings["CELERY_ACCEPT_CONTENT"] == ["json"]
    assert settings["CELERY_BEAT_SCHEDULER"].startswith("django_celery_beat")
