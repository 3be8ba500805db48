"""The signed-in home page and the pages every service has."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from directory.models import Force
from reports.models import Finding, Report


@login_required
def home(request):
    reports = Report.objects.visible_to(request.user)
    findings = Finding.objects.visible_to(request.user)
    counts = findings.counts_by_kind()
    context = {
        "latest_reports": reports.select_related("report_type")[:5].with_finding_counts(),
        "report_count": reports.count(),
        "finding_counts": [(kind, Finding.PLURALS[kind], counts[kind]) for kind in Finding.Kind.values],
        "forces": Force.objects.visible_to(request.user).order_by("name"),
        "office": request.user.office,
    }
    return render(request, "core/home.html", context)


def accessibility(request):
    return render(request, "core/accessibility.html")
