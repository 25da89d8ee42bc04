from axes.admin import AccessAttemptAdmin, AccessLogAdmin
from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import display_for_field, quote
from django.contrib.admin.views.main import SEARCH_VAR
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import models
from django.db.models import Count
from django.http import Http404, HttpRequest, QueryDict
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator, capfirst, format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from import_export.forms import ExportForm

from . import jobs, sheet_kinds, sheets, workdays
from .errors import DomainError
from .forms import AccountChangeForm, AccountCreationForm, AccountPasswordForm
from .models import (
    CalendarDay,
    Community,
    HandlingUnit,
    LoginAttempt,
    LoginRecord,
    OutboxJob,
    SheetJob,
    Street,
    User,
)
from .roles import SCHEDULES_APP
from .scoping import StreetScopedAdminMixin, is_district_wide, scope
from .views import start_export
from .widgets import escaped

admin.site.site_header = _("People's Congress Street Work Committee Portal")
admin.site.site_title = _("Congress portal admin")
admin.site.index_title = _("Committee work")


class PhotoInline(admin.TabularInline):
    """An inline of uploaded photos (the model's `image`), each shown as a small picture
    linked to the full one, through the view that checks who may see it."""

    extra = 0
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("preview"))
    def thumbnail(self, photo):
        if not photo.image:
            return "—"
        url = photo.image.url
        return format_html(
            '<a href="{}"><img class="admin-thumbnail" src="{}" alt=""></a>', url, url
        )


def record_table(obj, fields, empty_value_display):
    """The values of `obj`'s model fields as the admin shows read-only fields (a related
    row by name, linked to its admin page), in one table of label and value. A related
    row deleted since (a historical version's) shows as empty, as Django's does.
    Written with plain strings: format_html took half the table's time."""
    rows = "".join(
        f"<tr><th>{label(field)}</th>{cell(obj, field, empty_value_display)}</tr>"
        for field in fields
    )
    return mark_safe(f'<table class="record">{rows}</table>')


def rows_table(objects, fields, empty_value_display):
    """Read-only rows in a table of a column a field, their values drawn as in
    record_table: what a read-only inline shows, without its formset (about 4 ms)."""
    rows = "".join(
        f"<tr>{''.join(cell(obj, field, empty_value_display) for field in fields)}</tr>"
        for obj in objects
    )
    if not rows:
        return empty_value_display
    head = "".join(f"<th>{label(field)}</th>" for field in fields)
    return mark_safe(f'<table class="record"><tr>{head}</tr>{rows}</table>')


def label(field):
    return escaped(capfirst(str(field.verbose_name)))


def cell(obj, field, empty_value_display):
    return f"<td>{escaped(shown(obj, field, empty_value_display))}</td>"


def shown(obj, field, empty_value_display):
    """`obj`'s value of `field` as the admin shows a read-only field."""
    try:
        value = getattr(obj, field.name)
    except ObjectDoesNotExist:
        return empty_value_display
    if field.many_to_many:
        return ", ".join(map(str, value.all())) or empty_value_display
    if field.is_relation:
        return empty_value_display if value is None else admin_link(value)
    shown_value = display_for_field(value, field, empty_value_display)
    # Only a text keeps its lines; the caller escapes the rest.
    return linebreaksbr(shown_value) if isinstance(field, models.TextField) else shown_value


def admin_link(row):
    """`row` by name, linked to its admin page when it has one."""
    opts = row._meta
    try:
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(row.pk)])
    except NoReverseMatch:
        return str(row)
    return format_html('<a href="{}">{}</a>', url, row)


class ReadOnlyAdminMixin:
    """For ModelAdmins and inlines of records the portal writes itself (letters,
    logs, step trails): shown, never added, changed or deleted in the admin."""

    def has_add_permission(self, request, *obj):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(ReadOnlyAdminMixin, StreetScopedAdminMixin, admin.TabularInline):
    """Rows the portal writes (a suggestion's steps, letters, download logs): shown,
    never edited here."""

    extra = 0


class CommunityInline(StreetScopedAdminMixin, admin.TabularInline):
    model = Community
    extra = 0


@admin.register(Street)
class StreetAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "district", "community_count"]
    list_filter = ["district"]
    search_fields = ["name", "district"]
    inlines = [CommunityInline]

    def has_add_permission(self, request):
        return is_district_wide(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, street=None):
        return is_district_wide(request.user) and super().has_delete_permission(request, street)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(community_count=Count("communities"))

    @admin.display(description=_("communities"), ordering="community_count")
    def community_count(self, street):
        return street.community_count


@admin.register(Community)
class CommunityAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "street"]
    list_filter = [("street", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["street"]
    search_fields = ["name", "street__name"]


@admin.register(HandlingUnit)
class HandlingUnitAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "street", "contact_person", "contact_phone", "active"]
    list_filter = ["kind", "active", ("street", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["street"]
    search_fields = ["name", "contact_person"]


@admin.register(CalendarDay)
class CalendarDayAdmin(StreetScopedAdminMixin, admin.ModelAdmin):
    """District staff enter a year's holidays and make-up working days when
    chinese-calendar does not know it yet; street staff read them."""

    list_display = ["day", "name", "working"]
    list_filter = ["working", "name"]
    date_hierarchy = "day"

    def changelist_view(self, request, extra_context=None):
        coming = timezone.localdate().year + 1
        if not workdays.Calendar().knows(coming):
            message = gettext(
                "The holidays of %(year)s are not known yet, so its deadlines count Monday "
                "to Friday: enter the State Council's arrangement for %(year)s here."
            )
            messages.warning(request, message % {"year": coming})
        return super().changelist_view(request, extra_context)


@admin.register(User)
class UserAdmin(StreetScopedAdminMixin, BaseUserAdmin):
    form, add_form = AccountChangeForm, AccountCreationForm
    change_password_form = AccountPasswordForm
    list_display = [
        "username",
        "name",
        "street",
        "handling_unit",
        "is_staff",
        "is_active",
        "last_login",
    ]
    list_filter = ["groups", ("street", admin.RelatedOnlyFieldListFilter), "is_staff", "is_active"]
    list_select_related = ["street", "handling_unit"]
    search_fields = ["username", "name", "email", "handling_unit__name"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["name", "email", "street"]}),
        (_("Role"), {"fields": ["groups", "handling_unit", "is_active", "is_staff"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]  # fmt: skip

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "handling_unit" and not is_district_wide(request.user):
            # A district department's accounts see its items in every street: the
            # district's staff open them; a street's staff, those of the street's units.
            kwargs["queryset"] = HandlingUnit.objects.filter(street=request.user.street_id)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_queryset(self, request):
        users = super().get_queryset(request)
        # Only a superuser may touch a superuser (and so reset its password).
        return users if request.user.is_superuser else users.filter(is_superuser=False)

    add_fieldsets = [
        (None, {"fields": ["username", "name", "street", "groups", "handling_unit", "password1",
                           "password2"]}),
    ]  # fmt: skip


class StreetScopedLoginRecordsMixin:
    """django-axes records name users only by username: street staff see (and
    unlock) only the logins of their street's accounts."""

    def get_queryset(self, request):
        records = super().get_queryset(request)
        if is_district_wide(request.user):
            return records
        usernames = scope(User.objects.all(), request.user)
        return records.filter(username__in=usernames.values("username"))


# axes' own admins, over proxies that name the records in Chinese.
admin.site.unregister([AccessAttempt, AccessLog])


@admin.register(LoginAttempt)
class LoginAttemptAdmin(StreetScopedLoginRecordsMixin, AccessAttemptAdmin):
    @admin.display(description=_("status"))
    def status(self, attempt):
        left = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if left <= 0:
            return gettext("Locked out")
        return ngettext("%(count)d attempt left", "%(count)d attempts left", left) % {"count": left}


@admin.register(LoginRecord)
class LoginRecordAdmin(StreetScopedLoginRecordsMixin, AccessLogAdmin):
    pass


class DistrictOnlyAdminMixin:
    """Pages that only district-level accounts open: the periodic tasks and their
    schedules, deployment-wide settings, which django-celery-beat describes in English
    (cron descriptions). A street's staff have no use for them."""

    def has_module_permission(self, request):
        return is_district_wide(request.user) and super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return is_district_wide(request.user) and super().has_view_permission(request, obj)


for model, model_admin in list(admin.site._registry.items()):
    if model._meta.app_label == SCHEDULES_APP:
        admin_class = type(model_admin)
        admin.site.unregister(model)
        bases = (DistrictOnlyAdminMixin, StreetScopedAdminMixin, admin_class)
        admin.site.register(model, type(admin_class.__name__, bases, {}))


@admin.register(OutboxJob)
class OutboxJobAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The background jobs' outbox, read only, for district-level staff: the
    jobs of every street pass through it. Staff may send a job again (every
    task is idempotent), e.g. after a worker gave up on it."""

    list_display = ["created_at", "task", "args", "sent_at", "attempts", "error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "task"]
    search_fields = ["task"]
    actions = ["send_again"]

    def has_view_permission(self, request, job=None):
        return is_district_wide(request.user) and super().has_view_permission(request, job)

    def has_send_permission(self, request):
        user = request.user
        return is_district_wide(user) and user.has_perm("congress_portal.change_outboxjob")

    @admin.display(description=_("last error"))
    def error(self, job):
        return Truncator(job.last_error).chars(80)

    @admin.action(description=_("Send again now"), permissions=["send"])
    def send_again(self, request, selected):
        outcomes = []
        for pk in selected.order_by("created_at", "pk").values_list("pk", flat=True):
            outcomes.append(jobs.send(pk, again=True))
            if outcomes[-1] is jobs.Outcome.REFUSED:
                break
        sent = outcomes.count(jobs.Outcome.SENT)
        broken = outcomes.count(jobs.Outcome.BROKEN)
        if sent:
            message = ngettext("%(count)d job sent.", "%(count)d jobs sent.", sent)
            self.message_user(request, message % {"count": sent}, messages.SUCCESS)
        if broken:
            message = ngettext(
                "%(count)d job could not be sent: see its last error.",
                "%(count)d jobs could not be sent: see their last error.",
                broken,
            )
            self.message_user(request, message % {"count": broken}, messages.ERROR)
        if jobs.Outcome.REFUSED in outcomes:
            message = gettext(
                "Redis is unreachable: the jobs not sent go out with the sweep once it is back."
            )
            self.message_user(request, message, messages.WARNING)


@admin.register(SheetJob)
class SheetJobAdmin(StreetScopedAdminMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Exports and imports, read only: who asked for what, and how it went. The
    files themselves go only to the user who asked, from the page 导出文件."""

    list_display = ["created_at", "user", "label", "state", "rows_done", "rows_total"]
    list_filter = ["state", "kind"]
    list_select_related = ["user"]
    search_fields = ["user__username", "user__name"]
    fields = ["user", "kind", "filters", "state", "rows_done", "rows_total", "summary", "error",
              "row_errors", "created_at", "started_at", "finished_at", "confirmed_at",
              "expires_at"]  # fmt: skip

    @admin.display(description=_("what"))
    def label(self, job):
        return job.label


def as_request(user, query=None):
    """A GET request of `user`, for the admin's methods that take one, in the worker."""
    request = HttpRequest()
    request.method = "GET"
    request.user = user
    request.GET = QueryDict() if query is None else query
    return request


class BackgroundImportMixin:
    """Before import-export's ImportMixin: the import runs as the sheet job
    `sheet_name`_import (congress_portal.sheets). An upload is checked in the
    background and imported once its user confirms on the job's page; the import
    page links to the blank sheet."""

    sheet_name = sheet_label = None
    import_template_name = "admin/sheet_import.html"  # with the link to the blank sheet

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        import_label = format_lazy(_("{} (import)"), self.sheet_label)
        sheet_kinds.register(
            sheets.Import(self.import_name, import_label, self.may_import, self.import_resource)
        )

    @property
    def import_name(self):
        return f"{self.sheet_name}_import"

    def get_import_context_data(self, **kwargs):
        template = reverse("sheet_template", args=[self.import_name])
        return {**super().get_import_context_data(**kwargs), "sheet_template_url": template}

    def get_resource_kwargs(self, request, *args, **kwargs):
        """The sheets' resources (congress_portal.resources) know who imports."""
        return {**super().get_resource_kwargs(request, *args, **kwargs), "user": request.user}

    def import_action(self, request, **kwargs):
        if request.method == "POST" and self.has_import_permission(request):
            form = self.create_import_form(request)
            if form.is_valid():
                upload = form.cleaned_data["import_file"]
                return redirect(sheets.start(request.user, self.import_name, upload=upload))
        return super().import_action(request, **kwargs)

    def process_import(self, request, **kwargs):
        """Imports are confirmed on their job's page."""
        raise Http404

    def may_import(self, user):
        return user.is_staff and self.has_import_permission(as_request(user))

    def import_resource(self, user):
        request = as_request(user)
        resource = self.get_import_resource_classes(request)[0]
        return resource(**self.get_import_resource_kwargs(request))


class BackgroundImportExportMixin(BackgroundImportMixin):
    """Before import-export's ImportExportMixin: the import as BackgroundImportMixin's,
    and the export as the sheet job `sheet_name`. Opening the export shows
    import-export's form and makes nothing; sending it queues the export, which
    takes the list's search and filters (kept in the form page's address) and
    ignores any other parameter."""

    export_form_class = ExportForm  # the job writes all the resource's columns

    def __init__(self, model, admin_site):
        super().__init__(model, admin_site)
        name, label = self.sheet_name, self.sheet_label
        sheet_kinds.register(sheets.Export(name, label, name, self.may_export, self.export_table))

    def export_action(self, request):
        if not self.has_export_permission(request):
            raise PermissionDenied
        form = self.get_export_form_class()(
            self.get_export_formats(),
            self.get_export_resource_classes(request),
            data=request.POST or None,
        )
        if form.is_valid():
            return start_export(request, self.sheet_name)
        request.current_app = self.admin_site.name
        context = self.init_request_context_data(request, form)
        return TemplateResponse(request, [self.export_template_name], context)

    def may_export(self, user):
        return user.is_staff and self.has_export_permission(as_request(user))

    def export_table(self, user, filters):
        request = as_request(user, self.list_parameters(user, filters))
        try:
            rows = self.get_export_queryset(request)
        except IncorrectLookupParameters:
            message = gettext("The list's filters are not valid: clear them and export again.")
            raise DomainError(message) from None
        resource = self.get_export_resource_classes(request)[0]
        resource = resource(**self.get_export_resource_kwargs(request))
        return sheets.Table(
            resource.get_export_headers(),
            rows.count(),
            (
                resource.export_resource(row, force_native_type=True)
                for row in rows.iterator(chunk_size=sheets.CHUNK)
            ),
        )

    def list_parameters(self, user, filters):
        """Of `filters`, the list's search and its filters' parameters."""
        specs = self.get_changelist_instance(as_request(user)).filter_specs
        known = {SEARCH_VAR}.union(*(spec.expected_parameters() for spec in specs))
        query = QueryDict(mutable=True)
        for key in known & filters.keys():
            query.setlist(key, filters.getlist(key))
        return query
