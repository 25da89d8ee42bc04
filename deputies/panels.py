"""What the deputies app adds to the staff home (see congress_portal.panels)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from congress_portal.panels import Todo

from .models import Attendance, EntryFlag, PointEntry, ReminderLetter


def staff_todo(request):
    """Claims to review, error reports to resolve, letters that failed, leave to decide."""
    user = request.user
    claims = PointEntry.objects.visible_to(user).filter(state=PointEntry.State.PENDING)
    flags = EntryFlag.objects.visible_to(user).filter(state=EntryFlag.State.RAISED)
    letters = ReminderLetter.objects.visible_to(user).filter(state=ReminderLetter.State.FAILED)
    leave = Attendance.objects.visible_to(user).filter(status=Attendance.Status.LEAVE_REQUESTED)
    flag_list = reverse("admin:deputies_entryflag_changelist")
    letter_list = reverse("admin:deputies_reminderletter_changelist")
    return {
        "title": _("Deputies"),
        "todos": [
            Todo(_("Claims to review"), claims.count(), reverse("deputies:review_queue")),
            Todo(
                _("Error reports to resolve"),
                flags.count(),
                f"{flag_list}?state__exact={EntryFlag.State.RAISED}",
            ),
            Todo(_("Reminder letters that failed"), letters.count(), f"{letter_list}?state=failed"),
            Todo(_("Requests for leave to decide"), leave.count(), reverse("deputies:activities")),
        ],
    }
