"""Who may use the search page and the search API (see core/tests/matrix.py): everyone signed in, each
finding only what they may open (search/tests/test_search_page.py)."""

from core.tests.matrix import API_READ, SIGNED_IN

PAGES = {"search:search": ("get", lambda w: {}, SIGNED_IN)}
OPERATIONS = {"search_api_search_records": (lambda w: {}, API_READ)}
