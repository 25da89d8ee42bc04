"""Invitations to activities: staff invite deputies (by hand, by professional group,
by level or by community), each is told in their inbox; the deputy replies from their
phone (attend, or leave with a reason), staff approve or refuse the leave; attendance
is taken by the activity's check-in code or marked by staff, and earns its points once
(`services.sync_attendance_points`). The steps are Attendance.STEPS, taken through
congress_portal.workflow.take_step; those that span rows are applied here."""

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from congress_portal import notices
from congress_portal.audit import save_as

from . import services
from .models import Activity, Attendance


@transaction.atomic
def invite(activity, deputies, by, *, at):
    """Invite the deputies not invited yet; each is told. Returns the new invitations.
    The activity is locked: a second click waits, then finds them invited."""
    Activity.objects.select_for_update().get(pk=activity.pk)
    already = set(activity.attendances.values_list("deputy", flat=True))
    invited = []
    for deputy in deputies:
        if deputy.pk in already or deputy.street_id != activity.street_id:
            continue
        attendance = save_as(Attendance(activity=activity, deputy=deputy), by, at)
        attendance.deputy = deputy
        notices.notify(
            deputy.user,
            notices.Kind.ACTIVITY_INVITATION,
            _("You are invited: %(theme)s on %(day)s") % {
                "theme": activity.theme, "day": activity.held_on.isoformat()
            },
            attendance.get_absolute_url(),
            at=at,
            key=f"attendance-{attendance.pk}",
        )  # fmt: skip
        invited.append(attendance)
    return invited


def check_in(attendance, by, at, code):
    attendance.check_in(code, at=at)
    services.sync_attendance_points(attendance, by=by)


def mark_attended(attendance, by, at):
    attendance.mark(True, at=at)
    services.sync_attendance_points(attendance, by=by)


def mark_absent(attendance, by, at):
    attendance.mark(False, at=at)
    services.sync_attendance_points(attendance, by=by)


def approve_leave(attendance, by, at):
    attendance.decide_leave(True, at=at)
    services.sync_attendance_points(attendance, by=by)
    _tell_leave_decided(attendance, at, _("Your leave is approved: %(theme)s"))


def refuse_leave(attendance, by, at, comment):
    comment = attendance.decide_leave(False, comment, at=at)
    _tell_leave_decided(attendance, at, _("Your leave is refused: %(theme)s"))
    return comment


def _tell_leave_decided(attendance, at, title):
    notices.notify(
        attendance.deputy.user,
        notices.Kind.LEAVE_DECIDED,
        title % {"theme": attendance.activity.theme},
        attendance.get_absolute_url(),
        at=at,
        # Leave may be asked again after a refusal: each decision is a notice of its own.
        key=f"leave-{attendance.pk}-{attendance.steps.count()}",
    )


def my_invitations(user, today):
    """The signed-in deputy's invitations to activities from `today` on still asking
    something of them, soonest first."""
    waiting = Attendance.EXPECTED | {Attendance.Status.LEAVE_REQUESTED}
    return (
        Attendance.objects.filter(
            deputy__user=user, status__in=waiting, activity__held_on__gte=today
        )
        .select_related("activity")
        .order_by("activity__held_on", "activity__starts_at", "pk")
        .only("status", "activity__held_on", "activity__theme")  # what the panel shows
    )


def check_in_link(activity):
    """The link the activity's QR code carries."""
    url = reverse("deputies:activity_check_in", args=[activity.pk])
    return f"{url}?code={activity.check_in_code}"
