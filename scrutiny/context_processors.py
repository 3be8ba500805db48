"""Values every page needs: the service name and the navigation the apps registered, with the current
section marked."""

from django.conf import settings
from django.urls import reverse

from accounts import access
from core import registry


def service(request):
    user = request.user
    if access.needs_two_factor(user) and not user.is_verified():
        return {"service_name": settings.SERVICE_NAME, "navigation": []}  # the code comes first
    items = []
    for item in registry.navigation:
        if item.allowed(user):
            href = reverse(item.url_name)
            current = request.path == href if item.prefix is None else request.path.startswith(item.prefix)
            items.append({"text": item.label, "href": href, "current": current})
    return {"service_name": settings.SERVICE_NAME, "navigation": items}
