"""Forms answered once: a form that creates something carries a token
(`{% submission_token %}`), and its view, wrapped in `answered_once`, does the
work for the first post of that token only. A repeat (a double click, the page
sent again, two tabs) gets the first post's result: a redirect to what it made.
A repeat that arrives while the first is still running waits for it on the
token's unique constraint, so the two never both do the work."""

import uuid
from datetime import timedelta
from functools import wraps

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Submission

FIELD = "submission"
KEEP = timedelta(days=1)


def posted_token(request):
    """The token the posted form carried, or None."""
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def answered_once(view):
    """Run `view` for the first POST of a form's token; repeats get its redirect.
    A POST that does not end in a redirect (a form with errors) frees the token,
    so that the corrected form can be sent again."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        token = posted_token(request) if request.method == "POST" else None
        if token is None:
            return view(request, *args, **kwargs)
        with transaction.atomic():
            try:
                with transaction.atomic():
                    submission = Submission.objects.create(user=request.user, token=token)
            except IntegrityError:
                return _first_answer(request, token)
            response = view(request, *args, **kwargs)
            if response.status_code in (301, 302, 303):
                submission.result_url = response["Location"]
                submission.save(update_fields=["result_url"])
            else:
                submission.delete()
            return response

    return wrapper


def _first_answer(request, token):
    first = Submission.objects.get(user=request.user, token=token)
    messages.info(request, _("This form had already been sent: here is what it did."))
    return redirect(first.result_url or request.get_full_path())


def forget_old(keep=KEEP):
    """Forget the tokens posted more than `keep` ago. Returns how many."""
    deleted, _by_model = Submission.objects.filter(created_at__lt=timezone.now() - keep).delete()
    return deleted
