from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from congress_portal.scoping import StreetScopedAdminMixin

from .models import Publicity


@admin.register(Publicity)
class PublicityAdmin(StreetScopedAdminMixin, SimpleHistoryAdmin):
    list_display = ["published_on", "title", "outlet", "level", "street"]
    list_select_related = ["street"]
    list_filter = ["level", ("street", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "outlet", "deputies__name"]
    date_hierarchy = "published_on"
    autocomplete_fields = ["deputies"]
