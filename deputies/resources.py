"""The deputy roster as an Excel sheet with Chinese headers, imported and
exported in the staff admin (in the background: congress_portal.sheets)."""

from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from congress_portal.models import Community, Street
from congress_portal.resources import STREET, ChoiceWidget, NameWidget, SheetResource

from .models import Deputy, Gender

# Column headers: the sheet's data, not translated.
HEADERS = {
    "name": "姓名",
    "gender": "性别",
    "birth_year": "出生年份",
    "phone": "联系电话",
    "employer": "工作单位",
    "post": "职务",
    "specialty": "专业特长",
    "constituency": "选区",
    "community": "社区",
    "notes": "备注",
    "street": STREET,
}
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}
GENDER_MESSAGE = _("Give the gender as %(choices)s.")


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):  # decimal's errors are ArithmeticErrors
            raise ValueError(_("Give the year as a whole number, e.g. 1975.")) from None


class CommunityWidget(NameWidget):
    """A community by name, in the row's street."""

    def __init__(self):
        super().__init__(Community)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": value, "street__name": row.get(STREET)}


class DeputyResource(SheetResource):
    headers = HEADERS

    gender = Field("gender", HEADERS["gender"], widget=ChoiceWidget(GENDERS, GENDER_MESSAGE))
    birth_year = Field("birth_year", HEADERS["birth_year"], widget=YearWidget())
    community = Field("community", HEADERS["community"], widget=CommunityWidget())
    street = Field("street", STREET, widget=NameWidget(Street))
    notes = Field("notes", HEADERS["notes"], widget=widgets.CharWidget())

    class Meta:
        model = Deputy
        fields = tuple(HEADERS)
        import_id_fields = ("street", "name", "phone")
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True  # nobody reads it: the check lists only the errors
