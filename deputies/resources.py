"""The deputy roster as an Excel sheet with Chinese headers, imported and
exported in the staff admin (in the background: congress_portal.sheets).

A row is one seat of one person: the deputy's number (代表编号, unique in the
street) finds the person again, so a re-imported row whose phone changed updates
the same deputy; the level, term and how the seat began give the deputy's
Membership, made when the deputy holds none in that term. A person holding two
levels has two rows with the same number."""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.models import Community, Street
from congress_portal.resources import (
    STREET,
    ChoiceWidget,
    DateWidget,
    NameWidget,
    SheetResource,
    WholeNumberWidget,
)

from . import services
from .models import (
    Activity,
    Attendance,
    AttendanceStep,
    Deputy,
    Gender,
    Level,
    Membership,
    PointEntry,
    PointRule,
    Term,
)

# Column headers: the sheet's data, not translated.
HEADERS = {
    "number": "代表编号",
    "name": "姓名",
    "gender": "性别",
    "birth_year": "出生年份",
    "phone": "联系电话",
    "employer": "工作单位",
    "post": "职务",
    "specialty": "专业特长",
    "constituency": "选区",
    "community": "社区",
    "level": "层级",
    "term": "届次",
    "began_how": "任职方式",
    "began_on": "任职日期",
    "notes": "备注",
    "street": STREET,
}
SEAT = ("level", "term", "began_how", "began_on")
GENDERS = {"男": Gender.MALE, "女": Gender.FEMALE}
GENDER_MESSAGE = _("Give the gender as %(choices)s.")
LEVELS = {"全国": Level.NATIONAL, "省": Level.PROVINCIAL, "市": Level.CITY, "区": Level.DISTRICT}
LEVEL_MESSAGE = _("Give the level as %(choices)s.")
BEGINNINGS = {"选举": Membership.Began.ELECTION, "补选": Membership.Began.BY_ELECTION}
BEGAN_MESSAGE = _("Give how the seat began as %(choices)s.")


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


class DeputyNumberWidget(NameWidget):
    """A deputy by their number (代表编号) in the row's street, for the sheets of
    past records (activities, visits, suggestions, points)."""

    def __init__(self):
        super().__init__(Deputy)

    def get_lookup_kwargs(self, value, row, **kwargs):
        return {"number": str(value).strip(), "street__name": row.get(STREET)}

    def clean(self, value, row=None, **kwargs):
        try:
            return super().clean(value, row, **kwargs)
        except ValueError:
            raise ValueError(
                _("No deputy of the street has the number “%(number)s”.") % {"number": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.number if value else ""


def current_seat(deputy):
    """The deputy's first open membership (the admin's list prefetches them), or None."""
    seats = getattr(deputy, "open_memberships", None)
    if seats is None:
        seats = deputy.memberships.filter(ended_on__isnull=True).select_related("term")
    return next(iter(seats), None)


class DeputyResource(SheetResource):
    headers = HEADERS
    column_notes = {
        HEADERS["number"]: _(
            "Required. The deputy's number, unique in the street (e.g. the certificate's "
            "number): a sheet imported again finds the deputy by it and updates them."
        ),
        HEADERS["name"]: _("Required."),
        HEADERS["gender"]: _("男 or 女."),
        HEADERS["birth_year"]: _("A year, e.g. 1975."),
        HEADERS["phone"]: _("An 11-digit mobile number or a landline such as 0571-88886666."),
        HEADERS["community"]: _("The name of a community of the street."),
        HEADERS["level"]: _("Required: 全国, 省, 市 or 区."),
        HEADERS["term"]: _(
            "Required: the term's number, e.g. 17, of a term the committee staff have entered."
        ),
        HEADERS["began_how"]: _("选举 or 补选; empty is 选举."),
        HEADERS["began_on"]: _(
            "The date the seat began, e.g. 2022-01-01; empty is the term's start."
        ),
    }

    gender = Field("gender", HEADERS["gender"], widget=ChoiceWidget(GENDERS, GENDER_MESSAGE))
    birth_year = Field("birth_year", HEADERS["birth_year"], widget=YearWidget())
    community = Field("community", HEADERS["community"], widget=CommunityWidget())
    street = Field("street", STREET, widget=NameWidget(Street))
    notes = Field("notes", HEADERS["notes"], widget=widgets.CharWidget())
    # The seat: not the deputy's own fields, imported into a Membership.
    level = Field(column_name=HEADERS["level"], widget=ChoiceWidget(LEVELS, LEVEL_MESSAGE))
    term = Field(
        column_name=HEADERS["term"],
        widget=WholeNumberWidget(_("Give the term as a whole number, e.g. 17.")),
    )
    began_how = Field(
        column_name=HEADERS["began_how"], widget=ChoiceWidget(BEGINNINGS, BEGAN_MESSAGE)
    )
    began_on = Field(column_name=HEADERS["began_on"], widget=DateWidget())

    class Meta:
        model = Deputy
        fields = tuple(HEADERS)
        import_order = export_order = tuple(HEADERS)
        import_id_fields = ("street", "number")
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True  # nobody reads it: the check lists only the errors

    def get_instance(self, instance_loader, row):
        """The deputy of the row's number; else a deputy entered before numbers were,
        of the same name and phone, who takes the number."""
        instance = super().get_instance(instance_loader, row)
        if instance is None and self.number(row):
            street = self.fields["street"].clean(row)
            earlier = Deputy.objects.filter(
                street=street, number="", name=str(row.get(HEADERS["name"]) or "").strip(),
                phone=str(row.get(HEADERS["phone"]) or "").strip(),
            )  # fmt: skip
            instance = earlier.first() if len(earlier[:2]) == 1 else None
        return instance

    def number(self, row):
        return str(row.get(HEADERS["number"]) or "").strip()

    def import_instance(self, instance, row, **kwargs):
        """The deputy's fields, then the seat, every column's errors together."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not self.number(row):
            errors[HEADERS["number"]] = [_("Give the deputy's number.")]
        try:
            instance._seat = self.seat(row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def seat(self, row):
        """The row's Membership as (term, began_on, began_how); errors by column."""
        values, errors = {}, {}
        for name in SEAT:
            field = self.fields[name]
            if name in ("began_how", "began_on") and not row.get(field.column_name):
                values[name] = None
                continue
            try:
                values[name] = field.clean(row)
            except ValueError as error:
                errors[field.column_name] = [str(error)]
        if errors:
            raise ValidationError(errors)
        term = Term.objects.filter(level=values["level"], number=values["term"]).first()
        if term is None:
            message = _("There is no term %(number)s of the %(level)s congress.") % {
                "number": values["term"],
                "level": Level(values["level"]).label,
            }
            raise ValidationError({HEADERS["term"]: [message]})
        seat = Membership(
            term=term,
            began_on=values["began_on"] or term.starts_on,
            began_how=values["began_how"] or Membership.Began.ELECTION,
        )
        try:
            seat.full_clean(exclude=["deputy"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            raise ValidationError(
                {
                    HEADERS.get(field, field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
        return seat

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """An unchanged deputy is skipped only when the seat is there already, as written."""
        seat = getattr(instance, "_seat", None)
        if seat is None or instance.pk is None or self.missing_seat(instance, seat):
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def missing_seat(self, deputy, seat):
        held = deputy.memberships.filter(term=seat.term).values_list("began_on", "began_how")
        return list(held) != [(seat.began_on, seat.began_how)]

    def after_save_instance(self, instance, row, **kwargs):
        """The seat made, or its beginning corrected; an ended seat stays ended."""
        seat = instance._seat
        membership = instance.memberships.filter(term=seat.term).first()
        if membership is None:
            membership, seat.deputy = seat, instance
        elif (membership.began_on, membership.began_how) == (seat.began_on, seat.began_how):
            return
        membership.began_on, membership.began_how = seat.began_on, seat.began_how
        membership._history_user = self.user
        membership.save()

    def dehydrate_level(self, deputy):
        seat = current_seat(deputy)
        return self.fields["level"].widget.render(seat.term.level) if seat else ""

    def dehydrate_term(self, deputy):
        seat = current_seat(deputy)
        return seat.term.number if seat else ""

    def dehydrate_began_how(self, deputy):
        seat = current_seat(deputy)
        return self.fields["began_how"].widget.render(seat.began_how) if seat else ""

    def dehydrate_began_on(self, deputy):
        seat = current_seat(deputy)
        return seat.began_on if seat else None


# Past years' point entries (履职积分), one row per entry.
ENTRY_HEADERS = {
    "deputy": "代表编号",
    "occurred_on": "日期",
    "rule": "积分项目",
    "points": "分值",
    "description": "履职内容",
    "street": STREET,
}


class PointRuleWidget(NameWidget):
    """A point rule by its code or its name, among the rules in force in the row's
    street (a street's own rule where it overrides the district's)."""

    def __init__(self):
        super().__init__(PointRule)

    def clean(self, value, row=None, **kwargs):
        name = str(value or "").strip()
        if not name:
            raise ValueError(_("Give the point rule's name or code."))
        key = (name, row.get(STREET))
        if key not in self.found:
            street = Street.objects.visible_to(self.user).filter(name=row.get(STREET)).first()
            in_force = PointRule.objects.visible_to(self.user).for_street(street)
            found = list(in_force.filter(Q(code=name) | Q(name=name)))
            self.found[key] = [rule for rule in found if rule.code == name] or found
        rules = self.found[key]
        if not rules:
            raise ValueError(
                _("No point rule in force in the street is named “%(name)s”.") % {"name": name}
            )
        if len(rules) > 1:
            raise ValueError(
                _("Several point rules are named “%(name)s”: give the rule's code.")
                % {"name": name}
            )
        return rules[0]

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class PointsWidget(widgets.IntegerWidget):
    """Whole points, or nothing (the rule's points)."""

    def clean(self, value, row=None, **kwargs):
        if value is None or str(value).strip() == "":
            return None
        try:
            points = Decimal(str(value).strip())
        except InvalidOperation:
            points = None
        if points is None or points != points.to_integral_value():
            raise ValueError(_("Give the points as a whole number, e.g. 2, or -1 for a penalty."))
        return int(points)


class PointEntryResource(SheetResource):
    """Past years' point entries, one row per entry, counted at once as approved
    staff entries of the importing user: each within the rule's yearly cap as when
    staff approve (services.approve), none in or before a quarter whose ranking is
    published, none in the future. The deputies are not notified.

    A past ledger may have given other points than the rule gives now (rules are
    edited), so the points may be written (of the rule's sign, within its yearly
    cap); left empty, they are the rule's.

    Entries carry no number of their own: a row is the same entry as an approved
    entry of the same deputy, rule, day and description (履职内容), so a sheet
    imported again skips the rows it imported. Approved entries are never edited
    nor deleted: a row that would change such an entry's points is refused, as
    such entries are put right through an error report (错重漏)."""

    headers = ENTRY_HEADERS
    column_notes = {
        ENTRY_HEADERS["deputy"]: _("Required. The deputy's number (代表编号) in the roster."),
        ENTRY_HEADERS["occurred_on"]: _(
            "Required. The day of the duty, e.g. 2023-05-12: not in the future, nor in or "
            "before a quarter whose ranking is published."
        ),
        ENTRY_HEADERS["rule"]: _(
            "Required. The point rule's name or code, as on the point rules' list of the street."
        ),
        ENTRY_HEADERS["points"]: _(
            "The points the ledger gave, negative for a penalty; empty: the rule's points. "
            "They count at once, within the rule's yearly cap; the deputy is not notified."
        ),
        ENTRY_HEADERS["description"]: _(
            "What was done. Two entries of the same deputy, rule and day need different "
            "descriptions: a row like an entry already imported is skipped."
        ),
    }

    deputy = Field("deputy", ENTRY_HEADERS["deputy"], widget=DeputyNumberWidget())
    occurred_on = Field("occurred_on", ENTRY_HEADERS["occurred_on"], widget=DateWidget())
    rule = Field("rule", ENTRY_HEADERS["rule"], widget=PointRuleWidget())
    points = Field("points", ENTRY_HEADERS["points"], widget=PointsWidget())
    description = Field("description", ENTRY_HEADERS["description"], widget=widgets.CharWidget())
    # The row's street: where its deputy and rule are looked up, not the entry's own field.
    street = Field(column_name=STREET, widget=NameWidget(Street))

    class Meta:
        model = PointEntry
        fields = tuple(ENTRY_HEADERS)
        import_order = tuple(ENTRY_HEADERS)
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True

    def get_instance(self, instance_loader, row):
        """The approved entry of the row's deputy, rule, day and description."""
        try:
            key = {name: self.fields[name].clean(row) for name in SAME_ENTRY}
        except ValueError:
            return None  # import_instance lists the errors
        return PointEntry.objects.filter(state=PointEntry.State.APPROVED, **key).first()

    def import_instance(self, instance, row, **kwargs):
        """The row's fields, then whether the entry may count (a new one) or is the
        same as the approved entry it found, every column's errors together."""
        counted = instance.points  # None: a new entry
        if counted is None:
            instance.source, instance.created_by = PointEntry.Source.STAFF, self.user
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.points is None and instance.rule_id:
            instance.points = instance.rule.points
        errors.update(self.street_errors(row))
        read = instance.deputy_id and instance.occurred_on and not errors.keys() & set(SAME_ENTRY)
        if read:
            errors.update(self.entry_errors(instance, counted))
        if errors:
            raise ValidationError(errors)

    def entry_errors(self, entry, counted):
        """{header: [problem]} of an entry whose deputy, rule and day are read: a new
        one must be able to count; one found must count the same (`counted`) points."""
        if counted is None:
            return self.new_entry_errors(entry)
        if services.capped_points(entry) != counted:
            message = _(
                "The approved entry of this deputy, rule, day and description counts "
                "%(points)s points: an approved entry is never changed, it is corrected "
                "through an error report."
            )
            return {ENTRY_HEADERS["points"]: [message % {"points": counted}]}
        entry.points = counted  # the same entry: skipped as unchanged
        return {}

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        """Without its rule, an entry's empty points are not an error of their own."""
        errors = dict(import_validation_errors or {})
        if instance.points is None and "rule" in errors:
            errors["points"] = []
        super().validate_instance(instance, errors, **kwargs)

    def street_errors(self, row):
        try:
            self.row_street(row)
        except ValidationError as error:
            return error.message_dict
        return {}

    def new_entry_errors(self, entry):
        """{header: [problem]} of a new entry whose deputy, rule and day are read."""
        errors = {}
        if not entry.rule.active:
            errors[ENTRY_HEADERS["rule"]] = [_("This rule is no longer in use.")]
        if entry.occurred_on > timezone.localdate():
            errors[ENTRY_HEADERS["occurred_on"]] = [_("A duty cannot be logged for a future date.")]
        else:
            try:
                services.check_unpublished(entry.deputy.street_id, entry.occurred_on)
            except DomainError as error:
                errors[ENTRY_HEADERS["occurred_on"]] = error.messages
        problem = self.points_problem(entry.points, entry.rule)
        if problem:
            errors[ENTRY_HEADERS["points"]] = [problem]
        return errors

    def points_problem(self, points, rule):
        if rule.points < 0 and points >= 0:
            return _("This rule is a penalty: give negative points.")
        if rule.points >= 0 and points <= 0:
            return _("This rule adds points: give a positive number.")
        if rule.yearly_cap is not None and points > rule.yearly_cap:
            return _("The rule gives at most %(cap)s points a year.") % {"cap": rule.yearly_cap}
        return None

    def do_instance_save(self, instance, is_create):
        """A new entry counts as staff approve it, within the rule's yearly cap."""
        services.approve(instance, by=self.user)


SAME_ENTRY = ("deputy", "rule", "occurred_on", "description")


# Past years' activities with their attendance, one row per deputy at an activity.
ATTENDANCE_HEADERS = {
    "held_on": "活动日期",
    "kind": "活动类型",
    "theme": "活动主题",
    "organiser": "组织单位",
    "place": "地点",
    "deputy": "代表编号",
    "status": "出勤情况",
    "street": STREET,
}
ACTIVITY_COLUMNS = ("held_on", "kind", "theme", "organiser", "place")
PRESENCE = {
    "出席": Attendance.Status.ATTENDED,
    "请假": Attendance.Status.LEAVE,
    "缺席": Attendance.Status.ABSENT,
}
PRESENCE_MESSAGE = _("Give the attendance as %(choices)s.")
KIND_MESSAGE = _("Give the kind of activity as %(choices)s.")


class ActivityKindWidget(ChoiceWidget):
    """An activity's kind by its Chinese name, as the portal shows it."""

    def __init__(self):
        with translation.override("zh-hans"):
            words = {str(label): kind for kind, label in Activity.Kind.choices}
        super().__init__(words, KIND_MESSAGE)


class PastAttendanceResource(SheetResource):
    """Past years' activities and who attended them: one row per deputy at an
    activity. The rows of one activity share its day, kind and theme, which find the
    activity again (made with the first row naming it); the deputy finds their
    attendance at it, so a sheet imported again updates an attendance whose status
    changed and skips the rest. Past attendance is filed as it was recorded: it awards
    no points (past years' points come with their own sheet) and tells nobody."""

    headers = ATTENDANCE_HEADERS
    column_notes = {
        ATTENDANCE_HEADERS["held_on"]: _("Required. The day of the activity, e.g. 2023-05-12."),
        ATTENDANCE_HEADERS["kind"]: _(
            "Required. The kind of activity as the portal names it, e.g. 视察, 调研, 述职."
        ),
        ATTENDANCE_HEADERS["theme"]: _(
            "Required. The rows of one activity give the same day, kind and theme."
        ),
        ATTENDANCE_HEADERS["organiser"]: _("Required. Who organised the activity."),
        ATTENDANCE_HEADERS["deputy"]: _("Required. The deputy's number (代表编号) in the roster."),
        ATTENDANCE_HEADERS["status"]: _(
            "Required: 出席, 请假 or 缺席. Past attendance awards no points (past years' "
            "points are imported with their own sheet) and nobody is notified."
        ),
    }

    deputy = Field("deputy", ATTENDANCE_HEADERS["deputy"], widget=DeputyNumberWidget())
    status = Field(
        "status", ATTENDANCE_HEADERS["status"], widget=ChoiceWidget(PRESENCE, PRESENCE_MESSAGE)
    )
    # The activity's columns and the row's street: the activity's, not the attendance's.
    held_on = Field(column_name=ATTENDANCE_HEADERS["held_on"], widget=DateWidget())
    kind = Field(column_name=ATTENDANCE_HEADERS["kind"], widget=ActivityKindWidget())
    theme = Field(column_name=ATTENDANCE_HEADERS["theme"], widget=widgets.CharWidget())
    organiser = Field(column_name=ATTENDANCE_HEADERS["organiser"], widget=widgets.CharWidget())
    place = Field(column_name=ATTENDANCE_HEADERS["place"], widget=widgets.CharWidget())
    street = Field(column_name=STREET, widget=NameWidget(Street))

    class Meta:
        model = Attendance
        fields = tuple(ATTENDANCE_HEADERS)
        import_order = tuple(ATTENDANCE_HEADERS)
        clean_model_instances = True
        skip_html_diff = True

    def get_instance(self, instance_loader, row):
        """The attendance of the row's deputy at the row's activity, if both are there."""
        try:
            activity = self.activity(row)
            deputy = self.fields["deputy"].clean(row)
        except (ValueError, ValidationError):
            return None  # import_instance lists the errors
        if activity.pk is None:
            return None
        return Attendance.objects.filter(activity=activity, deputy=deputy).first()

    def activity(self, row):
        """The row's activity: the street's activity of its day, kind and theme, or a
        new one (unsaved). Raises ValidationError naming the columns."""
        values, errors = {"street": self.row_street(row)}, {}
        for name in ACTIVITY_COLUMNS:
            field = self.fields[name]
            try:
                values[name] = field.clean(row)
            except ValueError as error:
                errors[field.column_name] = [str(error)]
        if errors:
            raise ValidationError(errors)
        key = {name: values[name] for name in ("street", "held_on", "kind", "theme")}
        found = Activity.objects.filter(**key).first()
        if found is not None:
            return found
        activity = Activity(organiser=values["organiser"], place=values["place"], **key)
        try:
            activity.full_clean(exclude=["street"])
        except ValidationError as error:
            raise ValidationError(
                {
                    ATTENDANCE_HEADERS.get(field, field): messages
                    for field, messages in error.message_dict.items()
                }
            ) from None
        if activity.held_on > timezone.localdate():
            message = _("A past activity cannot be in the future.")
            raise ValidationError({ATTENDANCE_HEADERS["held_on"]: [message]})
        return activity

    def import_instance(self, instance, row, **kwargs):
        """The attendance's fields, then its activity, every column's errors together."""
        instance._status_before = instance.status if instance.pk else None
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        try:
            instance._activity = self.activity(row)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def validate_instance(self, instance, import_validation_errors=None, **kwargs):
        """The attendance's own fields only: its activity may not be saved yet."""
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=[*errors, "activity"], validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(
                {self.headers.get(field, field): messages for field, messages in errors.items()}
            )

    def skip_row(self, instance, original, row, import_validation_errors=None):
        return instance.pk is not None and instance.status == instance._status_before

    def do_instance_save(self, instance, is_create):
        """The activity (made with its first row), the attendance, and one trail step
        saying it was imported."""
        activity = instance._activity
        if activity.pk is None:
            save_as(activity, self.user)
        instance.activity = activity
        before = instance._status_before or Attendance.Status.INVITED
        now = timezone.now()
        save_as(instance, self.user, now)
        instance.steps.create(
            name=AttendanceStep.IMPORTED, from_state=before, to_state=instance.status,
            by=self.user, at=now,
        )  # fmt: skip
