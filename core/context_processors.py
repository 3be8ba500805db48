"""Values every page needs: the service name and the navigation, with the current section marked."""

from django.conf import settings
from django.urls import reverse

from accounts import access

# (label, url name, URL prefix that marks the item current, who sees the item)
NAVIGATION = [
    ("Home", "core:home", None, access.active),
    ("Reports", "reports:report-list", "/reports/", access.reads_reports),
    ("Findings", "reports:finding-list", "/findings/", access.reads_reports),
    ("Deadlines", "responses:deadlines", "/deadlines/", access.reads_deadlines),
    ("Forces", "directory:force-list", "/forces/", access.active),
    ("People", "accounts:people", "/people/", access.is_office_admin),
    ("Settings", "responses:office-settings", "/office/", access.is_office_admin),
    ("Audit", "accounts:audit", "/audit/", access.is_office_admin),
    ("API tokens", "accounts:api-tokens", "/api-tokens/", access.active),
]


def service(request):
    items = []
    user = request.user
    if access.needs_two_factor(user) and not user.is_verified():
        return {"service_name": settings.SERVICE_NAME, "navigation": []}  # the code comes first
    for text, name, prefix, allowed in NAVIGATION:
        if allowed(request.user):
            href = reverse(name)
            current = request.path == href if prefix is None else request.path.startswith(prefix)
            items.append({"text": text, "href": href, "current": current})
    return {"service_name": settings.SERVICE_NAME, "navigation": items}
