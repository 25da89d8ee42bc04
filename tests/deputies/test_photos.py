"""Deputies' portraits, evidence photos and activity photos go out only through
views that check who may see them, under names no one can guess."""

from urllib.parse import quote

import pytest
from django.urls import reverse
from django_sendfile.utils import _get_sendfile

from congress_portal.roles import Role
from deputies.models import ActivityPhoto, EntryPhoto
from tests.access import LOGIN, assert_outcome, get_as
from tests.deputies.factories import (
    ActivityFactory,
    AttendanceFactory,
    DeputyFactory,
    PointEntryFactory,
)
from tests.factories import StreetFactory, UserFactory
from tests.uploads import png, png_bytes


@pytest.fixture
def evidence(my_deputy):
    entry = PointEntryFactory(deputy=my_deputy)
    return EntryPhoto.objects.create(entry=entry, image=png("现场照片.png"))


@pytest.fixture
def activity_photo(my_deputy, street):
    activity = ActivityFactory(street=street)
    AttendanceFactory(activity=activity, deputy=my_deputy)
    return ActivityPhoto.objects.create(activity=activity, image=png("视察合影.png"))


@pytest.fixture
def portrait(my_deputy):
    my_deputy.photo = png("李建国.png")
    my_deputy.save()
    return my_deputy


@pytest.fixture
def outsiders(street, other_deputy):
    """Another deputy of the same street, staff of another street, and district staff."""
    DeputyFactory(street=street, user=other_deputy)
    return {
        "other deputy": other_deputy,
        "other street's staff": UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道")),
        "district staff": UserFactory(role=Role.STAFF, street=None),
    }


def who(personas, outsiders, persona):
    return {**personas, **outsiders}[persona]


MATRIX = [
    ("deputy", 200),
    ("staff", 200),
    ("leadership", 200),
    ("district staff", 200),
    ("other deputy", 404),
    ("other street's staff", 404),
    ("anonymous", LOGIN),
]


@pytest.mark.parametrize("persona, outcome", MATRIX)
def test_evidence_photo_is_for_its_deputy_and_readers_of_the_street(
    evidence, personas, outsiders, persona, outcome
):
    response = get_as(who(personas, outsiders, persona), evidence.image.url)

    assert_outcome(response, outcome)
    if outcome == 200:
        assert b"".join(response.streaming_content) == png_bytes()
        assert response["Content-Type"] == "image/png"
        assert response["Content-Disposition"].startswith("inline;")


@pytest.mark.parametrize("persona, outcome", MATRIX)
def test_activity_photo_is_for_its_deputies_and_readers_of_the_street(
    activity_photo, personas, outsiders, persona, outcome
):
    response = get_as(who(personas, outsiders, persona), activity_photo.image.url)

    assert_outcome(response, outcome)


@pytest.mark.parametrize("persona, outcome", MATRIX)
def test_portrait_is_for_the_deputy_and_readers_of_the_street(
    portrait, personas, outsiders, persona, outcome
):
    response = get_as(who(personas, outsiders, persona), portrait.photo.url)

    assert_outcome(response, outcome)


def test_file_urls_are_the_checked_views(evidence, activity_photo, portrait):
    assert evidence.image.url == reverse("deputies:entry_photo", args=[evidence.pk])
    assert activity_photo.image.url == reverse("deputies:activity_photo", args=[activity_photo.pk])
    assert portrait.photo.url == reverse("deputies:photo", args=[portrait.pk])


def test_a_deputy_without_a_photo_has_none_to_send(my_deputy, staff):
    assert get_as(staff, reverse("deputies:photo", args=[my_deputy.pk])).status_code == 404


def test_stored_names_carry_a_random_token_and_keep_the_uploaded_name(my_deputy):
    entry = PointEntryFactory(deputy=my_deputy)
    first = EntryPhoto.objects.create(entry=entry, image=png("现场照片.png"))
    second = EntryPhoto.objects.create(entry=entry, image=png("现场照片.png"))

    folder, year, token, name = first.image.name.split("/", 1)[1].split("/")
    assert folder == "evidence" and len(token) >= 20 and name == "现场照片.png"
    assert second.image.name.split("/")[3] != token


def test_behind_nginx_the_view_answers_with_x_accel_redirect_and_no_body(evidence, staff, settings):
    settings.SENDFILE_BACKEND = "django_sendfile.backends.nginx"
    _get_sendfile.cache_clear()
    try:
        response = get_as(staff, evidence.image.url)
    finally:
        _get_sendfile.cache_clear()

    assert response["X-Accel-Redirect"] == quote(f"/internal-media/{evidence.image.name}")
    assert response.content == b""


def test_the_review_queue_links_to_the_checked_photo(evidence, staff):
    page = get_as(staff, reverse("deputies:review_queue")).content.decode()

    assert reverse("deputies:entry_photo", args=[evidence.pk]) in page
    assert "/media/" not in page
