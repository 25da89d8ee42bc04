from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, ngettext_lazy
from django.views.decorators.http import require_POST

from congress_portal import bounds, documents, panels
from congress_portal.access import role_required
from congress_portal.errors import DomainError, errors_in_words
from congress_portal.files import basename, send_file
from congress_portal.kept import kept
from congress_portal.ledgers import filters_query
from congress_portal.models import Street
from congress_portal.roles import READERS, Role
from congress_portal.submissions import answered_once
from congress_portal.views import step_forms, step_view

from . import letters, services, warnings
from .forms import DutyForm, FlagForm, PublishQuarterForm, ReviewForm, ThankYouForm
from .models import (
    QUARTERS,
    ActivityPhoto,
    Deputy,
    EntryFlag,
    EntryPhoto,
    PointEntry,
    PublishedQuarter,
    PublishedRank,
    ReminderLetter,
    ThankYouBatch,
    ThankYouLetter,
    with_shown_flags,
)
from .periods import Period


def own_entry(request, pk):
    """The signed-in deputy's own ledger entry; anyone else's is a 404."""
    entries = PointEntry.objects.select_related("rule", "deputy")
    return get_object_or_404(entries, pk=pk, deputy__user=request.user)


def visible_deputy(request, pk):
    """A deputy the user may read: their own record, or one in a reader's street."""
    deputies = Deputy.objects.visible_to(request.user).select_related("street", "community")
    return get_object_or_404(deputies, pk=pk)


def send_photo(request, photo):
    if not photo:
        raise Http404
    return send_file(request, photo, basename(photo), as_attachment=False)


@role_required(Role.DEPUTY, *READERS)
def photo(request, pk):
    """A deputy's portrait: to the deputy and to readers of the deputy's street (the
    public directory has its own view for the deputies it shows)."""
    return send_photo(request, visible_deputy(request, pk).photo)


@role_required(Role.DEPUTY, *READERS)
def entry_photo(request, pk):
    """Evidence for a ledger entry: to the entry's deputy and readers of the deputy's street."""
    photos = EntryPhoto.objects.visible_to(request.user)
    return send_photo(request, get_object_or_404(photos, pk=pk).image)


@role_required(Role.DEPUTY, *READERS)
def activity_photo(request, pk):
    """A photo of an activity: to the deputies invited to it and readers of its street."""
    photos = ActivityPhoto.objects.visible_to(request.user)
    return send_photo(request, get_object_or_404(photos, pk=pk).image)


LETTERS_SHOWN = 10


def cleaned(field, value, default):
    """A query parameter cleaned by a form field; missing or junk gives the default."""
    try:
        return field.clean(value)
    except ValidationError:
        return default


def chosen_year(request):
    year = forms.IntegerField(validators=[bounds.event_year])
    return cleaned(year, request.GET.get("year"), timezone.localdate().year)


@role_required(Role.DEPUTY)
def my_duties(request):
    year = Period.year(timezone.localdate().year)
    deputy = Deputy.objects.with_points(year).filter(user=request.user).first()
    if deputy is None:
        return render(request, "deputies/my_duties.html", {"deputy": None})
    entries = deputy.point_entries.for_rows().order_by("-occurred_on", "-pk")
    state = request.GET.get("state")
    if state in PointEntry.State.values:
        entries = entries.filter(state=state)
    page = Paginator(entries, 30).get_page(request.GET.get("page"))
    with_shown_flags(page)
    context = {
        "deputy": deputy,
        "entries": page,
        "states": PointEntry.State.choices,
        "state": state,
        "query": urlencode({"state": state}) if state else "",
        "year_points": deputy.points,
        "letters": deputy.reminder_letters.for_section()[:LETTERS_SHOWN],
        "panels": panels.render("deputy_home", request, deputy=deputy),
    }
    return render(request, "deputies/my_duties.html", context)


@role_required(Role.DEPUTY)
@answered_once
def log_duty(request):
    deputy = get_object_or_404(Deputy, user=request.user)
    form = DutyForm(request.POST or None, request.FILES or None, street=deputy.street_id,
                    initial={"occurred_on": timezone.localdate()})  # fmt: skip
    if form.is_valid():
        entry = form.save(commit=False)
        entry.deputy = deputy
        return _save_duty(request, form, services.record_entry, entry)
    return render(request, "deputies/duty_form.html", {"form": form})


@role_required(Role.DEPUTY)
def edit_duty(request, pk):
    entry = own_entry(request, pk)
    try:
        entry.check_editable()
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("deputies:my_duties")
    street = entry.deputy.street_id
    form = DutyForm(request.POST or None, request.FILES or None, instance=entry, street=street)
    if form.is_valid():
        return _save_duty(request, form, services.update_claim, form.save(commit=False))
    return render(request, "deputies/duty_form.html", {"form": form, "entry": entry})


def _save_duty(request, form, save, entry):
    try:
        save(entry, request.user, photos=form.cleaned_data["photos"])
    except DomainError as error:
        form.add_error(None, error)
        context = {"form": form, "entry": entry if entry.pk else None}
        return render(request, "deputies/duty_form.html", context)
    messages.success(request, _("Your duty was saved: %(state)s, %(points)s.") % {
        "state": entry.get_state_display(), "points": entry.points_label
    })  # fmt: skip
    return redirect("deputies:my_duties")


@require_POST
@role_required(Role.DEPUTY)
def withdraw_duty(request, pk):
    try:
        services.withdraw(own_entry(request, pk), request.user)
        messages.success(request, _("The entry was withdrawn."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("deputies:my_duties")


@role_required(Role.DEPUTY)
def flag_entry(request, pk):
    entry = own_entry(request, pk)
    form = FlagForm(request.POST or None)
    if form.is_valid():
        services.flag(entry, request.user, **form.cleaned_data)
        messages.success(request, _("Thank you: the committee staff will look into it."))
        return redirect("deputies:my_duties")
    return render(request, "deputies/flag_form.html", {"form": form, "entry": entry})


def decided_flag(request, pk):
    """An error report of the staff member's streets; another street's is a 404."""
    flags = EntryFlag.objects.visible_to(request.user).select_related(
        "entry__rule", "entry__deputy", "correction"
    )
    return get_object_or_404(flags, pk=pk)


@role_required(Role.STAFF)
def flag_detail(request, pk):
    """An error report (错重漏): the entry, what the deputy says is wrong, the decision
    so far, and the steps staff take: accept with a correcting entry, or refuse."""
    flag = decided_flag(request, pk)
    context = {
        "flag": flag,
        "steps": step_forms(flag, request),
        "trail": flag.steps.select_related("by"),
        "corrections": flag.entry.corrections.select_related("rule"),
    }
    return render(request, "deputies/flag_detail.html", context)


flag_step = step_view(decided_flag, "deputies:flag_detail", Role.STAFF)


@role_required(Role.DEPUTY)
def my_archive(request):
    deputy = get_object_or_404(Deputy, user=request.user)
    return redirect("deputies:archive", pk=deputy.pk)


def chosen_period(request, memberships):
    """The term asked for (one of the deputy's), else the year asked for, else this year."""
    term_id = request.GET.get("term", "")
    for membership in memberships:
        if str(membership.term_id) == term_id:
            return Period.term(membership.term)
    return Period.year(chosen_year(request))


@role_required(Role.DEPUTY, *READERS)
def archive(request, pk):
    """The performance archive (一人一档) of one deputy for a year or a term."""
    deputy = visible_deputy(request, pk)
    memberships = list(deputy.memberships.select_related("term"))
    period = chosen_period(request, memberships)
    totals = kept(services.street_totals, deputy.street_id, *services.period_dates(period))
    context = {
        **services.archive_record(deputy, period, memberships, totals.data),
        "counted_at": totals.counted_at,
        "letters": deputy.reminder_letters.filter(
            year__range=(period.start.year, period.end.year)
        ).for_section(),
        "tools": panels.render("deputy_archive_tools", request, deputy=deputy, period=period),
        "panels": panels.render("deputy_archive", request, deputy=deputy, period=period),
    }
    return render(request, "deputies/archive.html", context)


RANKED_PER_PAGE = 100


@role_required(*READERS)
def ranking(request):
    """Current deputies of a street ranked by the year's points, with quarters, the
    quarters published, and for staff the ended quarters they may publish."""
    streets = Street.objects.visible_to(request.user)
    street = cleaned(forms.ModelChoiceField(streets), request.GET.get("street"), None)
    street = street or streets.filter(pk=request.user.street_id).first() or streets.first()
    year = chosen_year(request)
    ranked = kept(services.street_ranking, street.pk, year) if street else None
    published = PublishedQuarter.objects.filter(street=street, year=year).order_by("quarter")
    published = list(published.select_related("published_by"))
    context = {
        # Ranks are counted over the whole street before a page is cut from it.
        "deputies": Paginator(ranked.data if ranked else [], RANKED_PER_PAGE).get_page(
            request.GET.get("page")
        ),
        "counted_at": ranked and ranked.counted_at,
        "filters": filters_query(request),
        "year": year,
        "street": street,
        "streets": streets,
        "quarters": QUARTERS,
        "published": published,
        "published_quarters": {quarter.quarter for quarter in published},
    }
    if request.user.role == Role.STAFF and street:
        context["publishable"] = services.publishable_quarters(street, year)
    return render(request, "deputies/ranking.html", context)


@require_POST
@role_required(Role.STAFF)
def publish_quarter(request):
    """Staff publish a quarter's ranking: claims and staff entries no longer change its
    points, nor those before (points the portal records by itself still count)."""
    form = PublishQuarterForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, _("Choose a street, a year and a quarter that has ended."))
    else:
        try:
            published = services.publish_quarter(by=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            message = _(
                "The ranking of %(quarter)s is published: "
                "claims and staff entries no longer change its points."
            )
            messages.success(request, message % {"quarter": published.period.label})
    query = urlencode({name: request.POST.get(name, "") for name in ("street", "year")})
    return redirect(f"{reverse('deputies:ranking')}?{query}")


PUBLISHED_PER_PAGE = 20


@role_required(Role.DEPUTY, *READERS)
def published_rankings(request):
    """The quarterly rankings published (公示) in the user's street(s), newest first; a
    deputy sees their own line of each."""
    published = PublishedQuarter.objects.readable_by(request.user).select_related("street")
    if request.user.role == Role.DEPUTY:
        mine = PublishedRank.objects.filter(deputy__user=request.user)
        published = published.prefetch_related(Prefetch("ranks", mine, to_attr="mine"))
    published = published.order_by("-year", "-quarter", "street__name", "pk")
    page = Paginator(published, PUBLISHED_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "deputies/published_rankings.html", {"published": page})


def readable_publication(request, pk):
    published = PublishedQuarter.objects.readable_by(request.user).select_related("street")
    return get_object_or_404(published, pk=pk)


@role_required(Role.DEPUTY, *READERS)
def published_ranking(request, pk):
    """A published ranking as it was frozen on publication, a page at a time."""
    published = readable_publication(request, pk)
    ranks = Paginator(published.ranks.all(), RANKED_PER_PAGE).get_page(request.GET.get("page"))
    mine = Deputy.objects.filter(user=request.user).values_list("pk", flat=True).first()
    context = {"published": published, "ranks": ranks, "mine": mine}
    return render(request, "deputies/published_ranking.html", context)


@require_POST
@role_required(Role.STAFF)
def render_published_ranking_again(request, pk):
    """Staff have the printed list made again, after a failure."""
    published = readable_publication(request, pk)
    try:
        documents.render_again(published)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The PDF is being generated again."))
    return redirect(published)


@role_required(Role.DEPUTY, *READERS)
def published_ranking_pdf(request, pk):
    """The printed list, once rendered (the previous file while a new one is made)."""
    published = readable_publication(request, pk)
    if not published.pdf:
        raise Http404
    filename = _("Points ranking of %(street)s, %(quarter)s") % {
        "street": published.street.name,
        "quarter": published.period.label,
    }
    return send_file(request, published.pdf, f"{filename}.pdf")


FLAGGED_PER_PAGE = 100


@role_required(*READERS)
def at_risk(request):
    """Early warning: current deputies of the user's streets who fall behind, as a worker
    last counted them (a district's take seconds)."""
    counted = kept(warnings.flagged, request.user.street_id)
    context = {
        "flagged": Paginator(counted.data, FLAGGED_PER_PAGE).get_page(request.GET.get("page")),
        "counted_at": counted.counted_at,
    }
    return render(request, "deputies/at_risk.html", context)


PICKED = 20  # a picker's options per keystroke: type more to narrow them


@role_required(Role.STAFF, Role.DEPUTY)
def pick(request):
    """A picker's options (congress_portal.widgets.Picker): current deputies the user may
    name whose name holds `q`, at most PICKED, with their community to tell namesakes apart."""
    typed = request.GET.get("q", "").strip()[: Deputy._meta.get_field("name").max_length]
    deputies = Deputy.objects.pickable_by(request.user).filter(name__contains=typed)
    deputies = deputies.select_related("community").order_by("name", "pk")[:PICKED] if typed else []
    results = [
        {"value": deputy.pk, "text": deputy.name, "community": str(deputy.community or "")}
        for deputy in deputies
    ]
    return JsonResponse({"results": results})


@role_required(Role.STAFF)
def review_queue(request):
    """Pending claims of the staff member's street: approve, or reject with a reason."""
    pending = PointEntry.objects.visible_to(request.user).filter(state=PointEntry.State.PENDING)
    form = ReviewForm(request.POST or None, pending=pending)
    if request.method == "POST":
        if not form.is_valid():
            messages.error(request, errors_in_words(form))
        elif form.cleaned_data["action"] == "approve":
            _review(request, form.cleaned_data["entries"], APPROVED, services.approve)
        else:
            _review(request, form.cleaned_data["entries"], REJECTED, services.reject,
                    form.cleaned_data["reason"])  # fmt: skip
        return redirect("deputies:review_queue")
    entries = pending.select_related("deputy", "rule").prefetch_related("photos")
    page = Paginator(entries, CLAIMS_PER_PAGE).get_page(request.GET.get("page"))
    page.object_list = services.annotate_claims(page.object_list)
    return render(request, "deputies/review_queue.html", {"entries": page, "form": form})


CLAIMS_PER_PAGE = 50


APPROVED = ngettext_lazy("%(count)d entry approved.", "%(count)d entries approved.", "count")
REJECTED = ngettext_lazy("%(count)d entry rejected.", "%(count)d entries rejected.", "count")


def _review(request, entries, said, review, *arguments):
    """Review the entries one by one; `said`: what the message says of those done."""
    done = capped = 0
    for entry in entries.select_related("rule", "deputy"):
        try:
            review(entry, request.user, *arguments)
        except DomainError as error:
            messages.error(request, f"{entry.deputy.name} · {entry.rule.name}：{error.message}")
            continue
        done += 1
        capped += entry.cap_reached is not None
    messages.success(request, said % {"count": done})
    if capped:
        message = ngettext(
            "%d of them reached its rule's yearly cap and counts less than the rule's points.",
            "%d of them reached their rule's yearly cap and count less than the rule's points.",
            capped,
        )
        messages.warning(request, message % capped)


@role_required(Role.DEPUTY, *READERS)
def letter_pdf(request, pk):
    """A reminder letter's PDF, opened in the browser: to its deputy and readers of its street."""
    letter = get_object_or_404(ReminderLetter.objects.visible_to(request.user), pk=pk)
    if not letter.pdf:
        raise Http404
    return send_file(request, letter.pdf, letters.letter_filename(letter), as_attachment=False)


@require_POST
@role_required(Role.DEPUTY)
def acknowledge_letter(request, pk):
    """The deputy confirms they have received the letter."""
    letter = get_object_or_404(ReminderLetter, pk=pk, deputy__user=request.user)
    try:
        letters.acknowledge(letter)
        messages.success(request, _("Thank you: your acknowledgement was recorded."))
    except DomainError as error:
        messages.info(request, error.message)
    return redirect("deputies:my_duties")


@role_required(*READERS)
@answered_once
def thank_you_letters(request):
    """Thank-you letters to employers: staff request them, readers download them."""
    if request.method == "POST" and request.user.role != Role.STAFF:
        raise PermissionDenied
    initial = {
        "deputies": request.GET.getlist("deputy"),
        "year": timezone.localdate().year - 1,
    }
    form = None
    if request.user.role == Role.STAFF:
        form = ThankYouForm(request.POST or None, user=request.user, initial=initial)
    if form is not None and form.is_valid():
        try:
            letters.request_thank_you_letters(
                form.cleaned_data["deputies"],
                form.cleaned_data["year"],
                request.user.street,
                request.user,
            )
        except DomainError as error:
            form.add_error("deputies", error.message)
        else:
            messages.success(
                request, _("The letters are being generated; refresh this page in a moment.")
            )
            return redirect("deputies:thank_you_letters")
    batches = ThankYouBatch.objects.visible_to(request.user).select_related("street")
    batches = batches.annotate(count=Count("letters"))[:BATCHES_SHOWN]
    context = {"form": form, "batches": batches}
    return render(request, "deputies/thank_you_letters.html", context)


BATCHES_SHOWN = 20


@role_required(*READERS)
def thank_you_batch(request, pk):
    """One batch: the combined PDF and the single letters."""
    batch = get_object_or_404(ThankYouBatch.objects.visible_to(request.user), pk=pk)
    entries = batch.letters.select_related("deputy")
    return render(request, "deputies/thank_you_batch.html", {"batch": batch, "letters": entries})


@role_required(*READERS)
def thank_you_combined_pdf(request, pk):
    batch = get_object_or_404(ThankYouBatch.objects.visible_to(request.user), pk=pk)
    if not batch.combined_pdf:
        raise Http404
    filename = _("Letters of thanks %(year)s.pdf") % {"year": batch.year}
    return send_file(request, batch.combined_pdf, filename)


@role_required(*READERS)
def thank_you_letter_pdf(request, pk):
    seen = ThankYouLetter.objects.visible_to(request.user).select_related("deputy", "batch")
    letter = get_object_or_404(seen, pk=pk)
    if not letter.pdf:
        raise Http404
    filename = f"{letter.deputy.name}-{letter.batch.year}.pdf"
    return send_file(request, letter.pdf, filename)
