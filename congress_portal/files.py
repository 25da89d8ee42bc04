"""Stored files (uploads and rendered documents) reach users only through views
that check who may see them; every such view answers with `send_file`.

Every file field is a `PrivateFileField` or `PrivateImageField`: its file's URL
is the model's `get_<field>_url()` (the checked view, so admin links and
templates never name a public address), and `PrivatePath` stores it under a
random token, so that no one can guess another file's name."""

import secrets

from django.db import models
from django.db.models.fields.files import FieldFile, ImageFieldFile
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.deconstruct import deconstructible
from django_sendfile import sendfile

from . import uploads


def send_file(request, field_file, filename, *, as_attachment=True):
    """The response that hands `field_file` to a user the calling view has let see it,
    under the friendly `filename`. Django streams the bytes, or the web server in front
    sends them (X-Accel-Redirect, X-Sendfile: settings.FILE_SERVER). A missing file is a 404."""
    response = sendfile(
        request, field_file.path, attachment=as_attachment, attachment_filename=filename
    )
    patch_cache_control(response, private=True)  # never kept by a shared cache
    return response


def basename(field_file):
    """The name the file had when it was uploaded or rendered, without its folders."""
    return field_file.name.rsplit("/", 1)[-1]


@deconstructible
class PrivatePath:
    """upload_to: `<folder>/<year>/<random token>/<name>`; the name is kept for downloads."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        return f"{self.folder}/{timezone.localdate():%Y}/{secrets.token_urlsafe(16)}/{filename}"


class CheckedURL:
    """FieldFile mixin: the URL is the view that checks who may see the file."""

    @property
    def url(self):
        self._require_file()
        return getattr(self.instance, f"get_{self.field.name}_url")()


class PrivateFieldFile(CheckedURL, FieldFile):
    pass


class PrivateImageFieldFile(CheckedURL, ImageFieldFile):
    pass


class PrivateFileField(models.FileField):
    attr_class = PrivateFieldFile

    def __init__(self, *args, max_length=255, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)


class PrivateImageField(models.ImageField):
    """An uploaded photo, checked by congress_portal.uploads in every form."""

    attr_class = PrivateImageFieldFile

    def __init__(self, *args, max_length=255, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": uploads.ImageField, **kwargs})
