"""Forces and what Scrutiny knows about each: bodies, local authorities, and what other apps show about it
(the reports that concern it) as panels."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.shortcuts import get_object_or_404, render

from core import registry
from directory.models import Force, LocalPolicingBody


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
    context = {
        "force": force,
        "bodies": force.bodies.order_by("-starts_on"),
        "authorities": force.local_authorities.order_by("name").prefetch_related("partnerships"),
        "panels": registry.render_panels(registry.force_panels, request, force),
    }
    return render(request, "directory/force_detail.html", context)
