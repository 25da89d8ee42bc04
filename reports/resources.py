"""The publicity records (宣传报道) as an Excel sheet with Chinese headers: a street
reports dozens of articles a year, kept in a sheet long before they reach the portal."""

from django.utils.translation import gettext_lazy as _
from import_export.fields import Field

from congress_portal.models import Street
from congress_portal.resources import STREET, ChoiceWidget, DateWidget, NameWidget, SheetResource

from .models import Publicity

# The sheet's words for an outlet's level.
LEVELS = {
    "全国": Publicity.Level.NATIONAL,
    "省": Publicity.Level.PROVINCIAL,
    "市": Publicity.Level.CITY,
    "区": Publicity.Level.DISTRICT,
}


class PublicityResource(SheetResource):
    headers = {
        "published_on": "刊发日期",
        "outlet": "媒体",
        "level": "媒体级别",
        "title": "标题",
        "link": "链接",
        "street": STREET,
    }

    published_on = Field("published_on", headers["published_on"], widget=DateWidget())
    level = Field(
        "level",
        headers["level"],
        widget=ChoiceWidget(LEVELS, _("Give the outlet's level as %(choices)s.")),
    )
    street = Field("street", STREET, widget=NameWidget(Street))

    class Meta:
        model = Publicity
        fields = ("published_on", "outlet", "level", "title", "link", "street")
        # The same article imported again is updated, not added twice.
        import_id_fields = ("street", "outlet", "title")
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True
