"""The deputy roster as an Excel sheet with Chinese headers, imported and
exported in the staff admin (in the background: congress_portal.sheets)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import resources, widgets
from import_export.fields import Field

from congress_portal.models import Community, Street

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
    "street": "街道",
}
STREET = HEADERS["street"]
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}


class GenderWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        gender = GENDERS.get(str(value).strip())
        if gender is None:
            raise ValueError(_("Give the gender as %(choices)s.") % {"choices": "/".join(GENDERS)})
        return gender

    def render(self, value, obj=None, **kwargs):
        return next((label for label, gender in GENDERS.items() if gender == value), "")


class YearWidget(widgets.IntegerWidget):
    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except (ArithmeticError, ValueError, TypeError):  # decimal's errors are ArithmeticErrors
            raise ValueError(_("Give the year as a whole number, e.g. 1975.")) from None


class NameWidget(widgets.ForeignKeyWidget):
    """A street or community by name, among the streets the importing user sees;
    each name is looked up once per import (a roster repeats a few on every row)."""

    def __init__(self, model):
        super().__init__(model, "name")
        self.user = None
        self.found = {}

    def get_queryset(self, value, row, *args, **kwargs):
        return self.model.objects.visible_to(self.user)

    def get_instance_by_lookup_fields(self, value, row, **kwargs):
        key = tuple(self.get_lookup_kwargs(value, row, **kwargs).items())
        if key not in self.found:
            self.found[key] = super().get_instance_by_lookup_fields(value, row, **kwargs)
        return self.found[key]

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except self.model.DoesNotExist:
            raise ValueError(
                _("There is no %(kind)s named “%(name)s”.")
                % {"kind": self.model._meta.verbose_name, "name": value}
            ) from None


class CommunityWidget(NameWidget):
    """A community by name, in the row's street."""

    def __init__(self):
        super().__init__(Community)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": value, "street__name": row.get(STREET)}


class DeputyResource(resources.ModelResource):
    gender = Field("gender", HEADERS["gender"], widget=GenderWidget())
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

    def __init__(self, user=None, **kwargs):
        super().__init__(**kwargs)
        self.user = user
        self.fields["street"].widget.user = self.fields["community"].widget.user = user

    @classmethod
    def field_from_django_field(cls, field_name, django_field, readonly):
        field = super().field_from_django_field(field_name, django_field, readonly)
        field.column_name = HEADERS[field_name]
        return field

    def validate_instance(self, instance, *args, **kwargs):
        """Errors are listed under the sheet's column headers."""
        try:
            super().validate_instance(instance, *args, **kwargs)
        except ValidationError as error:
            raise ValidationError(
                {
                    HEADERS.get(field, field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None

    def before_save_instance(self, instance, row, **kwargs):
        instance._history_user = self.user  # the importing user, in the deputy's history

    def before_import(self, dataset, **kwargs):
        """Staff of a street import into their own street, whatever the sheet says."""
        if self.user.street_id:
            if STREET in dataset.headers:
                del dataset[STREET]
            dataset.append_col([self.user.street.name] * dataset.height, header=STREET)
