"""Stored files (uploads and rendered documents) reach users only through views
that check who may see them; every such view answers with `send_file`."""

from django.utils.cache import patch_cache_control
from django_sendfile import sendfile


def send_file(request, field_file, filename, *, as_attachment=True):
    """The response that hands `field_file` to a user the calling view has let see it,
    under the friendly `filename`. Django streams the bytes, or the web server in front
    sends them (X-Accel-Redirect, X-Sendfile: settings.FILE_SERVER). A missing file is a 404."""
    response = sendfile(
        request, field_file.path, attachment=as_attachment, attachment_filename=filename
    )
    patch_cache_control(response, private=True)  # never kept by a shared cache
    return response
