"""Forms that make something are made once: each page carries a token (`{% submission_token %}`), and
`once()` runs the making for the first request that brings it. Another request with the same token, at
the same time or later, is led to what the first one made. The token is claimed in the same transaction
as the making, so two at once cannot both pass: the second waits for the first, then finds its token."""

import secrets
from collections.abc import Callable

from django.db import IntegrityError, transaction

from core.models import Submission

FIELD = "submission"


def new_token() -> str:
    return secrets.token_urlsafe(24)


KEPT_DAYS = 7  # a page sent again after a week is a new request, not a double click


def forget_old(now=None) -> int:
    """Forget everyone's tokens older than KEPT_DAYS (their pages are long gone), so the table stays small
    even of people who never send another form: one indexed delete, each time a form is sent."""
    from datetime import timedelta

    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(days=KEPT_DAYS)
    return Submission.objects.filter(created_at__lt=cutoff).delete()[0]


def once(request, make: Callable[[], str]) -> tuple[str, bool]:
    """Run `make()` (which returns the address of what it made) unless this page was sent before:
    (address, True) when made now, (the earlier address, False) when it had been. Without a token (a
    script, an old page), it simply makes."""
    key = request.POST.get(FIELD, "")
    if not key or len(key) > 64:
        return make(), True
    earlier = Submission.objects.filter(key=key, user=request.user.pk).exclude(result_url="").first()
    if earlier is not None:
        return earlier.result_url, False
    forget_old()
    try:
        with transaction.atomic():
            submission = Submission.objects.create(key=key, user=request.user)
            submission.result_url = make()
            submission.save(update_fields=["result_url"])
            return submission.result_url, True
    except IntegrityError:
        earlier = Submission.objects.filter(key=key, user=request.user.pk).first()
        if earlier is None or not earlier.result_url:
            raise
        return earlier.result_url, False
