"""Suggestion processes: drafting with co-signers, the handling steps that span
rows (Suggestion.STEPS names them; congress_portal.workflow.take_step takes
every step), supervision."""

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from congress_portal import notices
from congress_portal.audit import save_as
from congress_portal.errors import DomainError
from congress_portal.roles import Role
from deputies import services as deputies_services
from deputies.models import RuleCode

from . import deadlines
from .models import (
    Answer,
    Attachment,
    CongressSession,
    CoSignature,
    Suggestion,
    Supervision,
    UnitAssignment,
)


@transaction.atomic
def save_draft(suggestion, by, cosigners, visits=(), files=(), at=None):
    """Create or revise a draft (at `at`, now by default). Co-signers newly named
    are invited (on a suggestion handed in on paper they signed it: confirmed);
    those dropped are removed; those kept keep their answer."""
    suggestion.street_id = suggestion.lead.street_id  # district staff may change a paper's lead
    if suggestion.pk is None:
        suggestion.created_by, suggestion.created_at = by, at or timezone.now()
    else:
        Suggestion.objects.select_for_update().get(pk=suggestion.pk).check_editable()
    suggestion.check_editable()
    if suggestion.lead in cosigners:
        raise DomainError(_("The lead deputy cannot also co-sign."))
    save_as(suggestion, by, at)
    for dropped in suggestion.cosignatures.exclude(deputy__in=cosigners):
        dropped._history_user = by
        dropped.delete()
    named = set(suggestion.cosignatures.values_list("deputy", flat=True))
    # Staff entering the paper record the signatures on it; anyone else asks.
    signed_on_paper = suggestion.on_paper and by.role == Role.STAFF
    for deputy in cosigners:
        if deputy.pk not in named:
            cosignature = CoSignature(suggestion=suggestion, deputy=deputy)
            if signed_on_paper:
                cosignature.answer(True, suggestion.state, at=at)
            save_as(cosignature, by, at)
            if not signed_on_paper:
                _notify_cosigner(cosignature, at or timezone.now())
    suggestion.visits.set(visits)
    for file in files:
        Attachment.objects.create(suggestion=suggestion, file=file, uploaded_by=by)
    return suggestion


def _notify_cosigner(cosignature, at):
    suggestion = cosignature.suggestion
    notices.notify(
        cosignature.deputy.user,
        notices.Kind.COSIGN_INVITATION,
        _("%(name)s asks you to co-sign: %(title)s")
        % {"name": suggestion.lead.name, "title": suggestion.title},
        reverse("suggestions:detail", args=[suggestion.pk]),
        at=at,
        key=f"cosignature-{cosignature.pk}",
    )


def _notify_evaluation_due(suggestion, at):
    """The lead deputy is asked to evaluate the answer of this round."""
    notices.notify(
        suggestion.lead.user,
        notices.Kind.EVALUATION_DUE,
        _("Evaluate the answer: %(title)s") % {"title": suggestion.title},
        reverse("suggestions:detail", args=[suggestion.pk]) + "#evaluate",
        at=at or timezone.now(),
        key=f"suggestion-{suggestion.pk}-round-{suggestion.answer_round}",
    )


@transaction.atomic
def answer_invitation(cosignature, confirm, by, at=None):
    """The invited deputy confirms (附议) or declines from their own login."""
    suggestion = Suggestion.objects.select_for_update().get(pk=cosignature.suggestion_id)
    cosignature = CoSignature.objects.select_for_update().get(pk=cosignature.pk)
    cosignature.answer(confirm, suggestion.state, at=at)
    return save_as(cosignature, by, at)


def accept(suggestion, by, at):
    """Number it in its session, and award the lead and the co-signers their points."""
    CongressSession.objects.select_for_update().get(pk=suggestion.session_id)
    last = Suggestion.objects.filter(session=suggestion.session_id).aggregate(Max("number"))
    cosignatures = list(suggestion.cosignatures.select_related("deputy"))
    pending = [c.deputy.name for c in cosignatures if c.state == CoSignature.State.INVITED]
    suggestion.accept((last["number__max"] or 0) + 1, pending, at=at)
    confirmed = [c.deputy for c in cosignatures if c.state == CoSignature.State.CONFIRMED]
    for deputy, rule in [(suggestion.lead, RuleCode.SUGGESTION_LEAD)] + [
        (deputy, RuleCode.SUGGESTION_COSIGN) for deputy in confirmed
    ]:
        deputies_services.award(
            deputy,
            rule,
            occurred_on=suggestion.accepted_on,
            source_record=suggestion,
            by=by,
            description=suggestion.title[:100],
        )
    return suggestion.display_number


def assign(suggestion, by, at, lead_unit, person_responsible, contact, co_units=()):
    """The lead unit answers within 3 months; each co-handling unit sends its view
    within a month."""
    if lead_unit in co_units:
        raise DomainError(_("The lead unit cannot also be a co-handling unit."))
    suggestion.assign(at=at)
    today = suggestion.assigned_on
    parts = [(lead_unit, UnitAssignment.Role.LEAD, person_responsible, contact)] + [
        (unit, UnitAssignment.Role.CO, unit.contact_person, unit.contact_phone) for unit in co_units
    ]
    for unit, role, person, phone in parts:
        save_as(
            UnitAssignment(
                suggestion=suggestion,
                unit=unit,
                role=role,
                person_responsible=person,
                contact=phone,
                assigned_on=today,
                view_due=deadlines.add_months(today, deadlines.CO_HANDLER_VIEW_MONTHS)
                if role == UnitAssignment.Role.CO
                else None,
            ),
            by,
            at,
        )
    return "、".join(str(part[0]) for part in parts)


def sign_for(suggestion, by, at, assignment):
    assignment = _active_part(suggestion, assignment, by)
    assignment.sign_for(at=at)
    save_as(assignment, by, at)
    return str(assignment.unit)


def give_back(suggestion, by, at, assignment, reason):
    """A wrongly assigned unit returns its part. When it is the lead unit the whole
    assignment is undone, co-handling parts too, and the suggestion waits to be
    assigned again."""
    assignment = _active_part(suggestion, assignment, by)
    assignment.give_back(reason, at=at)
    save_as(assignment, by, at)
    if assignment.role == UnitAssignment.Role.LEAD:
        suggestion.unassign(at=at)
        for part in suggestion.assignments.filter(returned_on=None):
            part.returned_on = assignment.returned_on
            part.return_reason = _("The lead unit returned the assignment.")
            save_as(part, by, at)
    return f"{assignment.unit}: {assignment.return_reason}"


def file_view(suggestion, by, at, assignment, view):
    assignment = _active_part(suggestion, assignment, by)
    assignment.file_view(view, at=at)
    save_as(assignment, by, at)
    return f"{assignment.unit}: {assignment.view}"


def _active_part(suggestion, assignment, by):
    """The part, locked; a unit's account acts only on its own unit's part."""
    if assignment.suggestion_id != suggestion.pk:
        raise DomainError(_("This unit is not handling the suggestion."))
    if by.role == Role.UNIT and assignment.unit_id != by.handling_unit_id:
        raise DomainError(_("Your unit may act only on its own part of the handling."))
    return UnitAssignment.objects.select_for_update().get(pk=assignment.pk)


def answer(suggestion, by, at, text, answer_class, answered_on, attachment=None):
    """Staff record a paper answer: the deputy sees it at once."""
    suggestion.answer(answer_class, answered_on, at=at)
    released_on = timezone.localdate(at)
    _save_answer(
        suggestion, by, at, attachment, text=text, answer_class=answer_class,
        answered_on=answered_on, released_on=released_on,
    )  # fmt: skip
    suggestion.visits.reply_with_answer(text, by, at)
    _notify_evaluation_due(suggestion, at)
    return suggestion.get_answer_class_display()


def submit_answer(suggestion, by, at, text, answer_class, met_by, met_on, attachment=None):
    """The lead unit's answer of this round, for the staff's review; an answer they
    returned is replaced by the new one."""
    answered_on = timezone.localdate(at)
    suggestion.submit_answer(answered_on, met_on, at=at)
    _save_answer(
        suggestion, by, at, attachment, text=text, answer_class=answer_class,
        answered_on=answered_on, met_by=met_by, met_on=met_on,
    )  # fmt: skip
    return suggestion.AnswerClass(answer_class).label


def _save_answer(suggestion, by, at, attachment=None, **fields):
    this_round = suggestion.answer_round
    answer = suggestion.answers.filter(round=this_round).first()  # one returned for improvement
    answer = answer or Answer(suggestion=suggestion, round=this_round)
    for name, value in fields.items():
        setattr(answer, name, value)
    if attachment:
        answer.attachment = attachment
    answer.review_comment = ""
    save_as(answer, by, at)


def release(suggestion, by, at):
    """Staff release the unit's answer to the deputy."""
    answer = suggestion.answers.get(round=suggestion.answer_round)
    suggestion.release(answer.answer_class, answer.answered_on, at=at)
    answer.released_on = timezone.localdate(at)
    save_as(answer, by, at)
    suggestion.visits.reply_with_answer(answer.text, by, at)
    _notify_evaluation_due(suggestion, at)
    return answer.get_answer_class_display()


def return_answer(suggestion, by, at, comment):
    """Staff send the answer back to the lead unit with what to improve."""
    answer = suggestion.answers.get(round=suggestion.answer_round)
    if not comment.strip():
        raise DomainError(_("Tell the unit what to improve."))
    suggestion.return_answer(at=at)
    answer.review_comment = comment.strip()
    save_as(answer, by, at)
    return answer.review_comment


def evaluate(suggestion, by, at, evaluation, comment=""):
    answer = suggestion.answers.get(round=suggestion.answer_round)
    suggestion.evaluate(evaluation, at=at)
    answer.evaluation, answer.evaluation_comment = evaluation, comment
    answer.evaluated_on = timezone.localdate(at)
    save_as(answer, by, at)
    return comment


@transaction.atomic
def supervise(suggestion, by, method, supervised_by, note="", on=None):
    """Record a supervision (督办) of an accepted suggestion's handling."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.state not in Suggestion.IN_HANDS_OF_UNITS | {Suggestion.State.ACCEPTED}:
        raise DomainError(_("Only a suggestion being handled can be supervised."))
    return save_as(
        Supervision(
            suggestion=suggestion,
            method=method,
            supervised_by=supervised_by,
            note=note,
            on=on or timezone.localdate(),
            recorded_by=by,
        ),
        by,
    )
