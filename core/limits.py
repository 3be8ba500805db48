"""Limits per network address on what costs the service most for an anonymous caller (the published
response as PDF or Word) and on sign-in attempts, so that one address cannot slow the service for
everyone.

Counting is django-ratelimit's, in Django's cache. The embedded deployment's cache is in each server
process, so the real bound is the limit times the number of web processes (four by default); a shared
deployment can point CACHES at Redis or memcached for one count. `django_ratelimit` is not in
INSTALLED_APPS because its start-up check refuses any cache but those two.
"""

import ipaddress
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import is_ratelimited


def client_address(request) -> str:
    """The caller's address: the connection's, or, when it comes from a proxy the settings trust
    (SCRUTINY_BEHIND_PROXY), the last address that proxy added to X-Forwarded-For. Earlier addresses in
    that header are the caller's own claims and are never believed."""
    address = request.META.get("REMOTE_ADDR", "")
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and address in settings.SCRUTINY_PROXY_ADDRESSES:
        last = forwarded.split(",")[-1].strip()
        try:
            return str(ipaddress.ip_address(last))
        except ValueError:
            return address
    return address


def limited(group: str, setting: str, methods=("GET", "POST")):
    """Answer 429 with a page that says when to try again once an address has gone over the rate named
    by `setting` (e.g. "30/m") for `group`; requests of other methods pass uncounted."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            rate = getattr(settings, setting)
            if request.method in methods and is_ratelimited(
                request, group=group, key="ip", rate=rate, method=list(methods), increment=True
            ):
                response = render(request, "core/too_many_requests.html", {"rate": rate}, status=429)
                response["Retry-After"] = "60"
                return response
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def no_store_when_signed_in(get_response):
    """Pages for a signed-in person are not kept by browsers or proxies (a shared computer's back button,
    a proxy's cache); public pages and static files keep their own caching."""

    def middleware(request):
        response = get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not response.has_header("Cache-Control"):
            response["Cache-Control"] = "no-store"
        return response

    return middleware
