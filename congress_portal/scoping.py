"""Street scoping: staff of a street see their street's rows, district-level
accounts (no street) see all. Every street-owned row is one lookup away from
its Street, so scoping is this one filter."""


def scope_to_street(queryset, user, street_field):
    if user.is_superuser or user.street_id is None:
        return queryset
    return queryset.filter(**{street_field: user.street_id})


class StreetScopedAdminMixin:
    """ModelAdmin mixin: `street_field` is the lookup from the model to its Street's pk."""

    street_field = "street"

    def get_queryset(self, request):
        return scope_to_street(super().get_queryset(request), request.user, self.street_field)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "street":
            kwargs["queryset"] = scope_to_street(db_field.related_model.objects, request.user, "pk")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_changeform_initial_data(self, request):
        """New rows start in the staff member's own street."""
        initial = super().get_changeform_initial_data(request)
        if self.street_field == "street" and request.user.street_id:
            initial.setdefault("street", request.user.street_id)
        return initial
