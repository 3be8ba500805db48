"""What responses shows on other apps' pages (registered in `ResponsesConfig.ready`)."""

from django.utils import timezone

from accounts import access
from responses import clock
from responses.models import ResponseObligation


def report(request, report) -> dict | None:
    """On a report's page: the section 55 response the person's office owes, for those who read
    deadlines (office staff and the panel); nothing for people who cannot see obligations."""
    if not access.reads_deadlines(request.user):
        return None
    obligations = (
        ResponseObligation.objects.visible_to(request.user).filter(report=report).select_related("body")
    )
    return {
        "obligations": list(obligations[:5]),
        "obligation_count": obligations.count(),
        "today": timezone.localdate(),
        "period_days": clock.PERIOD_DAYS,
        "own_office": request.user.office_id is not None,
    }
