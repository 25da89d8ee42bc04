"""Reminder letters (履职提醒函) to deputies the early warning flags, and
thank-you letters (感谢信) to deputies' employers: issued here, rendered as PDFs
in the background (`deputies.tasks`), reminder letters emailed once."""

import datetime
import gc
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Max, Q, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from congress_portal import documents, emails, jobs, notices
from congress_portal.errors import DomainError
from congress_portal.models import Street
from congress_portal.pdf import html_to_pdfs, render_pdf

from . import warnings
from .models import (
    Attendance,
    Deputy,
    LetterRound,
    PointEntry,
    ReminderLetter,
    ThankYouBatch,
    ThankYouLetter,
    WarningReason,
    quarter_ends,
    quarter_of,
)
from .periods import Period

logger = logging.getLogger(__name__)
LETTER_TEMPLATE = "deputies/pdf/reminder_letter.html"
THANKS_TEMPLATE = "deputies/pdf/thank_you_letters.html"
# A letter claimed for sending this long ago died with its worker.
SENDING_TIMEOUT = datetime.timedelta(minutes=10)
# A letter waiting this long to be rendered or sent lost its job: it is queued again.
# (A quarter's letters for a whole city wait in the queue for a while.)
QUEUED_TIMEOUT = datetime.timedelta(hours=1)
# Letters rendered in one pass and sent by one job: the fonts are read and subset once
# for them all (a letter alone spends two thirds of its time on that).
DELIVERY_BATCH = 50
# A letter queued again is not queued once more this soon: a double click sends once.
AGAIN_AFTER = datetime.timedelta(minutes=1)
REQUEUE_BATCH = 1000  # letters queued again in one go (the sweep does the rest next minute)
State = ReminderLetter.State


# Issuing -------------------------------------------------------------------


def issue_due(today):
    """The rounds of letters due by `today`: every quarter ended since the last round
    done (on a first run, the quarter just ended), each judged as of its last day.
    A round that fails is done again by the next run: issuing is idempotent. Returns
    the new letters' pks."""
    last = LetterRound.objects.order_by("-quarter_ended").first()
    if last is None:
        ends = [Period.quarter_holding(today).start - datetime.timedelta(days=1)]
    else:
        ends = list(quarter_ends(last.quarter_ended, today))
    created = []
    for end in ends:
        issued = issue_all(end)
        # Two runs at once (two beats) both issue (each letter once); the first records.
        LetterRound.objects.get_or_create(period=quarter_of(end), defaults={
            "quarter_ended": end, "issued_at": timezone.now(), "letters": len(issued)})  # fmt: skip
        created += issued
    return created


def issue_all(on):
    """Issue the missing reminder letters of every street for the quarter holding
    `on`, judged by the early warning as of `on`. Returns the new letters' pks."""
    created = []
    for street in Street.objects.order_by("pk"):
        created += issue_for_street(street, on)
    return created


def issue_for_street(street, on):
    """The street's missing letters for the quarter holding `on`, each queued to
    be rendered and sent. Running it again issues nothing new."""
    period = quarter_of(on)
    deputies = Deputy.objects.filter(street=street).select_related("user")
    flagged = [
        (deputy, reason) for deputy, reasons in warnings.at_risk(deputies, on) for reason in reasons
    ]
    if not flagged:
        return []
    with transaction.atomic():
        _lock_numbering(street)
        issued = set(
            ReminderLetter.objects.filter(deputy__street=street, period=period).values_list(
                "deputy_id", "reason"
            )
        )
        missing = [(d, r) for d, r in flagged if (d.pk, r.code) not in issued]
        year = timezone.localdate().year
        first = _next_sequence(street, year)
        letters = ReminderLetter.objects.bulk_create(
            ReminderLetter(
                deputy=deputy,
                street=street,
                reason=reason.code,
                detail=str(reason)[:200],
                period=period,
                year=year,
                sequence=first + n,
            )
            for n, (deputy, reason) in enumerate(missing)
        )
        _queue_delivery(letter.pk for letter in letters)
        for letter in letters:
            notify_letter(letter, letter.created_at)
    return [letter.pk for letter in letters]


@transaction.atomic
def issue_letter(deputy, reason, period, by):
    """Staff issue one letter by hand. Returns (letter, created): an existing
    letter for the same deputy, reason and period is returned, not repeated."""
    _lock_numbering(deputy.street)
    existing = ReminderLetter.objects.filter(deputy=deputy, reason=reason, period=period).first()
    if existing:
        return existing, False
    letter = preview_letter(deputy, reason, period)
    letter.created_by = by
    letter.save()
    _queue_delivery([letter.pk])
    notify_letter(letter, letter.created_at)
    return letter, True


def notify_letter(letter, at):
    """The deputy's inbox names the letter; emailed only to a deputy whose roster has
    no address, as the letter itself is emailed there."""
    deputy = letter.deputy
    notices.notify(
        deputy.user,
        notices.Kind.REMINDER_LETTER,
        _("Reminder letter on performing duties: %(detail)s")
        % {"detail": letter.detail or WarningReason(letter.reason).label},
        reverse("deputies:my_duties") + "#reminder-letters",
        at=at,
        key=f"letter-{letter.pk}",
        email=not deputy.email,
    )


def preview_letter(deputy, reason, period):
    """An unsaved letter as staff would issue it, to preview its text."""
    year = timezone.localdate().year
    return ReminderLetter(
        deputy=deputy,
        street=deputy.street,
        reason=reason,
        detail=_finding(deputy, reason),
        period=period,
        year=year,
        sequence=_next_sequence(deputy.street, year),
        created_at=timezone.now(),
    )


def _finding(deputy, reason):
    """What the early warning says today about the deputy for this reason, if anything."""
    flagged = warnings.at_risk(Deputy.objects.filter(pk=deputy.pk), timezone.localdate())
    for _deputy, reasons in flagged:
        for found in reasons:
            if found.code == reason:
                return str(found)[:200]
    return ""


def _lock_numbering(street):
    """Serialise the issuing of a street's letters: numbers without gaps or clashes."""
    Street.objects.select_for_update().filter(pk=street.pk).exists()


def _next_sequence(street, year):
    letters = ReminderLetter.objects.filter(street=street, year=year)
    return (letters.aggregate(last=Max("sequence"))["last"] or 0) + 1


def _queue_delivery(letter_pks):
    letter_pks = list(letter_pks)
    for first in range(0, len(letter_pks), DELIVERY_BATCH):
        jobs.enqueue(
            "deputies.tasks.deliver_reminder_letter", *letter_pks[first : first + DELIVERY_BATCH]
        )


# Delivery ------------------------------------------------------------------


def deliver(letter_pks):
    """Render the letters not rendered yet (in one pass), then email each one waiting
    to be sent. Idempotent: a letter already sent, or being sent, is left alone."""
    render(letter_pks)
    for pk in letter_pks:
        send(pk)


def render(letter_pks):
    """Render the pending letters' PDFs in one pass (if that fails, each letter alone,
    so that a bad letter fails by itself). Returns how many this call rendered."""
    pending = list(
        ReminderLetter.objects.filter(pk__in=letter_pks, state=State.PENDING).select_related(
            "deputy", "street"
        )
    )
    try:
        contents = reminder_letter_pdfs(pending)
    except Exception as error:
        if len(pending) > 1:
            return sum(render([letter.pk]) for letter in pending)
        logger.exception("Reminder letter %s could not be rendered.", letter_pks)
        _fail(pending[0], error)
        return 0
    stored = sum(_store(letter, content) for letter, content in zip(pending, contents, strict=True))
    gc.collect()  # a layout leaves cycles: collected now, a worker stays near 300 MB
    return stored


def _store(letter, content):
    """Store the pending letter's PDF. Returns 1 when this call stored it, else 0."""
    try:
        letter.pdf.save(letter_filename(letter), ContentFile(content), save=False)
    except Exception as error:
        logger.exception("Reminder letter %s could not be stored.", letter.pk)
        _fail(letter, error)
        return 0
    done = ReminderLetter.objects.filter(pk=letter.pk, state=State.PENDING).update(
        state=State.RENDERED, pdf=letter.pdf.name, rendered_at=timezone.now(), error=""
    )
    if not done:  # another worker rendered it meanwhile: keep theirs
        letter.pdf.storage.delete(letter.pdf.name)
    return done


def _fail(letter, error):
    ReminderLetter.objects.filter(pk=letter.pk, state=State.PENDING).update(
        state=State.FAILED, error=_error(error)
    )


def claim_sending(letter_pk):
    """Claim a rendered letter for sending (a conditional UPDATE, committed at
    once): of two workers only one gets it."""
    return bool(
        ReminderLetter.objects.filter(pk=letter_pk, state=State.RENDERED).update(
            state=State.SENDING, sending_at=timezone.now(), attempted_at=None
        )
    )


def send(letter_pk):
    """Email a rendered letter once. Returns the state it ends in, or None when
    it was not ours to send."""
    if not claim_sending(letter_pk):
        return None
    letters = ReminderLetter.objects.filter(pk=letter_pk, state=State.SENDING)
    letter = letters.select_related("deputy", "street").get()
    if not letter.deputy.email:
        letters.update(state=State.PORTAL, error="")
        return State.PORTAL
    letters.update(attempted_at=timezone.now())  # the record of the attempt, before the call
    try:
        send_reminder_letter_email(letter)
    except Exception as error:
        logger.exception("Reminder letter %s could not be emailed.", letter_pk)
        letters.update(state=State.FAILED, error=_error(error))
        return State.FAILED
    letters.update(state=State.SENT, emailed_at=timezone.now(), error="")
    return State.SENT


def _error(error):
    return f"{type(error).__name__}: {error}"


@jobs.recovers
def recover_stale(now):
    """Take up, without a person, the letters whose job was lost or whose worker
    died (see `_release_stuck`), and queue again those waiting too long to be
    rendered or sent. Returns how many letters were taken up."""
    unconfirmed = _release_stuck(ReminderLetter.objects.all(), now)
    waiting = ReminderLetter.objects.filter(
        state__in=[State.PENDING, State.RENDERED], queued_at__lte=now - QUEUED_TIMEOUT
    )
    return unconfirmed + _requeue(waiting, now)


def send_again(letters, now=None):
    """Staff have the letters delivered again: those emailed, failed, unconfirmed,
    left in the portal or waiting (failed renderings are rendered again). A letter
    queued in the last AGAIN_AFTER is left alone, so a double click queues it
    once, and the claim lets only one worker email it. A letter being sent is left
    to the sweep (`recover_stale`). Returns how many were queued."""
    now = now or timezone.now()
    letters = letters.filter(queued_at__lte=now - AGAIN_AFTER)
    done = letters.filter(state__in=[State.SENT, State.FAILED, State.UNCONFIRMED, State.PORTAL])
    return (
        _requeue(done.exclude(pdf=""), now, state=State.RENDERED, error="")
        + _requeue(done.filter(pdf=""), now, state=State.PENDING, error="")
        + _requeue(letters.filter(state__in=[State.PENDING, State.RENDERED]), now)
    )


def _release_stuck(letters, now):
    """Of `letters`, those claimed for sending before SENDING_TIMEOUT: a letter never
    handed to the mail server goes back to be sent; one handed to it but never
    confirmed may have gone out, so it is marked unconfirmed for staff to judge,
    never emailed twice by itself. Returns how many are unconfirmed."""
    stuck = letters.filter(state=State.SENDING, sending_at__lt=now - SENDING_TIMEOUT)
    stuck.filter(attempted_at=None).update(state=State.RENDERED, queued_at=now - QUEUED_TIMEOUT)
    return stuck.update(
        state=State.UNCONFIRMED,
        error=_("The worker stopped while the letter was with the mail server: it may "
                "have been emailed. Send it again only if the deputy did not receive it."),
    )  # fmt: skip


def _requeue(letters, now, **changes):
    """Queue the delivery of `letters` again, with `changes`, unless another call
    holds them (two clicks, or a click and the sweep, queue a letter once).
    Returns how many were queued."""
    with transaction.atomic():
        locked = letters.select_for_update(skip_locked=True, of=("self",)).order_by()
        pks = list(locked.values_list("pk", flat=True)[:REQUEUE_BATCH])
        ReminderLetter.objects.filter(pk__in=pks).update(queued_at=now, **changes)
        _queue_delivery(pks)
    return len(pks)


def send_reminder_letter_email(letter):
    """The one helper that emails a reminder letter, its PDF attached."""
    with letter.pdf.open("rb") as pdf:
        attachment = (letter_filename(letter), pdf.read(), "application/pdf")
    emails.send(
        "reminder-letter",
        letter_context(letter),
        [letter.deputy.email],
        [attachment],
        headers={"Message-ID": letter.message_id},
    )


@transaction.atomic
def acknowledge(letter):
    """The deputy confirms they have read the letter; the first time counts."""
    done = ReminderLetter.objects.filter(pk=letter.pk, acknowledged_at=None).update(
        acknowledged_at=timezone.now()
    )
    if not done:
        raise DomainError(_("You have already acknowledged this letter."))


# Rendering -----------------------------------------------------------------


def letter_context(letter):
    return {
        "letter": letter,
        "deputy": letter.deputy,
        "title": _("Reminder letter on performing duties"),
        "reason": WarningReason(letter.reason).label,
        "issued_on": timezone.localtime(letter.created_at).date(),
    }


def letter_filename(letter):
    return f"reminder-{letter.street_id}-{letter.year}-{letter.sequence}.pdf"


def reminder_letter_html(letter):
    with translation.override("zh-hans"):
        return render_to_string(LETTER_TEMPLATE, letter_context(letter))


def reminder_letter_pdfs(letters):
    """The letters' PDFs (bytes), made in one pass (see congress_portal.pdf.html_to_pdfs)."""
    return html_to_pdfs([reminder_letter_html(letter) for letter in letters])


# Thank-you letters ---------------------------------------------------------


@transaction.atomic
def request_thank_you_letters(deputies, year, street, by):
    """A batch of letters to the deputies' employers for the year, the figures
    they quote frozen now, queued to be rendered."""
    deputies = list(deputies)
    missing = [deputy.name for deputy in deputies if not deputy.employer.strip()]
    if missing:
        raise DomainError(
            _("No employer is recorded for: %(names)s.") % {"names": "、".join(missing)}
        )
    figures = _year_figures([deputy.pk for deputy in deputies], year)
    batch = ThankYouBatch.objects.create(street=street, year=year, created_by=by)
    ThankYouLetter.objects.bulk_create(
        ThankYouLetter(
            batch=batch,
            deputy=deputy,
            employer=deputy.employer.strip(),
            points=figures[deputy.pk]["points"] or 0,
            activities=figures[deputy.pk]["activities"] or 0,
        )
        for deputy in deputies
    )
    jobs.enqueue("deputies.tasks.render_thank_you_letters", batch.pk)
    return batch


def _year_figures(deputy_pks, year):
    points = Sum(
        "point_entries__points",
        filter=Q(
            point_entries__state=PointEntry.State.APPROVED, point_entries__occurred_on__year=year
        ),
    )
    attended = Attendance.objects.filter(
        status=Attendance.Status.ATTENDED, activity__held_on__year=year, deputy__in=deputy_pks
    )
    activities = dict(attended.values("deputy").annotate(n=Count("pk")).values_list("deputy", "n"))
    rows = Deputy.objects.filter(pk__in=deputy_pks).annotate(points=points).values("pk", "points")
    return {
        row["pk"]: {"points": row["points"], "activities": activities.get(row["pk"], 0)}
        for row in rows
    }


def render_thank_you_batch(batch_pk):
    """Render each letter, then all of them in one PDF for printing (see
    congress_portal.documents: a batch that is not queued is left alone)."""
    return documents.render(
        ThankYouBatch, batch_pk, _thank_you_letters_pdf, file_field="combined_pdf"
    )


def _thank_you_letters_pdf(batch):
    letters = list(batch.letters.select_related("deputy__street"))
    with translation.override("zh-hans"):
        pages = [render_to_string(THANKS_TEMPLATE, thanks_context(batch, [one])) for one in letters]
        combined = render_pdf(THANKS_TEMPLATE, thanks_context(batch, letters))
    for letter, content in zip(letters, html_to_pdfs(pages), strict=True):  # in one pass
        letter.pdf.save(f"thanks-{batch.pk}-{letter.deputy_id}.pdf", ContentFile(content))
    return f"thanks-{batch.pk}-all.pdf", combined


def thanks_context(batch, letters):
    return {
        "batch": batch,
        "letters": letters,
        "title": _("Letter of thanks"),
        "issued_on": timezone.localdate(),
    }
