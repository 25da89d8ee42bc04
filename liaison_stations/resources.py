"""Past years' constituent visits (接待选民台账) as an Excel sheet imported in the
staff admin (in the background: congress_portal.sheets).

A row is one visit, filed as the ledger records its end: closed, its handling's
result replied and fed back on the day it was closed (the visit's day when the
sheet gives none), with the constituent's evaluation given in person when the
sheet has one; a 不满意 is filed as it stands, not reopened. Its receivers are
found by their deputy numbers in the row's street. It earns no points (points of
past years come by their own import) and sends no notice.

Identity: a visit's tracking number is the portal's own, made when it is saved
(a constituent follows the matter with it), so a past ledger cannot carry it, and
the model keeps no number of the ledger's. A row therefore finds its visit again
by what the ledger itself tells apart: the station, the day, the matter as
written, and the constituents' names. A re-imported row with another result,
evaluation, category, receiver or phone updates that visit; a row whose matter
or names were corrected is a new visit (delete the old one in the admin)."""

import re
from itertools import zip_longest

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from congress_portal.models import Street
from congress_portal.resources import (
    STREET,
    BlankOrChoiceWidget,
    ChoiceWidget,
    DateWidget,
    NameWidget,
    SheetResource,
)
from deputies.resources import DeputyNumberWidget

from .models import Constituent, Station, Visit, VisitStep

# Column headers: the sheet's data, not translated.
HEADERS = {
    "station": "联络站",
    "received_on": "接待日期",
    "deputies": "接待代表",
    "names": "选民姓名",
    "phones": "联系电话",
    "matter": "反映事项",
    "category": "类别",
    "reply": "办理结果",
    "closed_on": "办结日期",
    "evaluation": "选民评价",
    "street": STREET,
}
CATEGORIES = {
    "环境卫生": Visit.Category.ENVIRONMENT,
    "物业管理": Visit.Category.PROPERTY,
    "交通出行": Visit.Category.TRAFFIC,
    "住房保障": Visit.Category.HOUSING,
    "社会保障": Visit.Category.SOCIAL_SECURITY,
    "医疗卫生": Visit.Category.HEALTH,
    "教育": Visit.Category.EDUCATION,
    "就业创业": Visit.Category.EMPLOYMENT,
    "社会治安": Visit.Category.SAFETY,
    "其他": Visit.Category.OTHER,
}
CATEGORY_MESSAGE = _("Give the category as %(choices)s.")
EVALUATIONS = {
    "满意": Visit.Evaluation.SATISFIED,
    "基本满意": Visit.Evaluation.BASICALLY_SATISFIED,
    "不满意": Visit.Evaluation.UNSATISFIED,
}
EVALUATION_MESSAGE = _("Give the evaluation as %(choices)s, or leave it empty.")
SEPARATORS = re.compile(r"[、,，;；]+")
PHONE_SEPARATORS = re.compile(r"[、,，;；\s]+")  # a name may hold a space, a phone not
# What the row decides of the visit's end; an unchanged row leaves them as they are.
FINAL_FIELDS = ("state", "reply", "replied_on", "feedback", "fed_back_on", "closed_on",
                "evaluation", "evaluation_given")  # fmt: skip


def cell_text(value):
    """A cell as text: a number Excel keeps as 13812345678.0 is 13812345678."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value if value is not None else "").strip()


def split_cell(value, separators=SEPARATORS):
    return [part.strip() for part in separators.split(cell_text(value)) if part.strip()]


class StationWidget(NameWidget):
    """A station by name, in the row's street."""

    def __init__(self):
        super().__init__(Station)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"name": cell_text(value), "street__name": row.get(STREET)}


class VisitResource(SheetResource):
    headers = HEADERS
    column_notes = {
        HEADERS["station"]: _("Required. The name of a liaison station of the street."),
        HEADERS["received_on"]: _(
            "Required. The day of the visit, e.g. 2023-05-06; not a future day."
        ),
        HEADERS["deputies"]: _(
            "Required. The numbers (代表编号) of the deputies who received it, separated "
            "by 、 or a comma. Imported visits earn no points: past years' points are "
            "imported on their own."
        ),
        HEADERS["names"]: _(
            "The constituents' names, separated by 、 when several came. A sheet imported "
            "again finds the visit by its station, day, matter and these names."
        ),
        HEADERS["phones"]: _(
            "Their phones, in the order of the names: 11-digit mobile numbers or "
            "landlines such as 0571-88886666. A name or a phone is required."
        ),
        HEADERS["matter"]: _("Required. The matter the constituents raised."),
        HEADERS["category"]: format_lazy(_("Required: {}."), "、".join(CATEGORIES)),
        HEADERS["reply"]: _(
            "Required. The result of the handling as answered to the constituents. The "
            "visit is filed as closed; no notice or message is sent."
        ),
        HEADERS["closed_on"]: _("The day it was closed; empty is the day of the visit."),
        HEADERS["evaluation"]: _(
            "满意, 基本满意 or 不满意, as the constituents gave it; may be empty. A 不满意 "
            "is filed as the ledger records it, not reopened."
        ),
    }

    station = Field("station", HEADERS["station"], widget=StationWidget())
    received_on = Field("received_on", HEADERS["received_on"], widget=DateWidget())
    matter = Field("matter", HEADERS["matter"], widget=widgets.CharWidget())
    category = Field(
        "category", HEADERS["category"], widget=ChoiceWidget(CATEGORIES, CATEGORY_MESSAGE)
    )
    reply = Field("reply", HEADERS["reply"], widget=widgets.CharWidget())
    closed_on = Field("closed_on", HEADERS["closed_on"], widget=DateWidget())
    evaluation = Field(
        "evaluation",
        HEADERS["evaluation"],
        widget=BlankOrChoiceWidget(EVALUATIONS, EVALUATION_MESSAGE),
    )
    # Not the visit's own fields: its receivers, its constituents, the row's street.
    deputies = Field(column_name=HEADERS["deputies"], widget=DeputyNumberWidget())
    names = Field(column_name=HEADERS["names"])
    phones = Field(column_name=HEADERS["phones"])
    street = Field(column_name=STREET, widget=NameWidget(Street))

    class Meta:
        model = Visit
        fields = tuple(HEADERS)
        import_order = tuple(HEADERS)
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True  # nobody reads it: the check lists only the errors

    def get_instance(self, instance_loader, row):
        """The visit of the row's station, day, matter and constituents' names; None
        when they cannot be read (the row's errors say why)."""
        try:
            station = self.fields["station"].clean(row)
            received_on = self.fields["received_on"].clean(row)
        except ValueError:
            return None
        names = sorted(name for name, _phone in self.people(row))
        visits = Visit.objects.filter(
            station=station, received_on=received_on, matter=cell_text(row.get(HEADERS["matter"]))
        ).prefetch_related("constituents")
        return next(
            (v for v in visits if sorted(c.name for c in v.constituents.all()) == names), None
        )

    def people(self, row):
        """[(name, phone)] of the row's constituents, a name's phone in its place."""
        names = split_cell(row.get(HEADERS["names"]))
        phones = split_cell(row.get(HEADERS["phones"]), PHONE_SEPARATORS)
        return list(zip_longest(names, phones, fillvalue=""))

    def import_instance(self, instance, row, **kwargs):
        """The visit's fields and its end, its receivers and its constituents, every
        column's errors together; their names and phones are never repeated in them."""
        self.row_street(row)  # without it, no station or deputy can be found
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        checks = (self.check_days, self.check_reply, self.receivers, self.constituents)
        for check in checks:
            try:
                check(instance, row)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        instance.matter = instance.matter.strip()
        if instance.registered_by_id is None:
            instance.registered_by = self.user
        self.file_as_closed(instance)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A row whose street is missing is not checked further: none of it was read."""
        if STREET in (import_validation_errors or {}):
            raise ValidationError(import_validation_errors)
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def check_days(self, instance, row):
        today = timezone.localdate()
        if instance.received_on and instance.received_on > today:
            message = _("A visit cannot be registered for a future date.")
            raise ValidationError({HEADERS["received_on"]: [message]})
        closed_on = instance.closed_on
        if closed_on and instance.received_on and not instance.received_on <= closed_on <= today:
            message = _("Give a day from the day of the visit to today.")
            raise ValidationError({HEADERS["closed_on"]: [message]})

    def check_reply(self, instance, row):
        if not (instance.reply or "").strip():
            message = _("Give the result of the handling.")
            raise ValidationError({HEADERS["reply"]: [message]})

    def receivers(self, instance, row):
        numbers = split_cell(row.get(HEADERS["deputies"]))
        if not numbers:
            message = _("Give the numbers of the deputies who received the visit.")
            raise ValidationError({HEADERS["deputies"]: [message]})
        widget, found, problems = self.fields["deputies"].widget, [], []
        for number in numbers:
            try:
                found.append(widget.clean(number, row))
            except ValueError as error:
                problems.append(str(error))
        if problems:
            raise ValidationError({HEADERS["deputies"]: problems})
        instance._receivers = found

    def constituents(self, instance, row):
        """Checked as Constituent rows, under the columns of their names and phones."""
        people = self.people(row)
        if not people:
            message = _("Enter at least one constituent: a name, a phone or an address.")
            raise ValidationError({HEADERS["names"]: [message]})
        if split_cell(row.get(HEADERS["names"])) and any(not name for name, _phone in people):
            message = _("Give one phone per constituent, in the order of their names.")
            raise ValidationError({HEADERS["phones"]: [message]})
        errors = {}
        for name, phone in people:
            try:
                Constituent(name=name, phone=phone).full_clean(exclude=["visit"])
            except ValidationError as error:
                column = {"name": HEADERS["names"], "phone": HEADERS["phones"]}
                for field, messages in error.message_dict.items():
                    errors.setdefault(column.get(field, field), []).extend(messages)
        if errors:
            raise ValidationError(errors)
        instance._people = people

    def file_as_closed(self, instance):
        """The end the ledger records: replied, fed back and closed on the day it was
        closed, the evaluation given in person."""
        day = instance.closed_on or instance.received_on
        instance.state = Visit.State.CLOSED
        instance.feedback = instance.reply = (instance.reply or "").strip()
        instance.replied_on = instance.fed_back_on = instance.closed_on = day
        instance.evaluation_given = Visit.EvaluationGiven.IN_PERSON if instance.evaluation else ""

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An unchanged visit is skipped only when its end, receivers and
        constituents' phones are as the row has them."""
        if instance.pk is None or import_validation_errors:
            return False
        same_end = all(getattr(instance, f) == getattr(original, f) for f in FINAL_FIELDS)
        receivers = {deputy.pk for deputy in instance._receivers}
        people = sorted(instance._people)
        if not (
            same_end
            and receivers == set(instance.deputies.values_list("pk", flat=True))
            and people == sorted(instance.constituents.values_list("name", "phone"))
        ):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def save_instance(self, instance, is_create, row, **kwargs):
        """The visit, its receivers (no points) and constituents; a new visit's trail
        says it was imported, by whom and when."""
        super().save_instance(instance, is_create, row, **kwargs)
        instance.deputies.set(instance._receivers)
        self.save_constituents(instance)
        if is_create:
            instance.steps.create(
                name=VisitStep.IMPORTED, from_state=Visit.State.REGISTERED,
                to_state=instance.state, by=self.user, at=timezone.now(),
            )  # fmt: skip

    def save_constituents(self, visit):
        """The row's names are the visit's (they found it): each keeps its address and
        takes the row's phone."""
        existing = {}
        for constituent in visit.constituents.order_by("pk"):
            existing.setdefault(constituent.name, []).append(constituent)
        for name, phone in visit._people:
            constituent = (existing.get(name) or [Constituent(visit=visit, name=name)]).pop(0)
            if constituent.pk is None or constituent.phone != phone:
                constituent.phone = phone
                constituent._history_user = self.user
                constituent.save()
