"""The admin's change pages link every stored file to the view that checks who may
see it (FieldFile.url is the model's get_<field>_url), never to a /media/ address."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from deputies.models import ActivityPhoto, EntryPhoto, ThankYouBatch, ThankYouLetter
from reports.models import AnnualReport, ArchivePDF
from suggestions.models import Answer, Attachment
from tests.access import get_as
from tests.deputies.factories import ActivityFactory, DeputyFactory, PointEntryFactory
from tests.suggestions.factories import SuggestionFactory
from tests.uploads import pdf, png

pytestmark = pytest.mark.usefixtures("point_rules")


def change_page(user, row):
    url = reverse(f"admin:{row._meta.app_label}_{row._meta.model_name}_change", args=[row.pk])
    return get_as(user, url).content.decode()


def rendered(name):
    return ContentFile(b"%PDF-1.4", name=name)


def test_deputy_photo(staff, street):
    deputy = DeputyFactory(street=street, photo=png())

    page = change_page(staff, deputy)

    assert reverse("deputies:photo", args=[deputy.pk]) in page and "/media/" not in page


def test_evidence_photos(staff, street):
    entry = PointEntryFactory(deputy__street=street)
    photo = EntryPhoto.objects.create(entry=entry, image=png())

    page = change_page(staff, entry)

    assert reverse("deputies:entry_photo", args=[photo.pk]) in page and "/media/" not in page


@pytest.mark.parametrize("kind", ["entry", "activity"])
def test_photos_show_as_pictures_staff_may_open(staff, street, kind):
    if kind == "entry":
        row = PointEntryFactory(deputy__street=street)
        photo = EntryPhoto.objects.create(entry=row, image=png())
    else:
        row = ActivityFactory(street=street)
        photo = ActivityPhoto.objects.create(activity=row, image=png())
    url = reverse(f"deputies:{kind}_photo", args=[photo.pk])

    page = change_page(staff, row)

    assert f'<img class="admin-thumbnail" src="{url}"' in page
    assert get_as(staff, url).status_code == 200


def test_activity_photos(staff, street):
    activity = ActivityFactory(street=street)
    photo = ActivityPhoto.objects.create(activity=activity, image=png())

    page = change_page(staff, activity)

    assert reverse("deputies:activity_photo", args=[photo.pk]) in page
    assert "/media/" not in page


def test_thank_you_letters(staff, street):
    batch = ThankYouBatch.objects.create(street=street, year=2026)
    batch.combined_pdf.save("thanks-all.pdf", rendered("thanks-all.pdf"))
    letter = ThankYouLetter.objects.create(
        batch=batch, deputy=DeputyFactory(street=street), employer="青石小学", points=8,
        activities=2, pdf=rendered("thanks-1.pdf"),
    )  # fmt: skip

    page = change_page(staff, batch)

    assert reverse("deputies:thank_you_combined_pdf", args=[batch.pk]) in page
    assert reverse("deputies:thank_you_letter_pdf", args=[letter.pk]) in page
    assert "/media/" not in page


def test_annual_report_and_archive_pdfs(staff, street):
    report = AnnualReport.objects.create(street=street, year=2026, title="2026年工作总结")
    report.pdf.save("report.pdf", rendered("report.pdf"))
    archive = ArchivePDF.objects.create(deputy=DeputyFactory(street=street), year=2026)
    archive.pdf.save("archive.pdf", rendered("archive.pdf"))

    assert reverse("reports:download", args=[report.pk]) in change_page(staff, report)
    page = change_page(staff, archive)
    assert reverse("reports:download_archive", args=[archive.deputy_id, 2026]) in page
    assert "/media/" not in page


def test_suggestion_attachments_and_answer_letters(staff, street):
    suggestion = SuggestionFactory(street=street, lead__street=street)
    attachment = Attachment.objects.create(suggestion=suggestion, file=pdf())
    answer = Answer.objects.create(
        suggestion=suggestion, round=1, text="已答复", answer_class="A",
        answered_on="2026-06-01", attachment=pdf("答复函.pdf"),
    )  # fmt: skip

    page = change_page(staff, suggestion)

    assert attachment.file.url in page and answer.attachment.url in page
    assert attachment.file.url == reverse(
        "suggestions:download", args=[suggestion.pk, "attachment", attachment.pk]
    )
    assert "/media/" not in page
