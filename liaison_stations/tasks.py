"""Scheduled work of the liaison stations: the evening reminder of tomorrow's duty,
and the nightly erasure of online matters' personal data past its time.

Beat runs `remind_duties_tomorrow` every evening (the periodic task 代表值班前一日提醒邮件,
see migration 0008). Each assignment is claimed with a conditional UPDATE of its
`reminded_at` before its email is sent, so a repeated, retried or concurrent run
never reminds a deputy twice; a failed send gives the claim back for the retry.
"""

import datetime
import logging

from celery import shared_task
from django.core.mail import get_connection
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from congress_portal import emails, notices
from congress_portal.health import Scheduled
from congress_portal.tasks import DATABASE_RETRY

from . import services
from .models import DutyAssignment

logger = logging.getLogger(__name__)
ONE_DAY = datetime.timedelta(days=1)


class RemindersNotSent(Exception):
    """Some reminders could not be sent: the task tries them again later."""


def deputy_email(deputy):
    """The deputy's own address when the roster has one, else their login account's."""
    user = deputy.user
    return deputy.email or (user.email if user is not None and user.is_active else "")


def remind(day, now=None):
    """Email each deputy on duty from `now` to the end of `day` who has an address,
    once per assignment: a run missed the evening before still reminds those whose
    duty has not begun. Returns (sent, failed)."""
    now = timezone.localtime(now)
    not_begun = Q(session__date__gt=now.date()) | Q(
        session__date=now.date(), session__starts_at__gt=now.time()
    )
    due = (
        DutyAssignment.objects.filter(not_begun, session__date__lte=day, reminded_at=None)
        .select_related("deputy__user", "session__station__street")
        .order_by("session__starts_at", "pk")
    )
    sent = failed = 0
    connection = get_connection()
    for assignment in due:
        address = deputy_email(assignment.deputy)
        notify_duty(assignment, now, email=False)  # the reminder below is the email
        if not address:
            continue  # the deputy sees the duty in their inbox and on their home page
        claim = DutyAssignment.objects.filter(pk=assignment.pk, reminded_at=None)
        if not claim.update(reminded_at=timezone.now()):
            continue  # another run has it
        try:
            send_duty_reminder(assignment, address, connection)
        except Exception:
            logger.exception("The duty reminder for assignment %s was not sent.", assignment.pk)
            DutyAssignment.objects.filter(pk=assignment.pk).update(reminded_at=None)
            failed += 1
        else:
            sent += 1
    return sent, failed


def notify_duty(assignment, at, email):
    """The deputy's inbox names the duty (once per assignment, however often the
    evening's run is repeated)."""
    session = assignment.session
    title = _("On duty on %(day)s from %(starts)s at %(station)s") % {
        "day": formats.date_format(session.date, "MONTH_DAY_FORMAT"),
        "starts": session.starts_at.strftime("%H:%M"),
        "station": session.station.name,
    }
    notices.notify(
        assignment.deputy.user,
        notices.Kind.DUTY_TOMORROW,
        title,
        reverse("deputies:my_duties"),
        at=at,
        key=f"duty-{assignment.pk}",
        email=email,
    )


def send_duty_reminder(assignment, address, connection=None):
    """The one helper that emails a duty reminder."""
    session = assignment.session
    context = {
        "deputy": assignment.deputy,
        "session": session,
        "station": session.station,
        "my_duties_url": emails.portal_url(reverse("deputies:my_duties")),
    }
    emails.send("duty-reminder", context, [address], connection=connection)


@shared_task(base=Scheduled, bind=True, **DATABASE_RETRY)
def remind_duties_tomorrow(self, day=None):
    """Beat runs this every evening: tomorrow's duties, each reminded once. A retry
    keeps the day it was first run for (`day`, ISO), even after midnight."""
    day = datetime.date.fromisoformat(day) if day else timezone.localdate() + ONE_DAY
    sent, failed = remind(day)
    if failed:
        # Only the reminders not yet sent go out again: after 2, 4, 8, 16, 32 minutes.
        raise self.retry(
            kwargs={"day": day.isoformat()},
            countdown=120 * 2**self.request.retries,
            max_retries=5,
            exc=RemindersNotSent(f"{failed} duty reminders for {day} were not sent"),
        )
    return sent


@shared_task(base=Scheduled, **DATABASE_RETRY)
def erase_expired_constituents():
    """Beat runs this every night; a missed night is caught up by the next, which
    erases everything past its time."""
    return services.erase_expired_constituents(timezone.localdate())
