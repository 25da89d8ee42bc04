"""The checks every uploaded file passes before anything is saved, in every form
and file field: a size limit; photos that Pillow reads, within a pixel limit (a
decompression bomb is refused from its header, before it is decoded); documents
whose bytes are what their extension says (filetype), so that a web page renamed
.pdf is refused."""

import filetype
from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.utils.translation import gettext as _
from PIL import Image

PHOTO_FORMATS = {"JPEG", "PNG", "GIF", "WEBP"}
# The extensions a document may have → what its bytes must be (filetype's extension).
DOCUMENT_TYPES = {
    "pdf": "pdf",
    "doc": "doc",
    "docx": "docx",
    "xls": "xls",
    "xlsx": "xlsx",
    "jpg": "jpg",
    "jpeg": "jpg",
    "png": "png",
}


def validate_size(file):
    limit = settings.UPLOAD_MAX_MB
    if file.size > limit * 1024 * 1024:
        raise ValidationError(
            _("The file is larger than %(size)s MB.") % {"size": limit}, code="too_large"
        )


def validate_image(file):
    """A photo: within the size limit, a JPEG, PNG, GIF or WebP image within the pixel limit."""
    validate_size(file)
    limit = settings.UPLOAD_MAX_MEGAPIXELS * 1_000_000
    too_large = ValidationError(
        _("The picture has more than %(limit)s pixels: make it smaller and try again.")
        % {"limit": f"{limit:,}"},
        code="too_many_pixels",
    )
    file.seek(0)
    try:
        with Image.open(file) as image:  # reads the header, decodes nothing
            if image.width * image.height > limit:
                raise too_large
            image.verify()
            image_format = image.format
    except Image.DecompressionBombError as error:  # far beyond Pillow's own limit
        raise too_large from error
    except ValidationError:
        raise
    except Exception as error:
        raise ValidationError(
            forms.ImageField.default_error_messages["invalid_image"], code="invalid_image"
        ) from error
    finally:
        file.seek(0)
    if image_format not in PHOTO_FORMATS:
        raise ValidationError(
            _("Upload a JPEG, PNG, GIF or WebP picture."), code="invalid_image_format"
        )


def validate_document(file):
    """An attachment: a PDF, Word or Excel document or a JPEG or PNG picture, by its bytes."""
    validate_size(file)
    FileExtensionValidator(list(DOCUMENT_TYPES))(file)
    extension = file.name.rsplit(".", 1)[-1].lower()
    file.seek(0)
    found = filetype.guess(file.read(8192))
    file.seek(0)
    if found is None or found.extension != DOCUMENT_TYPES[extension]:
        raise ValidationError(
            _("The file's content is not what its name says (.%(extension)s).")
            % {"extension": extension},
            code="content_mismatch",
        )
    if found.mime.startswith("image/"):
        validate_image(file)


class ImageField(forms.ImageField):
    """A photo, checked by `validate_image` before Django's own reading of it, so that a
    decompression bomb gets its own message rather than "not an image"."""

    def to_python(self, data):
        if data not in self.empty_values:
            validate_image(data)
        return super().to_python(data)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Any number of files in one input, each cleaned as the field cleans one
    (the pattern from Django's file upload docs)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class MultipleImageField(MultipleFileField, ImageField):
    """Any number of photos, each checked as every photo is."""
