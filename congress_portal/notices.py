"""The notification inbox (通知): one place where a user sees what asks for them.

Every app tells a user through `notify` (the core app never imports the apps that
call it). A notice is written once per recipient, kind and key, so an event handled
twice (a job run again, a retried task) tells the user once; it is emailed once,
through the outbox, when the user has an address."""

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from . import emails, jobs
from .models import Notice

logger = logging.getLogger(__name__)
Kind = Notice.Kind


def notify(user, kind, title, url, *, at, key="", email=True):
    """Tell `user` (None: a deputy without an account, nobody to tell) of `title`,
    whose page is `url` (a path), at `at`. `key` names what it is about (the url by
    default). `email`: also email it, when the user has an address (False where the
    event sends its own email). Returns the new notice, or None when it was there."""
    if user is None or not user.is_active:
        return None
    key = key or url
    if Notice.objects.filter(recipient=user, kind=kind, key=key).exists():
        return None
    try:
        with transaction.atomic():
            notice = Notice.objects.create(
                recipient=user, kind=kind, title=title[:200], url=url, key=key, created_at=at
            )
    except IntegrityError:  # another run wrote it meanwhile
        return None
    if email and user.email:
        jobs.enqueue("congress_portal.tasks.email_notice", notice.pk)
    return notice


def inbox(user):
    """The user's notices, newest first."""
    return Notice.objects.filter(recipient=user).order_by("-created_at", "-pk")


def unread_count(user):
    return Notice.objects.filter(recipient=user, read_at=None).count()


def mark_read(notice, at):
    """The first opening counts. Returns whether this call marked it."""
    return bool(Notice.objects.filter(pk=notice.pk, read_at=None).update(read_at=at))


def mark_all_read(user, at):
    """Returns how many notices this call marked read."""
    return Notice.objects.filter(recipient=user, read_at=None).update(read_at=at)


def email(notice_pk):
    """Email the notice once: claimed with a conditional UPDATE before it is sent, the
    claim given back if the send fails (the task retries). Returns whether it was sent."""
    claim = Notice.objects.filter(pk=notice_pk, emailed_at=None)
    if not claim.update(emailed_at=timezone.now()):
        return False
    notice = Notice.objects.select_related("recipient").get(pk=notice_pk)
    try:
        send_notice_email(notice)
    except Exception:
        Notice.objects.filter(pk=notice_pk).update(emailed_at=None)
        raise
    return True


def send_notice_email(notice):
    """The one helper that emails a notice."""
    context = {
        "notice": notice,
        "name": notice.recipient.get_full_name(),
        "link": emails.portal_url(notice.get_absolute_url()),
    }
    emails.send("notice", context, [notice.recipient.email])
