def save_as(record, by):
    """Save, recording `by` as the author in the record's history (django-simple-history
    takes the request's user on its own, but not in tasks or the shell)."""
    record._history_user = by
    record.save()
    return record
