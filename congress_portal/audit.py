"""Who wrote a record (`save_as`, into its `History`) and who saw one (`ViewLog`)."""

import functools

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.manager import HistoryManager
from simple_history.models import HistoricalRecords


class OnceBuiltHistoryManager(HistoryManager):
    """django-simple-history's manager, its class built once: the library builds
    a new class on every access to `record.history`, and so on every save."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def History(**options):
    """A model's audited history (django-simple-history's `HistoricalRecords`)."""
    return HistoricalRecords(history_manager=OnceBuiltHistoryManager, **options)


def save_as(record, by, at=None):
    """Save, recording `by` as the author in the record's history (django-simple-history
    takes the request's user on its own, but not in tasks or the shell) and `at`
    (now by default) as the history's date."""
    record._history_user, record._history_date = by, at or timezone.now()
    try:
        record.save()
    finally:
        del record._history_date  # a later plain save() is dated when it happens
    return record


class ViewLog(models.Model):
    """Who saw or downloaded a record (the one its field `seen_field` points to), and when:
    generated files and personal information are logged as they are opened."""

    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name=_("by")
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-at"]

    def __str__(self):
        return f"{self.by} · {getattr(self, self.seen_field)} · {self.at:%Y-%m-%d %H:%M}"
