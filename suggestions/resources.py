"""Past years' suggestions with their answers and evaluations, imported from an
Excel sheet with Chinese headers in the staff admin (in the background:
congress_portal.sheets).

A row is one suggestion as the street's ledger keeps it once handled: the lead
deputy and the co-signers by their 代表编号, the lead unit by name, the unit's
answer and the lead deputy's evaluation. Like a suggestion handed in on paper it
is entered by staff for the deputy (on_paper, created_by, co-signatures
confirmed), but in its final state at once: closed on the answer's date when it
was evaluated, else answered and awaiting the lead deputy's evaluation. Nothing
is sent (no co-sign invitation, no request to evaluate) and no points are
awarded: past years' points have their own import. Every suggestion the sheet
adds or changes gets one step in its trail, by the importing user.

Suggestions are numbered per session (届次 and 会议: the session of a term the
lead deputy holds a seat in), a number once in its session; so the street, the
session and the number find a suggestion again, and a row imported again
updates it. A sheet updates only suggestions imported before: a number the
portal gave a suggestion handled in it is refused."""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from import_export.fields import Field

from congress_portal.audit import save_as
from congress_portal.models import HandlingUnit, Street
from congress_portal.resources import (
    STREET,
    BlankOrChoiceWidget,
    ChoiceWidget,
    DateWidget,
    NameWidget,
    SheetResource,
    WholeNumberWidget,
)
from deputies.models import Deputy
from deputies.resources import DeputyNumberWidget

from . import deadlines
from .models import Answer, CongressSession, CoSignature, Step, Suggestion, UnitAssignment

# Column headers: the sheet's data, not translated.
HEADERS = {
    "number": "建议编号",
    "term": "届次",
    "session": "会议",
    "title": "标题",
    "category": "类别",
    "reasons": "案由",
    "proposals": "建议内容",
    "lead": "领衔代表",
    "cosigners": "附议代表",
    "submitted_on": "提出日期",
    "unit": "承办单位",
    "answered_on": "答复日期",
    "answer": "答复内容",
    "answer_class": "答复类别",
    "evaluation": "评价",
    "street": STREET,
}
Category, AnswerClass, Evaluation = (
    Suggestion.Category,
    Suggestion.AnswerClass,
    Suggestion.Evaluation,
)
CATEGORIES = {
    "城建交通": Category.URBAN,
    "经济发展": Category.ECONOMY,
    "教科文卫": Category.SOCIAL,
    "民生保障": Category.LIVELIHOOD,
    "生态环境": Category.ENVIRONMENT,
    "社会治理": Category.GOVERNANCE,
    "其他": Category.OTHER,
}
ANSWER_CLASSES = {choice.value: choice for choice in AnswerClass}
EVALUATIONS = {
    "满意": Evaluation.SATISFIED,
    "基本满意": Evaluation.BASICALLY_SATISFIED,
    "不满意": Evaluation.UNSATISFIED,
}
REQUIRED = _("Required.")


class DeputyNumbersWidget(DeputyNumberWidget):
    """Deputies by their numbers, separated by 、, in the row's street; none when empty."""

    def clean(self, value, row=None, **kwargs):
        numbers = re.split(r"[、,，;；\s]+", str(value or "").strip())
        return [super(DeputyNumbersWidget, self).clean(number, row, **kwargs)
                for number in numbers if number]  # fmt: skip


@dataclass
class Handling:
    """What a row says beyond the suggestion's own fields."""

    cosigners: list
    unit: HandlingUnit
    answer: str

    def key(self):
        return ({deputy.pk for deputy in self.cosigners}, self.unit.pk, self.answer)


class SuggestionResource(SheetResource):
    headers = HEADERS
    column_notes = {
        HEADERS["number"]: _(
            "Required: the suggestion's number in its session. A sheet imported again finds "
            "the suggestion by its street, session and number, and updates it."
        ),
        HEADERS["term"]: _("Required: the term's number, e.g. 17."),
        HEADERS["session"]: _(
            "Required: the session's number in the term, e.g. 3 for the third session; the "
            "lead deputy holds a seat in its term. A suggestion between two sessions belongs "
            "to the one before."
        ),
        HEADERS["title"]: REQUIRED,
        HEADERS["category"]: _(
            "Required: 城建交通, 经济发展, 教科文卫, 民生保障, 生态环境, 社会治理 or 其他."
        ),
        HEADERS["reasons"]: REQUIRED,
        HEADERS["proposals"]: REQUIRED,
        HEADERS["lead"]: _("Required: the lead deputy's number (代表编号)."),
        HEADERS["cosigners"]: _(
            "The co-signers' numbers, separated by 、: their co-signature counts as confirmed, "
            "and nobody is notified."
        ),
        HEADERS["submitted_on"]: _("Required: the date the suggestion was made, e.g. 2023-01-10."),
        HEADERS["unit"]: _(
            "Required: the lead unit's name, a district department or a unit of the street."
        ),
        HEADERS["answered_on"]: _("Required: the date of the answer, not before the suggestion."),
        HEADERS["answer"]: REQUIRED,
        HEADERS["answer_class"]: _("Required: A, B, C or D."),
        HEADERS["evaluation"]: _(
            "满意, 基本满意 or 不满意: the suggestion is then closed. Empty: it awaits the lead "
            "deputy's evaluation, who is not notified. No points are awarded for imported "
            "suggestions."
        ),
    }

    number = Field(
        "number",
        HEADERS["number"],
        widget=WholeNumberWidget(_("Give the number as a whole number, e.g. 12.")),
    )
    term = Field(
        column_name=HEADERS["term"],
        widget=WholeNumberWidget(_("Give the term as a whole number, e.g. 17.")),
    )
    session = Field(
        column_name=HEADERS["session"],
        widget=WholeNumberWidget(_("Give the session's number as a whole number, e.g. 3.")),
    )
    category = Field(
        "category",
        HEADERS["category"],
        widget=ChoiceWidget(CATEGORIES, _("Give the category as %(choices)s.")),
    )
    lead = Field("lead", HEADERS["lead"], widget=DeputyNumberWidget())
    cosigners = Field(column_name=HEADERS["cosigners"], widget=DeputyNumbersWidget())
    submitted_on = Field("submitted_on", HEADERS["submitted_on"], widget=DateWidget())
    unit = Field(column_name=HEADERS["unit"], widget=NameWidget(HandlingUnit))
    answered_on = Field("answered_on", HEADERS["answered_on"], widget=DateWidget())
    answer = Field(column_name=HEADERS["answer"], widget=widgets.CharWidget())
    answer_class = Field(
        "answer_class",
        HEADERS["answer_class"],
        widget=ChoiceWidget(ANSWER_CLASSES, _("Give the answer class as %(choices)s.")),
    )
    evaluation = Field(
        "evaluation",
        HEADERS["evaluation"],
        widget=BlankOrChoiceWidget(EVALUATIONS, _("Give the evaluation as %(choices)s or none.")),
    )
    street = Field("street", STREET, widget=NameWidget(Street))

    class Meta:
        model = Suggestion
        fields = tuple(HEADERS)
        import_order = tuple(HEADERS)
        # Checked to be in the sheet; get_instance finds the suggestion by them.
        import_id_fields = ("street", "term", "session", "number")
        clean_model_instances = True
        skip_unchanged = True
        skip_html_diff = True  # nobody reads it: the check lists only the errors

    def cell(self, name, row):
        """The cleaned value of a column that is not one of the suggestion's fields."""
        field = self.fields[name]
        return field.widget.clean(row.get(field.column_name), row=row)

    def get_instance(self, instance_loader, row):
        """The suggestion of the row's street, session and number, if the row names them."""
        try:
            street, number = self.fields["street"].clean(row), self.fields["number"].clean(row)
            lead = self.fields["lead"].clean(row)
            session = self.find_session(row, lead)
        except (KeyError, ValueError, ValidationError):
            return None
        return Suggestion.objects.filter(street=street, session=session, number=number).first()

    def find_session(self, row, lead):
        """The session of the row's term and session numbers whose term the lead
        deputy (if known) holds a seat in; a ValidationError names the column."""
        term, number = self.cell("term", row), self.cell("session", row)
        sessions = CongressSession.objects.filter(term__number=term, number=number)
        seated = sessions.filter(term__memberships__deputy=lead) if lead else sessions
        session = seated.first()
        if session is None and not sessions.exists():
            message = _("There is no session %(session)s of term %(term)s.")
            raise ValidationError({"session": message % {"session": number, "term": term}})
        if session is None:
            raise ValidationError(
                {"lead": _("The lead deputy holds no seat in this session's term.")}
            )
        return session

    def import_instance(self, instance, row, **kwargs):
        """The suggestion's own columns, its session, then what the row says of its
        handling, every column's errors together; then its final state."""
        errors = {}
        if instance.pk is None:
            instance.created_by = self.user
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        values = {}
        for name in ("term", "session", "cosigners", "unit", "answer"):
            try:
                values[name] = self.cell(name, row)
            except ValueError as error:
                errors[name] = [str(error)]
        lead = instance.lead if instance.lead_id else None
        if not errors.keys() & {"term", "session", "lead"}:
            try:
                instance.session = self.find_session(row, lead)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        bad = set(errors)  # a column with a wrong value says only that
        for name, problem in self.problems(instance, lead, values):
            if name not in bad:
                errors.setdefault(name, []).append(problem)
        if errors:
            raise ValidationError(errors)
        self.finish(instance, Handling(values["cosigners"], values["unit"], values["answer"]))

    def problems(self, suggestion, lead, values):
        """(column's field, problem) of the row beyond each column's own value."""
        today = timezone.localdate()
        made, answered = suggestion.submitted_on, suggestion.answered_on
        missing = {"submitted_on": made, "answered_on": answered, **values}
        for name in ("submitted_on", "answered_on", "unit", "answer"):
            if not missing.get(name, True):
                yield name, REQUIRED
        for name, day in (("submitted_on", made), ("answered_on", answered)):
            if day and day > today:
                yield name, _("The date cannot be in the future.")
        if made and answered and answered < made <= today:
            yield "answered_on", _("The answer cannot be dated before the suggestion.")
        try:
            Answer._meta.get_field("text").run_validators(values.get("answer"))
        except ValidationError as error:
            yield from (("answer", message) for message in error.messages)
        if lead and lead in values.get("cosigners", ()):
            yield "cosigners", _("The lead deputy cannot also co-sign.")
        unit = values.get("unit")
        if unit and unit.street_id not in (None, suggestion.street_id):
            yield (
                "unit",
                _("“%(name)s” does not handle the street's suggestions.") % {"name": unit.name},
            )
        yield from self.number_problems(suggestion)

    def number_problems(self, suggestion):
        if not (suggestion.session_id and suggestion.number):
            return
        if suggestion.pk is None:
            numbered = Suggestion.objects.filter(
                session=suggestion.session_id, number=suggestion.number
            )
            if numbered.exists():  # by another street: its own would have been found
                yield "number", _("Another suggestion of this session has this number.")
        elif getattr(suggestion.steps.last(), "name", None) != Step.IMPORTED:
            # Not imported, or handled since (evaluated, say): the portal's record stands.
            yield "number", _("This suggestion is handled in the portal: a sheet cannot change it.")

    def finish(self, suggestion, handling):
        """The final state of a past suggestion, its handling kept for after the save."""
        evaluated = bool(suggestion.evaluation)
        suggestion._state_before, suggestion._handling = suggestion.state, handling
        suggestion.kind = suggestion.session.kind_on(suggestion.submitted_on)
        suggestion.on_paper = True
        suggestion.accepted_on = suggestion.assigned_on = suggestion.submitted_on
        suggestion.deadline = deadlines.add_months(suggestion.submitted_on, deadlines.ANSWER_MONTHS)
        suggestion.first_answered_on = suggestion.answered_on
        suggestion.first_evaluation = suggestion.evaluation
        suggestion.state = Suggestion.State.CLOSED if evaluated else Suggestion.State.ANSWERED
        suggestion.closed_on = suggestion.answered_on if evaluated else None

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The columns' errors. The session and the kind come from other columns, whose
        errors say what is wrong; who entered the suggestion is not the sheet's."""
        errors = dict(import_validation_errors or {})
        derived = {"session": instance.session_id, "kind": instance.kind, "created_by": False}
        for name in (name for name, value in derived.items() if not value):
            errors.setdefault(name, [])  # left out of full_clean
        try:
            super().validate_instance(instance, errors, validate_unique)
        except ValidationError as error:
            problems = {column: messages for column, messages in error.message_dict.items()
                        if messages}  # fmt: skip
            if problems:
                raise ValidationError(problems) from None

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged when the suggestion's columns and its handling are as stored."""
        if import_validation_errors or instance.pk is None:
            return False
        if instance._handling.key() != self.stored_handling(instance).key():
            return False
        return super().skip_row(instance, original, row, import_validation_errors)

    def stored_handling(self, suggestion):
        part = suggestion.assignments.filter(role=UnitAssignment.Role.LEAD, returned_on=None)
        answer = suggestion.answers.filter(round=1).first()
        return Handling(
            cosigners=list(Deputy.objects.filter(cosignatures__suggestion=suggestion)),
            unit=part.first().unit if part.exists() else HandlingUnit(),
            answer=answer.text if answer else None,
        )

    def after_save_instance(self, instance, row, **kwargs):
        """The co-signers, the lead unit and the answer as the row says, and the step."""
        handling, by = instance._handling, self.user
        for dropped in instance.cosignatures.exclude(deputy__in=handling.cosigners):
            dropped._history_user = by
            dropped.delete()
        signed = set(instance.cosignatures.values_list("deputy", flat=True))
        for deputy in handling.cosigners:
            if deputy.pk not in signed:
                cosignature = CoSignature(suggestion=instance, deputy=deputy)
                cosignature.state = CoSignature.State.CONFIRMED
                save_as(cosignature, by)
        lead_part = instance.assignments.filter(role=UnitAssignment.Role.LEAD, returned_on=None)
        save_changed(
            lead_part.first() or UnitAssignment(suggestion=instance, role=UnitAssignment.Role.LEAD),
            by, unit=handling.unit, assigned_on=instance.submitted_on,
        )  # fmt: skip
        save_changed(
            instance.answers.filter(round=1).first() or Answer(suggestion=instance, round=1),
            by, text=handling.answer, answer_class=instance.answer_class,
            answered_on=instance.answered_on, released_on=instance.answered_on,
            evaluation=instance.evaluation,
        )  # fmt: skip
        instance.steps.create(
            name=Step.IMPORTED, from_state=instance._state_before, to_state=instance.state, by=by
        )


def save_changed(record, by, **values):
    """Give `record` the values and save it as `by`, if it is new or they changed it."""
    if record.pk and all(getattr(record, name) == value for name, value in values.items()):
        return
    for name, value in values.items():
        setattr(record, name, value)
    save_as(record, by)
