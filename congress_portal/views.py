import io
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from . import notices, panels, sheet_kinds, sheets, workflow
from .access import role_required
from .errors import DomainError, errors_in_words
from .files import send_file
from .forms import GuardedPasswordChangeForm, LoginForm
from .roles import Role

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

HOME_BY_ROLE = {
    Role.STAFF: "staff_home",
    Role.DEPUTY: "deputies:my_duties",
    Role.LEADERSHIP: "reports:home",
    Role.UNIT: "unit_home",
}


@login_required
def home(request):
    """Send each role to its own home page."""
    if request.user.role is None:
        raise PermissionDenied
    return redirect(HOME_BY_ROLE[request.user.role])


@role_required(Role.STAFF)
def staff_home(request):
    """工作台: what awaits the staff today, each line linking to the page that lists it
    (the apps' panels); the admin's 查看站点 leads here."""
    return render(request, "staff_home.html", {"panels": panels.render("staff_home", request)})


@role_required(Role.UNIT)
def unit_home(request):
    """A handling unit's home: what awaits the unit, soonest due first (the apps' panels)."""
    unit = request.user.handling_unit
    if unit is None:
        raise PermissionDenied  # an account in the units' group must have its unit
    context = {"unit": unit, "panels": panels.render("unit_home", request, unit=unit)}
    return render(request, "unit_home.html", context)


def locked_out(request, original_response=None, credentials=None):
    """django-axes lockout page: says for how long, in Chinese."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    context = {"cooloff_minutes": minutes}
    return render(request, "registration/locked_out.html", context, status=429)


def rate_limited(request, exception):
    """A public page asked too often (django-ratelimit): wait, in Chinese."""
    return render(request, "rate_limited.html", status=429)


class LoginView(auth_views.LoginView):
    """Django's login. A deputy who asks stays signed in on their phone until a fixed
    end, REMEMBER_DEPUTY_DAYS away, instead of the idle timeout; other roles never."""

    form_class = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data["remember"] and self.request.user.role == Role.DEPUTY:
            days = timedelta(days=settings.REMEMBER_DEPUTY_DAYS)
            self.request.session.set_expiry(timezone.now() + days)
        return response


class PasswordChangeView(auth_views.PasswordChangeView):
    form_class = GuardedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


# Exports and imports in the background (congress_portal.sheets): every role
# follows its own on one page; nobody else's are even found.
ALL_ROLES = tuple(Role)
SHOWN_JOBS = 50


def own_jobs(request):
    """The user's exports and imports not yet expired: nobody else's are even found."""
    return request.user.sheet_jobs.filter(expires_at__gt=timezone.now())


def own_job(request, pk):
    return get_object_or_404(own_jobs(request), pk=pk)


@role_required(*ALL_ROLES)
def sheet_jobs(request):
    """导出文件: the user's exports and imports of the last day, with their progress."""
    jobs = own_jobs(request)[:SHOWN_JOBS]
    context = {"jobs": jobs, "busy": any(job.is_busy for job in jobs)}
    return render(request, "sheet_jobs.html", context)


@role_required(*ALL_ROLES)
def sheet_job(request, pk):
    """One export or import: its progress, its errors; a checked import is confirmed here."""
    job = own_job(request, pk)
    context = {"job": job, "busy": job.is_busy, "max_row_errors": sheets.MAX_ROW_ERRORS}
    return render(request, "sheet_job.html", context)


@require_POST
@role_required(*ALL_ROLES)
def new_export(request, kind):
    """Queue the export of a ledger, with the filters of its page (the query string)."""
    try:
        export = sheet_kinds.kind_named(kind)
    except KeyError:
        raise Http404 from None
    if not export.makes_file:
        raise Http404
    if not export.allowed(request.user):
        raise PermissionDenied
    return start_export(request, kind)


def start_export(request, kind):
    """Queue the export with the filters of the page that asked (the query string);
    the user follows it on 导出文件."""
    sheets.start(request.user, kind, request.GET)
    messages.success(request, _("The export has started. Download it here when it is ready."))
    return redirect("sheet_jobs")


@role_required(*ALL_ROLES)
def sheet_template(request, kind):
    """The blank sheet of an import, to fill in and upload on the import's page."""
    try:
        sheet = sheet_kinds.kind_named(kind)
    except KeyError:
        raise Http404 from None
    if sheet.makes_file:
        raise Http404
    if not sheet.allowed(request.user):
        raise PermissionDenied
    output = io.BytesIO()
    sheet.template(request.user, output)
    response = HttpResponse(output.getvalue(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, sheet.template_filename)
    patch_cache_control(response, private=True)
    return response


@role_required(*ALL_ROLES)
def download_sheet(request, pk):
    job = own_job(request, pk)
    if not job.downloadable:
        raise Http404
    return send_file(request, job.file, job.filename)


@require_POST
@role_required(*ALL_ROLES)
def confirm_import(request, pk):
    job = own_job(request, pk)
    try:
        sheets.confirm(job)
        messages.success(request, _("The import has started."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(job)


def step_view(load, detail, *roles):
    """A view taking one declared step of a record (POST): `load(request, pk)` is
    the app's access helper (an outsider gets a 404), `detail` the URL name of the
    record's page it answers with (or `detail(request, record)`, the page's URL);
    other roles than `roles`, and users the step is not for, get a 403."""

    @require_POST
    @role_required(*roles)
    def view(request, pk, step):
        record = load(request, pk)
        if step not in record.STEPS:
            raise Http404
        declared = record.STEPS[step]
        if not declared.allows(request.user, record):
            raise PermissionDenied
        form = declared.form_for(record, request.user, request.POST, request.FILES)
        if form is not None and not form.is_valid():
            keep_step_input(request, record, step)
            messages.error(request, errors_in_words(form))
        else:
            arguments = form.cleaned_data if form is not None else {}
            try:
                workflow.take_step(record, step, request.user, **arguments)
                messages.success(request, _("Saved."))
            except DomainError as error:
                keep_step_input(request, record, step)
                messages.error(request, " ".join(error.messages))
        if callable(detail):
            return redirect(detail(request, record))
        return redirect(detail, pk=record.pk)

    return view


# A step refused keeps what was typed: the record's page opens that step again, its
# form bound to the input (files excepted, which a redirect cannot carry) and its
# errors beside the fields.
KEPT_STEP = "kept_step_input"


def keep_step_input(request, record, step):
    data = {
        name: request.POST.getlist(name) for name in request.POST if name != "csrfmiddlewaretoken"
    }
    request.session[KEPT_STEP] = {"record": record._meta.label, "pk": record.pk, "step": step,
                                  "data": data}  # fmt: skip


def step_forms(record, request):
    """[(step, label, form or None, open)]: the steps the user may take on the record
    now, for the template step_forms.html; a step just refused comes back bound and open."""
    kept = request.session.pop(KEPT_STEP, None)
    refused = data = None
    if kept and (kept["record"], kept["pk"]) == (record._meta.label, record.pk):
        refused, data = kept["step"], QueryDict(mutable=True)
        for name, values in kept["data"].items():
            data.setlist(name, values)
    steps = []
    for step in record.next_steps(request.user):
        is_refused = step.name == refused
        form = step.form_for(record, request.user, data if is_refused else None)
        if is_refused and form is not None:
            form.is_valid()  # its errors, beside the fields
        steps.append((step.name, step.label, form, is_refused))
    return steps


# The notification inbox (congress_portal.notices): every role reads its own; nobody
# else's notices are even found.
NOTICES_PER_PAGE = 30


def own_notice(request, pk):
    return get_object_or_404(notices.inbox(request.user), pk=pk)


@role_required(*ALL_ROLES)
def inbox(request):
    """通知: the user's notices, newest first, the unread ones marked."""
    page = Paginator(notices.inbox(request.user), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {"notices": page, "unread": notices.unread_count(request.user)}
    return render(request, "inbox.html", context)


@role_required(*ALL_ROLES)
def open_notice(request, pk):
    """Mark the notice read and go to its page (the inbox's and the email's link)."""
    notice = own_notice(request, pk)
    notices.mark_read(notice, timezone.now())
    safe = url_has_allowed_host_and_scheme(notice.url, allowed_hosts=None)  # a path of ours
    return redirect(notice.url if safe else "inbox")


@require_POST
@role_required(*ALL_ROLES)
def read_all_notices(request):
    marked = notices.mark_all_read(request.user, timezone.now())
    message = ngettext("%(count)s notice marked read.", "%(count)s notices marked read.", marked)
    messages.success(request, message % {"count": marked})
    return redirect("inbox")


def inbox_panel(request, **_arguments):
    """The deputy's home: how many notices are unread, linking to the inbox."""
    return {"unread": notices.unread_count(request.user)}
