"""The daily e-mail of saved searches (`scrutiny remind`): each saved search with alerts on, whose owner
can now open findings that match it and that are newer than the last one they were told of, gets one
e-mail listing them (at most 20, and how many more), once a day."""

from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils.http import urlencode

from core.mail import send_once
from search.finder import new_matches
from search.models import SavedSearch, SearchAlert

MOST_LISTED = 20


def due(today: date) -> list[tuple[SavedSearch, list, int]]:
    """(saved search, the newest matches to list, how many new matches) for each alert to send today."""
    waiting = []
    sent = set(SearchAlert.objects.filter(sent_on=today).values_list("saved_search_id", flat=True))
    searches = SavedSearch.objects.filter(alert=True, owner__is_active=True).select_related("owner")
    for saved in searches.exclude(pk__in=sent).exclude(owner__email=""):
        listed, total = new_matches(saved.owner, saved.query, saved.filters, saved.seen_up_to, MOST_LISTED)
        if total:
            waiting.append((saved, listed, total))
    return waiting


def send(today: date) -> int:
    """Send today's alerts; how many were sent."""
    sent = 0
    base = getattr(settings, "SCRUTINY_BASE_URL", "")
    for saved, listed, total in due(today):
        newest = max(finding.pk for finding in listed)

        def log(saved=saved, total=total, newest=newest):
            SearchAlert.objects.create(saved_search=saved, sent_on=today, findings=total)
            SavedSearch.objects.filter(pk=saved.pk).update(seen_up_to=newest)

        address = base + reverse("search:search") + "?" + urlencode({"q": saved.query, **saved.filters})
        sent += send_once(
            log=log,
            subject="search/email/alert_subject.txt",
            body="search/email/alert.txt",
            context={
                "saved": saved,
                "findings": listed,
                "total": total,
                "more": total - len(listed),
                "address": address,
                "base": base,
                "saved_list": base + reverse("search:saved-list"),
            },
            recipients=[saved.owner.email],
            what=f"saved search alert {saved.pk}",
        )
    return sent


def count(today: date) -> int:
    """How many alerts `send(today)` would send now (for `scrutiny remind --dry-run`)."""
    return len(due(today))
