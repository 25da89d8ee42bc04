"""Street scoping: staff of a street see their street's rows, district-level
accounts (no street) see all. Every street-owned row is one lookup away from
its Street, so scoping is this one filter."""

from .models import Community, Street


def is_district_wide(user):
    return user.is_superuser or user.street_id is None


def scope_to_street(queryset, user, street_field):
    if is_district_wide(user):
        return queryset
    return queryset.filter(**{street_field: user.street_id})


# How each geography model reaches its street, for foreign-key choices.
CHOICE_SCOPES = {Street: "pk", Community: "street"}


class StreetScopedAdminMixin:
    """ModelAdmin mixin: `street_field` is the lookup from the model to its Street's pk.

    Street staff see and choose only their street's rows, and cannot leave a
    street empty: an empty street would make a row (or an account) district-wide.
    """

    street_field = "street"

    def get_queryset(self, request):
        return self.scope(request, super().get_queryset(request))

    def scope(self, request, queryset):
        return scope_to_street(queryset, request.user, self.street_field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        scope = CHOICE_SCOPES.get(db_field.related_model)
        if scope:
            choices = db_field.related_model.objects.all()
            kwargs["queryset"] = scope_to_street(choices, request.user, scope)
            if db_field.related_model is Street and not is_district_wide(request.user):
                kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """New rows start in the staff member's own street."""
        initial = super().get_changeform_initial_data(request)
        if self.street_field == "street" and request.user.street_id:
            initial.setdefault("street", request.user.street_id)
        return initial
