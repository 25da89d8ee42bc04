"""Uploads are checked before anything is saved (congress_portal.uploads): photos
within the size and pixel limits (decompression bombs refused from their header),
attachments whose bytes are what their name says."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.forms import modelform_factory
from django.urls import reverse

from deputies.models import Deputy, EntryPhoto, PointEntry, PointRule
from suggestions.models import Attachment, Suggestion
from tests.access import client_as
from tests.deputies.factories import MembershipFactory
from tests.suggestions.factories import CongressSessionFactory, SuggestionFactory
from tests.uploads import (
    bomb,
    bomb_bytes,
    docx,
    html_renamed,
    large_png_bytes,
    pdf,
    png,
    upload,
    xlsx,
)

BOMB_MESSAGE = "图片超过 40,000,000 像素，请缩小后重新上传。"
TOO_LARGE_MESSAGE = "文件超过 10 MB。"


def nothing_stored():
    return default_storage.listdir("")[1] == [] and default_storage.listdir("")[0] == []


def log_duty(deputy, photos):
    rule = PointRule.objects.get(code="inspection_research")
    form = {
        "rule": rule.pk,
        "occurred_on": datetime.date.today().isoformat(),
        "description": "调研老旧小区加装电梯",
        "photos": photos,
    }
    return client_as(deputy).post(reverse("deputies:log_duty"), form)


@pytest.mark.parametrize("megapixels", [100, 144, 400])
def test_a_decompression_bomb_is_refused_and_nothing_saved(my_deputy, deputy, megapixels):
    page = log_duty(deputy, [png("现场.png"), bomb(megapixels)])

    assert page.status_code == 200 and BOMB_MESSAGE in page.content.decode()
    assert not PointEntry.objects.exists() and not EntryPhoto.objects.exists()
    assert nothing_stored()


def test_a_photo_over_the_size_limit_is_refused_and_nothing_saved(my_deputy, deputy):
    page = log_duty(deputy, [upload("大图.png", large_png_bytes(10.5))])

    assert page.status_code == 200 and TOO_LARGE_MESSAGE in page.content.decode()
    assert not PointEntry.objects.exists() and nothing_stored()


def test_the_pixel_limit_is_a_setting(my_deputy, deputy, settings):
    settings.UPLOAD_MAX_MEGAPIXELS = 1

    page = log_duty(deputy, [bomb(2)])

    assert "图片超过 1,000,000 像素，请缩小后重新上传。" in page.content.decode()


def test_a_picture_format_browsers_do_not_show_is_refused(my_deputy, deputy):
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (8, 8)).save(buffer, "TIFF")

    page = log_duty(deputy, [upload("扫描件.tif", buffer.getvalue())])

    assert "请上传 JPEG、PNG、GIF 或 WebP 格式的图片。" in page.content.decode()
    assert not PointEntry.objects.exists()


def test_the_admins_photo_fields_refuse_a_bomb(street):
    """The admin builds its forms from the model fields: their form field checks photos."""
    form_class = modelform_factory(Deputy, fields=["photo"])

    form = form_class(data={}, files={"photo": bomb(144)})

    assert form.errors == {"photo": [BOMB_MESSAGE]}


@pytest.fixture
def draft_form(my_deputy):
    session = CongressSessionFactory()
    MembershipFactory(deputy=my_deputy, term=session.term)
    return {
        "title": "关于学校周边交通疏导的建议",
        "kind": Suggestion.Kind.BETWEEN_SESSIONS,
        "session": session.pk,
        "category": Suggestion.Category.URBAN,
        "reasons": "上下学高峰拥堵。",
        "proposals": "增设临时停车带。",
    }


@pytest.mark.parametrize(
    "bad, message",
    [
        (html_renamed("调研报告.pdf"), "文件内容与扩展名（.pdf）不符。"),
        (html_renamed("数据.xlsx"), "文件内容与扩展名（.xlsx）不符。"),
        (upload("照片.pdf", bomb_bytes(1)), "文件内容与扩展名（.pdf）不符。"),
        (xlsx("报告.docx"), "文件内容与扩展名（.docx）不符。"),
        (bomb(144, "现场.png"), BOMB_MESSAGE),
    ],
    ids=["html as pdf", "html as xlsx", "png as pdf", "xlsx as docx", "bomb"],
)
def test_an_attachment_whose_content_is_not_what_its_name_says_is_refused(
    deputy, draft_form, bad, message
):
    page = client_as(deputy).post(reverse("suggestions:new"), {**draft_form, "files": [bad]})

    assert page.status_code == 200 and message in page.content.decode()
    assert not Suggestion.objects.exists() and nothing_stored()


def test_pdf_word_excel_and_pictures_are_accepted(deputy, draft_form):
    files = [pdf("调研报告.pdf"), docx("建议初稿.docx"), xlsx("数据.xlsx"), png("现场.png")]

    page = client_as(deputy).post(reverse("suggestions:new"), {**draft_form, "files": files})

    assert page.status_code == 302
    assert sorted(str(a) for a in Attachment.objects.all()) == sorted(f.name for f in files)


def test_attachments_added_in_the_admin_are_checked_too(db):
    attachment = Attachment(suggestion=SuggestionFactory(), file=html_renamed("答复函.pdf"))

    with pytest.raises(ValidationError, match="文件内容与扩展名"):
        attachment.full_clean()
