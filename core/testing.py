"""Helpers for page tests: every page test also checks the page's structure."""

import re

from django.urls import URLPattern, URLResolver, get_resolver


def check_page(html: str) -> str:
    ids = re.findall(r'\sid="([^"]+)"', html)
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert not duplicates, f"duplicate ids: {duplicates}"
    assert html.count("<h1") == 1, "a page has exactly one h1"
    assert '<html lang="en"' in html
    return html


def get_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return check_page(response.content.decode())


def url_names(resolver=None, namespace=""):
    """Every named URL pattern, namespaced (such as "directory:force-detail"), for tests that must cover them all."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from url_names(
                pattern, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            )
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name
