"""Street scoping: staff of a street see their street's rows, district-level
accounts (no street) see all; a handling unit's account sees what is given to its
unit (`unit_path`), whatever the street.

Every street-owned model declares once, as `street_path`, the lookup from the
model to its Street's pk (`"station__street"` on a visit, `"pk"` on a street);
district-wide models (terms, sessions) declare `street_path = None`. A model
whose rows without a street are the district's, shared with every street
(handling units, point rules, early-warning rules), also declares
`district_rows_shared = True`, and keeps its street field on the row.
`scope` filters any queryset through that declaration; the portal's own code
asks the models' managers, `Model.objects.visible_to(user)` (StreetQuerySet)."""

import operator
from functools import reduce

from django.apps import apps
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .errors import errors_in_words
from .paging import EstimatedCountPaginator, FilteredLinksChangeList
from .roles import Role
from .widgets import AutocompleteSelect, escaped


def is_district_wide(user):
    """A handling unit's account is never district-wide, even a district department's."""
    return user.is_superuser or (user.street_id is None and user.role != Role.UNIT)


def declaration(model, name):
    """What the model declares; a historical version (django-simple-history)
    belongs where its record does."""
    return getattr(getattr(model, "instance_type", model), name, None)


def street_path(model):
    """The model's lookup to its street; None for district-wide models (and for
    other packages' models, which have no street)."""
    return declaration(model, "street_path")


def scope(queryset, user):
    """The rows of `queryset` that `user` may see.

    A model that declares `district_rows_shared` (handling units) also shows
    its rows without a street, the district's own, to every street."""
    model = queryset.model
    if user.role == Role.UNIT:
        return unit_rows(queryset, user)
    path = street_path(model)
    if path is None or is_district_wide(user):
        return queryset
    seen = Q(**{path: user.street_id})
    if declaration(model, "district_rows_shared"):
        seen |= Q(**{f"{path}__isnull": True})
    return queryset.filter(seen)


def own_street_first(queryset, user):
    """`queryset` with the rows of the user's street first (then the district's shared
    rows, and for district-level users every street's), each part in its usual order."""
    path = street_path(queryset.model)
    if path is None or user.street_id is None:
        return queryset
    usual = queryset.query.order_by or queryset.model._meta.ordering or ["pk"]
    own = Case(When(**{path: user.street_id}, then=Value(0)), default=Value(1))
    return queryset.order_by(own, *usual)


def unit_rows(queryset, user):
    """A handling unit's account sees the rows given to its unit, through the model's
    declared `unit_path` (a lookup to the HandlingUnit), and nothing of a model that
    declares none."""
    path = declaration(queryset.model, "unit_path")
    if path is None or user.handling_unit_id is None:
        return queryset.none()
    given = queryset.model._default_manager.filter(**{path: user.handling_unit_id})
    return queryset.filter(pk__in=given.values("pk"))  # a subquery: the path may fan out


class StreetQuerySet(models.QuerySet):
    """The default manager's queryset of every street-owned model.

    A model may also declare `deputy_path`, the lookup from the model to the
    deputy accounts a row belongs to (or a tuple of such lookups: the row is the
    account's through any of them): a deputy sees only those rows of it."""

    def visible_to(self, user):
        """The rows `user` may see: those of the user's street (district users:
        every street); a deputy, where the model says whose rows are whose, their own."""
        rows = scope(self, user)
        path = declaration(self.model, "deputy_path")
        if not path or user.role != Role.DEPUTY:
            return rows
        if isinstance(path, str):
            return rows.filter(**{path: user})
        # One subquery: OR-ing joins through many-valued relations would repeat rows.
        own = reduce(operator.or_, (Q(**{lookup: user}) for lookup in path))
        return rows.filter(pk__in=self.model._default_manager.filter(own).values("pk"))

    def in_street(self, street):
        """The rows of `street` (a Street or its pk); every row for None."""
        return self if street is None else self.filter(**{street_path(self.model): street})


def is_district_row(record):
    """Whether `record` is a district's row that every street shares."""
    model = type(record)
    if not declaration(model, "district_rows_shared"):
        return False
    return getattr(record, model._meta.get_field(street_path(model)).attname) is None


class ScopedRelatedFieldListFilter(admin.RelatedFieldListFilter):
    """A list filter by a related row offering only the rows the user sees."""

    def field_choices(self, field, request, model_admin):
        ordering = self.field_admin_ordering(field, request, model_admin)
        seen = scope(field.related_model._default_manager.all(), request.user)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to={"pk__in": seen}
        )


class StreetFirstListFilter(ScopedRelatedFieldListFilter):
    """A list filter by a street's rows (stations) that a district has hundreds of: a
    district-level account first chooses the street in the list's filter by
    `<field>__street` (declared just before this one), then one of that street's rows.
    Street staff choose among their own street's rows at once."""

    def field_choices(self, field, request, model_admin):
        if not is_district_wide(request.user):
            return super().field_choices(field, request, model_admin)
        street = request.GET.get(f"{self.field_path}__street__id__exact", "")
        if not street.isdigit():
            return []
        rows = field.related_model._default_manager.filter(street=street)
        ordering = self.field_admin_ordering(field, request, model_admin)
        return field.get_choices(
            include_blank=False, ordering=ordering, limit_choices_to={"pk__in": rows}
        )


def without(items, named):
    """The nested list of deleted objects (Django's) without the items whose text
    starts with one of `named`."""
    kept = [
        without(item, named) if isinstance(item, list) else item
        for item in items
        if isinstance(item, list) or not str(item).startswith(named)
    ]
    return [item for item in kept if item != []]  # fmt: skip


class StreetScopedAdminMixin:
    """For ModelAdmins and inlines: the rows, the choices of every form and the
    rights to edit follow the models' declared `street_path`.

    Street staff see and choose only their street's rows (a foreign id POSTed is
    "not a valid choice"), and cannot leave a street empty: an empty street would
    make a row (or an account) district-wide. District-wide models are settings:
    street staff read them, only district-level accounts add, change or delete
    them; so are the district's rows of a model that shares them with every
    street, whose own rows street staff do edit. History pages read and revert
    only what the change page shows.

    At city scale a list counts its rows once, not also the whole table (Django's
    "show all" count), and a district-wide list of a table of millions takes
    PostgreSQL's estimate of its rows (see congress_portal.paging)."""

    show_full_result_count = False
    # The site's: Django asks for it for each cell of a list, by way of an
    # AttributeError when the ModelAdmin does not set it.
    empty_value_display = admin.site.empty_value_display
    paginator = EstimatedCountPaginator
    list_per_page = 30  # as the ledgers: a row costs about 0.3 ms to draw

    def get_queryset(self, request):
        return scope(super().get_queryset(request), request.user)

    def get_changelist(self, request, **kwargs):
        return FilteredLinksChangeList

    @admin.display(description=mark_safe('<input type="checkbox" id="action-toggle">'))
    def action_checkbox(self, obj):
        """Django's checkbox, written out: drawn through the form renderer's templates
        (or even format_html) it took more time than the rest of its row."""
        label = escaped(_("Select this object for an action - {}").format(obj))
        return mark_safe(
            f'<input type="checkbox" name="{helpers.ACTION_CHECKBOX_NAME}" '
            f'value="{escaped(obj.pk)}" class="action-select" aria-label="{label}">'
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # A street's own street_path is "pk": this field chooses a street.
        if street_path(db_field.related_model) == "pk" and not is_district_wide(request.user):
            kwargs["required"] = True
        kwargs = self.scoped_choices(db_field, request, kwargs)
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = AutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self.scoped_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def scoped_choices(self, db_field, request, kwargs):
        """The field's choices limited to the rows the user sees, for every kind of
        widget (select, autocomplete, raw id): the form validates against them."""
        related = db_field.related_model
        if "queryset" in kwargs or street_path(related) is None:
            return kwargs
        choices = self.get_field_queryset(kwargs.get("using"), db_field, request)
        if choices is None:
            choices = related._default_manager.using(kwargs.get("using"))
        return {**kwargs, "queryset": own_street_first(scope(choices, request.user), request.user)}

    def get_changeform_initial_data(self, request):
        """New rows start in the staff member's own street."""
        initial = super().get_changeform_initial_data(request)
        if street_path(self.model) == "street" and request.user.street_id:
            initial.setdefault("street", request.user.street_id)
        return initial

    def edits_allowed(self, request, obj=None):
        if is_district_wide(request.user):
            return True
        return street_path(self.model) is not None and not (obj and is_district_row(obj))

    def has_add_permission(self, request, *obj):
        return self.edits_allowed(request) and super().has_add_permission(request, *obj)

    def has_change_permission(self, request, obj=None):
        return self.edits_allowed(request, obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self.edits_allowed(request, obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        return super().get_actions(request) if self.edits_allowed(request) else {}

    def bulk_edits_allowed(self, request):
        """The list's bulk edit would mix the rows street staff edit with the shared
        district's rows they may not: they change such rows one at a time."""
        shared = declaration(self.model, "district_rows_shared")
        return self.edits_allowed(request) and (not shared or is_district_wide(request.user))

    def get_changelist_instance(self, request):
        changelist = super().get_changelist_instance(request)
        if not self.bulk_edits_allowed(request):
            changelist.list_editable = ()
        return changelist

    def changelist_view(self, request, extra_context=None):
        bulk_edit = self.list_editable and request.method == "POST" and "_save" in request.POST
        if bulk_edit and not self.bulk_edits_allowed(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def get_deleted_objects(self, objs, request):
        """What deleting `objs` removes, without the links of many-to-many fields:
        Django names them after its internal model names, in English, and the rows
        they link are not deleted."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        links = [
            m._meta for m in apps.get_models(include_auto_created=True) if m._meta.auto_created
        ]
        named = tuple(f"{capfirst(opts.verbose_name)}: " for opts in links)
        plurals = {str(opts.verbose_name_plural) for opts in links}
        counts = {name: count for name, count in counts.items() if str(name) not in plurals}
        return without(deleted, named), counts, perms_needed, protected

    # django-simple-history's pages look records up unscoped: go through the scope first.

    def history_view(self, request, object_id, extra_context=None):
        # Django's own history page (the admin's log) already finds the record scoped.
        if hasattr(self.model._meta, "simple_history_manager_attribute"):
            self.readable_versions(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        versions = self.readable_versions(request, object_id)
        try:
            versions.get(pk=versions.model._meta.pk.to_python(version_id))
        except (ValidationError, versions.model.DoesNotExist):
            raise Http404 from None
        if request.method == "POST":
            return self.revert(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def readable_versions(self, request, object_id):
        """The record's versions, if the user may read the record: it is in the
        user's scope, or, deleted, its last version was. A 404 otherwise."""
        opts = self.model._meta
        try:
            pk = opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        history = getattr(self.model, opts.simple_history_manager_attribute)
        versions = history.filter(**{opts.pk.attname: pk})
        if self.get_queryset(request).filter(pk=pk).exists():
            return versions
        last = versions.order_by("-history_date", "-history_id").first()
        if last is None or not scope(versions, request.user).filter(pk=last.pk).exists():
            raise Http404
        return versions

    def revert(self, request, object_id):
        """Save a version's values, as the history form POSTs them, the way the
        change page saves: only the form's fields change (states move only by
        their steps), with the right to change the record, which must exist."""
        record = self.get_object(request, unquote(object_id))
        if record is None or not self.has_change_permission(request, record):
            raise PermissionDenied
        form_class = self.get_form(request, record, change=True)
        form = form_class(request.POST, request.FILES, instance=record)
        if not form.is_valid():
            message = _("The version was not restored: %(errors)s") % {
                "errors": errors_in_words(form)
            }
            self.message_user(request, message, messages.ERROR)
            return redirect(request.path)
        record = self.save_form(request, form, change=True)
        self.save_model(request, record, form, change=True)
        self.save_related(request, form, formsets=[], change=True)
        self.log_change(request, record, self.construct_change_message(request, form, []))
        return self.response_change(request, record)

    def revert_disabled(self, request, obj=None):
        deleted = obj is not None and not self.get_queryset(request).filter(pk=obj.pk).exists()
        return deleted or super().revert_disabled(request, obj)
