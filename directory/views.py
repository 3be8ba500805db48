"""Forces and what Scrutiny knows about each: bodies, local authorities, the reports that concern it."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from directory.models import Force, LocalPolicingBody
from reports.models import Report


@login_required
def force_list(request):
    forces = (
        Force.objects.visible_to(request.user)
        .annotate(authority_count=Count("local_authorities", distinct=True))
        .order_by("country", "name")
    )
    current_bodies = {body.force_id: body for body in LocalPolicingBody.objects.current()}
    rows = [(force, current_bodies.get(force.pk)) for force in forces]
    return render(request, "directory/force_list.html", {"rows": rows})


@login_required
def force_detail(request, code):
    force = get_object_or_404(Force.objects.visible_to(request.user), code=code)
    reports = (
        Report.objects.visible_to(request.user)
        .concerning(force)
        .select_related("report_type")[:20]
        .with_finding_counts()
    )
    context = {
        "force": force,
        "bodies": force.bodies.order_by("-starts_on"),
        "authorities": force.local_authorities.order_by("name").prefetch_related("partnerships"),
        "reports": reports,
    }
    return render(request, "directory/force_detail.html", context)
