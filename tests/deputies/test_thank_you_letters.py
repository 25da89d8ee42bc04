import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from congress_portal.roles import Role
from deputies import letters
from deputies.models import Attendance, ThankYouBatch
from tests.access import LOGIN, assert_outcome, client_as, get_as
from tests.deputies.factories import AttendanceFactory, DeputyFactory, MembershipFactory
from tests.factories import StreetFactory, UserFactory

pytestmark = pytest.mark.usefixtures("point_rules")


def current(street, name, employer):
    deputy = DeputyFactory(street=street, name=name, employer=employer)
    MembershipFactory(deputy=deputy)
    return deputy


@pytest.fixture
def chosen(street):
    first = current(street, "周晓梅", "青石实验小学")
    second = current(street, "吴海波", "临江区人民医院")
    AttendanceFactory(
        deputy=first,
        activity__street=street,
        activity__held_on=datetime.date(2025, 6, 1),
        status=Attendance.Status.ATTENDED,
    )
    return [first, second]


@pytest.fixture
def batch(chosen, staff, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_as(staff).post(
            reverse("deputies:thank_you_letters"),
            {"deputies": [d.pk for d in chosen], "year": 2025},
        )
    assert response.status_code == 302
    return ThankYouBatch.objects.get()


def pages(content):
    return [page.extract_text() for page in PdfReader(io.BytesIO(content)).pages]


def test_staff_get_one_letter_each_and_one_combined_pdf(batch):
    assert batch.state == ThankYouBatch.State.READY
    combined = pages(batch.combined_pdf.read())
    letters_ = list(batch.letters.order_by("pk"))
    employers = {letter.deputy.name: letter.employer for letter in letters_}
    assert employers == {"周晓梅": "青石实验小学", "吴海波": "临江区人民医院"}
    assert {letter.deputy.name: letter.activities for letter in letters_} == {
        "周晓梅": 1,
        "吴海波": 0,
    }
    # Each letter starts on a new page.
    assert len(combined) == 2
    for letter, page in zip(letters_, combined, strict=True):
        assert letter.employer in page and letter.deputy.name in page
    for letter in letters_:
        (text,) = pages(letter.pdf.read())
        assert letter.deputy.name in text and letter.employer in text


def test_rendering_twice_changes_nothing(batch):
    name = batch.combined_pdf.name
    assert letters.render_thank_you_batch(batch.pk) is None
    batch.refresh_from_db()
    assert batch.combined_pdf.name == name


def test_a_deputy_without_employer_is_refused(street, staff):
    nobody = current(street, "郑丽", "")
    response = client_as(staff).post(
        reverse("deputies:thank_you_letters"), {"deputies": [nobody.pk], "year": 2025}
    )
    assert response.status_code == 200
    assert "郑丽" in response.content.decode()
    assert not ThankYouBatch.objects.exists()


def test_admin_action_on_deputies_opens_the_page_with_them_chosen(chosen, staff):
    client = client_as(staff)
    response = client.post(
        reverse("admin:deputies_deputy_changelist"),
        {"action": "thank_employers", "_selected_action": [d.pk for d in chosen]},
    )
    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert page.count("checked") == 2


PAGE_OUTCOMES = [
    ("staff", 200),
    ("deputy", 403),
    ("other", 403),
    ("leadership", 200),
    ("anonymous", LOGIN),
]


def persona_user(personas, other_deputy, persona):
    return other_deputy if persona == "other" else personas[persona]


@pytest.mark.parametrize(("persona", "outcome"), PAGE_OUTCOMES)
def test_who_opens_the_thank_you_pages(batch, personas, other_deputy, persona, outcome):
    user = persona_user(personas, other_deputy, persona)
    for url in (
        reverse("deputies:thank_you_letters"),
        reverse("deputies:thank_you_batch", args=[batch.pk]),
    ):
        assert_outcome(get_as(user, url), outcome)


@pytest.mark.parametrize(("persona", "outcome"), PAGE_OUTCOMES)
def test_who_downloads_the_letters(batch, personas, other_deputy, persona, outcome):
    user = persona_user(personas, other_deputy, persona)
    letter = batch.letters.first()
    for url in (
        reverse("deputies:thank_you_combined_pdf", args=[batch.pk]),
        reverse("deputies:thank_you_letter_pdf", args=[letter.pk]),
    ):
        response = get_as(user, url)
        assert_outcome(response, outcome)
        if outcome == 200:
            assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_staff_of_another_street_get_404(batch):
    stranger = UserFactory(role=Role.STAFF, street=StreetFactory(name="白鹭街道"))
    letter = batch.letters.first()
    for url in (
        reverse("deputies:thank_you_batch", args=[batch.pk]),
        reverse("deputies:thank_you_combined_pdf", args=[batch.pk]),
        reverse("deputies:thank_you_letter_pdf", args=[letter.pk]),
    ):
        assert get_as(stranger, url).status_code == 404


def test_leadership_cannot_request_letters(chosen, leader):
    response = client_as(leader).post(
        reverse("deputies:thank_you_letters"), {"deputies": [chosen[0].pk], "year": 2025}
    )
    assert response.status_code == 403
    assert not ThankYouBatch.objects.exists()


def test_staff_open_the_thank_you_admin(batch, staff):
    client = client_as(staff)
    assert client.get(reverse("admin:deputies_thankyoubatch_changelist")).status_code == 200
    change = client.get(reverse("admin:deputies_thankyoubatch_change", args=[batch.pk]))
    assert change.status_code == 200
