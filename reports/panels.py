"""What reports shows on other apps' pages (registered in `ReportsConfig.ready`)."""

from accounts import access
from reports.models import Finding, Report


def force_reports(request, force) -> dict | None:
    """On a force's page: the newest reports that concern it, for people who read reports."""
    if not access.reads_reports(request.user):
        return None
    reports = (
        Report.objects.visible_to(request.user)
        .concerning(force)
        .select_related("report_type")[:20]
        .with_finding_counts()
    )
    return {"force": force, "reports": reports}


def home(request, _=None) -> dict | None:
    """On the home page: the latest reports and the findings by kind, for people who read reports."""
    if not access.reads_reports(request.user):
        return None
    reports = Report.objects.visible_to(request.user)
    counts = Finding.objects.visible_to(request.user).counts_by_kind()
    context = {
        "latest_reports": reports.select_related("report_type")[:5].with_finding_counts(),
        "report_count": reports.count(),
        "finding_counts": [(kind, Finding.PLURALS[kind], counts[kind]) for kind in Finding.Kind.values],
    }
    if access.is_office_staff(request.user):  # what is theirs to check: reports whose findings are unchecked
        unchecked = reports.filter(reviewed_at__isnull=True).order_by("-published_on", "-pk")
        context["to_review"] = list(unchecked[:5])
        context["to_review_count"] = unchecked.count()
    return context
