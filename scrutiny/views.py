"""The signed-in home page and the pages every service has."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from core import registry
from directory.models import Force


@login_required
def home(request):
    context = {
        "panels": registry.render_panels(registry.home_panels, request),
        "forces": Force.objects.visible_to(request.user).order_by("name"),
        "office": request.user.office,
    }
    return render(request, "scrutiny/home.html", context)


def accessibility(request):
    return render(request, "scrutiny/accessibility.html")
