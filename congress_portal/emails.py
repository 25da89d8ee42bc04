"""Emails. Each kind of email has three templates, `emails/<kind>-subject.txt`,
`-body.txt` and `-body.html`, and one helper in its app that calls `send`."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def portal_url(path):
    """An absolute link for an email (PORTAL_URL, e.g. https://portal.example.org)."""
    base = settings.PORTAL_URL or (
        "http://127.0.0.1:8000" if settings.DEBUG else f"https://{settings.ALLOWED_HOSTS[0]}"
    )
    return base.rstrip("/") + path


def send(kind, context, to, attachments=(), connection=None, headers=None):
    """Render the kind's templates in the portal's language and send them to the
    addresses `to`; `attachments` are (filename, content, mimetype), `headers`
    extra headers (e.g. a stable Message-ID)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject, body, html = (
            render_to_string(f"emails/{kind}-{part}", context)
            for part in ("subject.txt", "body.txt", "body.html")
        )
    message = EmailMultiAlternatives(
        " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        to,
        connection=connection,
        headers=headers,
    )
    message.attach_alternative(html, "text/html")
    for attachment in attachments:
        message.attach(*attachment)
    message.send()
