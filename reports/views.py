from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress_portal.access import role_required
from congress_portal.errors import DomainError, errors_in_words
from congress_portal.files import send_file
from congress_portal.roles import READERS, Role
from deputies.views import visible_deputy

from . import services
from .dashboard import year_dashboard
from .forms import ScopeForm
from .models import AnnualReport, ArchivePDF


@role_required(*READERS)
def home(request):
    """The annual reports: download them; staff create and generate them."""
    context = {
        "reports": AnnualReport.objects.visible_to(request.user).select_related("street"),
        "form": ScopeForm(user=request.user) if request.user.role == Role.STAFF else None,
    }
    return render(request, "reports/home.html", context)


@role_required(*READERS)
def dashboard(request):
    form = ScopeForm(request.GET or None, user=request.user)
    street, year = form.scope()
    counted = year_dashboard(year, street)
    context = {
        "form": form,
        "street": street,
        "f": counted.data["figures"],
        "charts": counted.data["charts"],
        "counted_at": counted.counted_at,
    }
    return render(request, "reports/dashboard.html", context)


@require_POST
@role_required(Role.STAFF)
def create_report(request):
    form = ScopeForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect("reports:home")
    try:
        report = services.request_report(form.cleaned_data["street"], form.cleaned_data["year"],
                                         request.user)  # fmt: skip
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:home")
    messages.success(request, _("The report was created; its figures are being counted."))
    return redirect(reverse("admin:reports_annualreport_change", args=[report.pk]))


@require_POST
@role_required(Role.STAFF)
def generate(request, pk):
    report = get_object_or_404(AnnualReport.objects.visible_to(request.user), pk=pk)
    try:
        services.request_pdf(report, request.user)
        messages.success(request, _("The PDF is being generated; refresh this page in a moment."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("reports:home")


@role_required(*READERS)
def download(request, pk):
    report = get_object_or_404(AnnualReport.objects.visible_to(request.user), pk=pk)
    if not report.pdf:  # while a new version is made, the published one
        raise Http404
    services.log_download(report, request.user)
    filename = f"{report.title}.pdf"
    return send_file(request, report.pdf, filename)


# Performance archives (一人一档) as PDFs, asked for from the archive page's panel.


def archive_year(year):
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def archive_page(deputy, year):
    return f"{reverse('deputies:archive', args=[deputy.pk])}?year={year}"


@require_POST
@role_required(Role.DEPUTY, *READERS)
def generate_archive(request, pk, year):
    """The deputy themselves or staff of the deputy's street queue the PDF;
    other deputies get a 404 (visible_deputy), leadership a 403 (read only)."""
    deputy = visible_deputy(request, pk)
    year = archive_year(year)
    if not services.may_generate_archive(request.user, deputy):
        raise PermissionDenied
    try:
        services.request_archive_pdf(deputy, year, request.user)
        messages.success(request, _("The PDF is being generated; refresh this page in a moment."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect(archive_page(deputy, year))


@role_required(Role.DEPUTY, *READERS)
def download_archive(request, pk, year):
    """The deputy themselves, staff and leadership of the deputy's street
    (district users: every street) download the ready PDF; each download is logged."""
    deputy = visible_deputy(request, pk)
    archive = get_object_or_404(ArchivePDF, deputy=deputy, year=archive_year(year))
    if not archive.pdf:  # while a new version is made, the previous one
        raise Http404
    services.log_archive_download(archive, request.user)
    filename = f"{archive}.pdf"
    return send_file(request, archive.pdf, filename)
