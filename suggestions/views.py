from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from congress_portal.access import role_required
from congress_portal.errors import DomainError, errors_in_words
from congress_portal.files import basename, send_file
from congress_portal.kept import kept
from congress_portal.ledgers import filters_query
from congress_portal.paging import CountedPaginator
from congress_portal.roles import READERS, Role
from congress_portal.submissions import answered_once
from congress_portal.views import step_forms, step_view
from deputies.models import Deputy

from . import services
from .filters import SuggestionFilter
from .forms import PaperSuggestionForm, SuggestionForm, SupervisionForm
from .models import (
    Answer,
    Attachment,
    CoSignature,
    Signal,
    Suggestion,
    UnitAssignment,
    with_ledger_lists,
)
from .paging import SessionPaginator, ledger_sessions
from .statistics import street_statistics, traffic_lights, unit_statistics


def led_suggestion(request, pk):
    """The signed-in deputy's own suggestion (as lead), not one handed in on paper (staff
    revise those); anything else is a 404."""
    return get_object_or_404(Suggestion, pk=pk, lead__user=request.user, on_paper=False)


@role_required(Role.DEPUTY)
def mine(request):
    """The deputy's suggestions, led and co-signed, and invitations to co-sign."""
    suggestions = (
        Suggestion.objects.involving(request.user)
        .select_related("lead", "session__term")
        .prefetch_related("answers")
        .order_by("-created_at")
    )
    invitations = CoSignature.objects.filter(
        deputy__user=request.user,
        state=CoSignature.State.INVITED,
        suggestion__state__in=CoSignature.OPEN_TO_ANSWER,
    ).select_related("suggestion__lead")
    context = {"suggestions": suggestions, "invitations": invitations}
    return render(request, "suggestions/mine.html", context)


@role_required(Role.DEPUTY)
@answered_once
def draft(request, pk=None):
    """Write a new suggestion, or revise a draft or a returned one."""
    if pk is None:
        lead = get_object_or_404(Deputy, user=request.user)
        suggestion = Suggestion(lead=lead)
    else:
        suggestion = led_suggestion(request, pk)
        lead = suggestion.lead
        if suggestion.state not in Suggestion.EDITABLE:
            messages.error(request, _("Only a draft or a returned suggestion can be edited."))
            return redirect("suggestions:detail", pk=suggestion.pk)
    form = SuggestionForm(
        request.POST or None, request.FILES or None, instance=suggestion, lead=lead
    )
    return _save_draft(request, form, suggestion)


@role_required(Role.STAFF)
@answered_once
def paper(request, pk=None):
    """Staff enter a suggestion a deputy of their streets handed in on paper, or revise
    one (a draft, or one returned for revision); they submit it from its page."""
    if pk is None:
        suggestion = Suggestion(on_paper=True)
    else:
        papers = Suggestion.objects.visible_to(request.user).select_related("lead")
        suggestion = get_object_or_404(papers, pk=pk, on_paper=True)
        if suggestion.state not in Suggestion.EDITABLE:
            messages.error(request, _("Only a draft or a returned suggestion can be edited."))
            return redirect("suggestions:detail", pk=suggestion.pk)
    form = PaperSuggestionForm(
        request.POST or None, request.FILES or None, instance=suggestion, user=request.user
    )
    return _save_draft(request, form, suggestion)


def _save_draft(request, form, suggestion):
    if form.is_valid():
        try:
            suggestion = services.save_draft(
                form.save(commit=False),
                request.user,
                cosigners=list(form.cleaned_data["cosigners"]),
                visits=form.cleaned_data.get(
                    "visits", suggestion.visits.all() if suggestion.pk else ()
                ),
                files=form.cleaned_data["files"],
            )
            messages.success(request, _("Saved. Submit it for review when it is ready."))
            return redirect("suggestions:detail", pk=suggestion.pk)
        except DomainError as error:
            form.add_error(None, error)
    return render(request, "suggestions/draft.html", {"form": form, "suggestion": suggestion})


@role_required(Role.DEPUTY, Role.UNIT, *READERS)
def detail(request, pk):
    """The suggestion: content, co-signers, handling, answers, supervision, the
    audit trail; and the steps the signed-in user may take."""
    suggestion = get_object_or_404(Suggestion.objects.visible_to(request.user).for_ledger(), pk=pk)
    is_staff = request.user.role == Role.STAFF
    context = {
        "suggestion": suggestion,
        "steps": step_forms(suggestion, request),
        "cosignatures": suggestion.cosignatures.select_related("deputy"),
        "invitation": suggestion.cosignatures.filter(
            deputy__user=request.user, state=CoSignature.State.INVITED
        ).first(),
        "parts": suggestion.assignments.select_related("unit"),
        "answers": answers_seen_by(request.user, suggestion),
        "attachments": suggestion.attachments.all(),
        "visits": suggestion.visits.select_related("station"),
        "supervisions": suggestion.supervisions.all(),
        "trail": trail_seen_by(request.user, suggestion),
        "supervision_form": SupervisionForm() if is_staff else None,
        "editable": suggestion.lead.user_id == request.user.pk
        and not suggestion.on_paper
        and suggestion.state in Suggestion.EDITABLE,
        "paper_editable": is_staff
        and suggestion.on_paper
        and suggestion.state in Suggestion.EDITABLE,
        "signal": suggestion.signal(timezone.localdate()),
    }
    return render(request, "suggestions/detail.html", context)


def answers_seen_by(user, suggestion):
    """Staff and the units see an answer under review; deputies and leadership, once released."""
    answers = suggestion.answers.all()
    return answers if user.role in (Role.STAFF, Role.UNIT) else answers.exclude(released_on=None)


def trail_seen_by(user, suggestion):
    trail = suggestion.steps.select_related("by")
    return trail.exclude(name__in=Suggestion.REVIEW_STEPS) if user.role == Role.DEPUTY else trail


def stepped_suggestion(request, pk):
    return get_object_or_404(
        Suggestion.objects.visible_to(request.user).select_related("lead"), pk=pk
    )


take_step = step_view(stepped_suggestion, "suggestions:detail", Role.DEPUTY, Role.STAFF, Role.UNIT)


@require_POST
@role_required(Role.DEPUTY)
def answer_invitation(request, pk):
    cosignature = get_object_or_404(CoSignature, suggestion=pk, deputy__user=request.user)
    confirm = request.POST.get("answer") == "confirm"
    try:
        services.answer_invitation(cosignature, confirm, request.user)
        messages.success(
            request, _("You co-signed the suggestion.") if confirm else _("You declined.")
        )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("suggestions:detail", pk=pk)


# The files a suggestion page offers: kind in the URL → (model, file field).
DOWNLOADS = {"attachment": (Attachment, "file"), "answer": (Answer, "attachment")}


@role_required(Role.DEPUTY, Role.UNIT, *READERS)
def download(request, pk, kind, file_pk):
    """An attachment or an answer letter, to those who may see the suggestion."""
    suggestion = get_object_or_404(Suggestion.objects.visible_to(request.user), pk=pk)
    if kind not in DOWNLOADS:
        raise Http404
    model, field = DOWNLOADS[kind]
    files = answers_seen_by(request.user, suggestion) if model is Answer else model.objects
    file = getattr(get_object_or_404(files, pk=file_pk, suggestion=suggestion), field)
    if not file:
        raise Http404
    return send_file(request, file, basename(file))


@require_POST
@role_required(Role.STAFF)
@answered_once
def supervise(request, pk):
    suggestion = get_object_or_404(Suggestion.objects.visible_to(request.user), pk=pk)
    form = SupervisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, errors_in_words(form))
        return redirect("suggestions:detail", pk=suggestion.pk)
    try:
        services.supervise(suggestion, request.user, **form.cleaned_data)
        messages.success(request, _("Supervision recorded."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("suggestions:detail", pk=suggestion.pk)


def filtered(request):
    return SuggestionFilter(request.GET, user=request.user)


@role_required(*READERS)
def ledger(request):
    """The ledger (建议办理台账): filters, time left; its export runs in the background."""
    suggestion_filter = filtered(request)
    suggestions = suggestion_filter.qs.for_rows()
    filters = filters_query(request)
    # The whole street's (or district's) ledger pages by a worker's count of its sessions.
    counted = None if filters else kept(ledger_sessions, request.user.street_id)
    sessions = counted and counted.data
    page = SessionPaginator(suggestions, 30, sessions).get_page(request.GET.get("page"))
    with_ledger_lists(page)
    context = {
        "filter": suggestion_filter,
        "suggestions": page,
        "counted_at": counted and counted.counted_at,
        "today": timezone.localdate(),
        "filters": filters,
    }
    return render(request, "suggestions/ledger.html", context)


@role_required(*READERS)
def statistics(request):
    """Per lead unit: answer, satisfaction, first-time satisfaction and solved rates,
    days to answer, overdue; for the suggestions the filters select."""
    suggestion_filter = filtered(request)
    filters = filters_query(request)
    if filters:
        rows, total = unit_statistics(suggestion_filter.qs, timezone.localdate())
        counted_at = None
    else:  # the whole street's (or district's): as a worker last counted them
        counted = kept(street_statistics, request.user.street_id)
        rows, total, counted_at = counted.data["rows"], counted.data["total"], counted.counted_at
    context = {
        "filter": suggestion_filter,
        "rows": rows,
        "total": total,
        "counted_at": counted_at,
        "filters": filters,
    }
    return render(request, "suggestions/statistics.html", context)


LATE_VIEWS_LISTED = 20  # the oldest; the count says how many in all


@role_required(*READERS)
def signals(request):
    """The traffic light (三色督办): every suggestion whose answer is due, by time left."""
    today = timezone.localdate()
    counted = kept(traffic_lights, request.user.street_id)
    counts = counted.data["lights"]
    running = Suggestion.objects.visible_to(request.user).running().with_signal(today)
    chosen = request.GET.get("signal")
    listed = running.filter(time_left=chosen) if chosen in Signal.values else running
    listed = listed.for_rows().order_by("deadline", "pk")
    listed_count = counts.get(chosen, 0) if chosen in Signal.values else sum(counts.values())
    page = CountedPaginator(listed, 30, listed_count).get_page(request.GET.get("page"))
    with_ledger_lists(page)
    late_views = UnitAssignment.objects.visible_to(request.user).late_views(today)
    context = {
        "lights": [(signal, label, counts.get(signal, 0)) for signal, label in Signal.choices],
        "counted_at": counted.counted_at,
        "late_view_count": counted.data["late_views"],
        "late_views": late_views.select_related("suggestion", "unit").order_by("view_due", "pk")[
            :LATE_VIEWS_LISTED
        ],
        "chosen": chosen,
        "suggestions": page,
        "today": today,
        "filters": filters_query(request),
    }
    return render(request, "suggestions/signals.html", context)
