"""Files to upload in tests: real pictures and documents, and the bad ones."""

import functools
import io
import os
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook
from PIL import Image


def upload(name, content):
    return SimpleUploadedFile(name, content)


def png_bytes(size=(8, 8), mode="RGB"):
    buffer = io.BytesIO()
    Image.new(mode, size).save(buffer, "PNG")
    return buffer.getvalue()


def png(name="photo.png"):
    return upload(name, png_bytes())


@functools.cache
def bomb_bytes(megapixels):
    """A PNG of a few kilobytes that decodes to `megapixels` million pixels."""
    side = int((megapixels * 1_000_000) ** 0.5)
    return png_bytes((side, side), mode="1")


def bomb(megapixels, name="bomb.png"):
    return upload(name, bomb_bytes(megapixels))


@functools.cache
def large_png_bytes(megabytes):
    """A real PNG of about `megabytes` MB (noise does not compress)."""
    side = int((megabytes * 1024 * 1024 / 3) ** 0.5) + 1
    buffer = io.BytesIO()
    noise = Image.frombytes("RGB", (side, side), os.urandom(side * side * 3))
    noise.save(buffer, "PNG", compress_level=0)
    return buffer.getvalue()


def pdf(name="report.pdf"):
    return upload(name, b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n")


def xlsx(name="台账.xlsx"):
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return upload(name, buffer.getvalue())


def docx(name="报告.docx"):
    """The parts Word writes first, in Word's order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return upload(name, buffer.getvalue())


def html_renamed(name="report.pdf"):
    return upload(name, b"<!doctype html><script>alert(document.cookie)</script>")
