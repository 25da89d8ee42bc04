"""Stored files (uploads and rendered documents) reach users only through views
that check who may see them; every such view answers with `send_file`."""

from django.http import FileResponse


def send_file(request, field_file, filename, *, as_attachment=True):
    """The response that hands `field_file` to the user who may see it."""
    return FileResponse(field_file.open("rb"), as_attachment=as_attachment, filename=filename)
