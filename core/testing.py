"""Helpers for page tests: every page test also checks the page's structure."""

import re


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
