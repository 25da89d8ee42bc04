from django.utils import timezone


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
