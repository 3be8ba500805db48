"""Values every page needs: the service name and the navigation, with the current section marked."""

from django.conf import settings
from django.urls import reverse

# (label, url name, URL prefix that marks the item current)
NAVIGATION = [
    ("Home", "core:home", None),
    ("Reports", "reports:report-list", "/reports/"),
    ("Findings", "reports:finding-list", "/findings/"),
    ("Deadlines", "responses:deadlines", "/deadlines/"),
    ("Forces", "directory:force-list", "/forces/"),
]


def service(request):
    items = []
    if request.user.is_authenticated:
        for text, name, prefix in NAVIGATION:
            href = reverse(name)
            current = request.path == href if prefix is None else request.path.startswith(prefix)
            items.append({"text": text, "href": href, "current": current})
    return {"service_name": settings.SERVICE_NAME, "navigation": items}
