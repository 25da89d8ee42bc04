"""Pages of the invitations to activities (deputies.invitations): staff invite and take
attendance, the activity's check-in code is shown there; deputies reply and check in
from their phone."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import ngettext

from congress_portal.access import role_required
from congress_portal.emails import portal_url
from congress_portal.errors import errors_in_words
from congress_portal.qr import svg
from congress_portal.roles import Role
from congress_portal.views import step_forms, step_view

from . import invitations
from .forms import CheckInForm, InviteForm
from .models import Activity, Attendance

Status = Attendance.Status


def staff_activity(request, pk):
    """An activity of the staff member's streets; another street's is a 404."""
    return get_object_or_404(Activity.objects.visible_to(request.user), pk=pk)


def seen_attendance(request, pk):
    """An invitation: the deputy's own, or one of the staff member's streets."""
    attendances = Attendance.objects.visible_to(request.user).select_related("activity", "deputy")
    return get_object_or_404(attendances, pk=pk)


@role_required(Role.STAFF)
def activities(request):
    """The street's activities, newest first, with their invitations' replies."""
    counted = Activity.objects.visible_to(request.user).annotate(
        invited=Count("attendances"),
        attended=Count("attendances", filter=Q(attendances__status=Status.ATTENDED)),
        leave_requested=Count("attendances", filter=Q(attendances__status=Status.LEAVE_REQUESTED)),
    )
    page = Paginator(counted.order_by("-held_on", "-pk"), 30).get_page(request.GET.get("page"))
    return render(request, "deputies/activities.html", {"activities": page})


@role_required(Role.STAFF)
def activity(request, pk):
    """Invite deputies, decide leave, take attendance."""
    activity = staff_activity(request, pk)
    posted = request.POST if request.method == "POST" else None
    form = InviteForm(posted, activity=activity)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, errors_in_words(form))
        else:
            invited = invitations.invite(activity, form.invitees(), request.user, at=timezone.now())
            messages.success(request, ngettext(
                "%(count)s deputy invited.", "%(count)s deputies invited.", len(invited)
            ) % {"count": len(invited)})  # fmt: skip
            return redirect(activity)
    attendances = activity.attendances.select_related("deputy").order_by("deputy__name", "pk")
    rows = [(attendance, attendance.next_steps(request.user)) for attendance in attendances]
    context = {"activity": activity, "form": form, "rows": rows}
    return render(request, "deputies/activity.html", context)


@role_required(Role.STAFF)
def activity_code(request, pk):
    """The activity's check-in code, to show at the activity (a screen or a print)."""
    activity = staff_activity(request, pk)
    link = portal_url(invitations.check_in_link(activity))
    starts, ends = activity.check_in_window()
    context = {"activity": activity, "code": svg(link, scale=8), "starts": starts, "ends": ends}
    return render(request, "deputies/activity_code.html", context)


@role_required(Role.DEPUTY)
def invitation(request, pk):
    """The deputy's invitation: reply, ask for leave, check in."""
    attendance = get_object_or_404(
        Attendance.objects.select_related("activity"), pk=pk, deputy__user=request.user
    )
    context = {"attendance": attendance, "activity": attendance.activity,
               "steps": step_forms(attendance, request)}  # fmt: skip
    return render(request, "deputies/invitation.html", context)


@role_required(Role.DEPUTY)
def activity_check_in(request, pk):
    """Where the activity's QR code leads: the deputy confirms their check-in."""
    attendance = get_object_or_404(
        Attendance.objects.select_related("activity"), activity=pk, deputy__user=request.user
    )
    form = CheckInForm(initial={"code": request.GET.get("code", "")}, prefix="check_in",
                       record=attendance, user=request.user)  # fmt: skip
    context = {"attendance": attendance, "activity": attendance.activity, "form": form}
    return render(request, "deputies/check_in.html", context)


def after_step(request, attendance):
    """Deputies back to their invitation, staff to the activity."""
    if request.user.role == Role.DEPUTY:
        return attendance.get_absolute_url()
    return attendance.activity.get_absolute_url()


attendance_step = step_view(seen_attendance, after_step, Role.DEPUTY, Role.STAFF)


def invitations_panel(request, deputy):
    """The deputy's home: the invitations still asking something of them."""
    return {"invitations": invitations.my_invitations(request.user, timezone.localdate())}
