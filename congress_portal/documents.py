"""Documents rendered in the background (annual reports, archives, letters).

A row holds the document's state (its model's `State` has QUEUED, RENDERING,
READY and FAILED), `error`, `rendered_at` and the file. The task claims the
row with a conditional UPDATE, so a duplicated or retried job renders once;
the new file is written beside the old one and replaces it in a single UPDATE,
so a download gets the old file or the new one, never half of one. Downloads
therefore serve the row's file whatever its state: asking for a new version,
or a failed one, never withdraws the one published. Any error, the storage's
included, marks the row FAILED with its message; a row whose job was lost is
queued again by the sweep (`requeue_stale`)."""

import datetime
import logging

from django.apps import apps
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import bounds, jobs
from .errors import DomainError

logger = logging.getLogger(__name__)
# A rendering that has not finished after this long died with its worker: it may start again.
RENDERING_TIMEOUT = datetime.timedelta(minutes=10)
# A queued job no worker has started after this long was lost (its retries used up,
# its message dropped): the sweep queues it again, and the user may ask again.
QUEUED_TIMEOUT = datetime.timedelta(minutes=15)


def is_busy(row):
    """Queued or rendering, and not yet given up for lost."""
    now = timezone.now()
    if row.state == row.State.QUEUED:
        return now - row.queued_at < QUEUED_TIMEOUT
    return (
        row.state == row.State.RENDERING
        and row.rendered_at is not None
        and now - row.rendered_at < RENDERING_TIMEOUT
    )


def stale(model, now):
    """The rows of `model` whose job was lost or whose worker died."""
    return model.objects.filter(
        Q(state=model.State.QUEUED, queued_at__lt=now - QUEUED_TIMEOUT)
        | Q(state=model.State.RENDERING, rendered_at__lt=now - RENDERING_TIMEOUT)
    )


@jobs.recovers
def requeue_stale(now):
    """Queue again every document whose job was lost or whose worker died, so that
    none stays queued or rendering for good without a person. Returns how many."""
    requeued = 0
    for model in apps.get_models():
        if not issubclass(model, RenderedDocument):
            continue
        for pk in stale(model, now).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(queued_at=now)
            jobs.enqueue(model.render_task, pk)
            requeued += 1
    return requeued


@transaction.atomic
def render_again(row):
    """Queue the rendering of `row` again (after a failure, or for a new version); the
    file it has stays downloadable meanwhile. Refused while it is being made."""
    row = type(row).objects.select_for_update().get(pk=row.pk)
    if is_busy(row):
        raise DomainError(_("The PDF is already being generated."))
    row.state, row.error, row.queued_at = row.State.QUEUED, "", timezone.now()
    row.save(update_fields=["state", "error", "queued_at"])
    jobs.enqueue(row.render_task, row.pk)
    return row


class RenderedDocument(models.Model):
    """The models `render` fills: their state, and what their pages say of them.
    Each declares its file field, named by `file_field`, and its `render_task`; one
    with more states (an annual report starts as a draft) declares its own `State`
    and `state`. Whoever queues a row again sets `queued_at`."""

    class State(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Rendering")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.QUEUED, editable=False
    )
    error = models.TextField(_("error"), max_length=bounds.TEXT_LENGTH, blank=True, editable=False)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, editable=False)
    queued_at = models.DateTimeField(_("queued at"), default=timezone.now, editable=False)

    file_field = "pdf"
    render_task = None  # the dotted name of the task that renders a row, given its pk

    class Meta:
        abstract = True

    @property
    def is_busy(self):
        return is_busy(self)

    @property
    def status(self):
        """The state, or "ready" while the previous file is served and a new one is made."""
        if self.is_busy and getattr(self, self.file_field):
            return _("Ready; a new version is being generated")
        return self.get_state_display()


def render(model, pk, renderer, file_field="pdf"):
    """Render the queued (or dead) row of `model` with `renderer(row)` → (filename,
    bytes) into `file_field`. Returns the file's name, or None when the row was not
    to be rendered or the renderer failed (the row then shows the error)."""
    rows = model.objects.filter(pk=pk)
    claimable = Q(state=model.State.QUEUED) | Q(
        state=model.State.RENDERING, rendered_at__lt=timezone.now() - RENDERING_TIMEOUT
    )
    if not rows.filter(claimable).update(state=model.State.RENDERING, rendered_at=timezone.now()):
        return None
    row = rows.get()
    file = getattr(row, file_field)
    old = file.name
    try:
        filename, content = renderer(row)
        file.save(filename, ContentFile(content), save=False)  # storage may fail too
    except Exception as error:
        logger.exception("%s %s could not be rendered.", model.__name__, pk)
        rows.update(state=model.State.FAILED, error=f"{type(error).__name__}: {error}")
        return None
    rows.update(
        state=model.State.READY, rendered_at=timezone.now(), error="", **{file_field: file.name}
    )
    if old and old != file.name:
        file.storage.delete(old)
    return file.name
