"""Who may use the search page, the search API and saved searches (see core/tests/matrix.py): everyone
signed in, each finding only what they may open (search/tests/test_search_page.py) and changing only
their own saved searches."""

from core.tests.matrix import API_READ, MISSING, SIGNED_IN, outcomes
from search.models import SavedSearch

OWNER_ONLY = outcomes(
    admin=MISSING, force=MISSING, partnership=MISSING, panel=MISSING, other_office=MISSING, superuser=MISSING
)

PAGES = {
    "search:search": ("get", lambda w: {}, SIGNED_IN),
    "search:search-export": ("get", lambda w: {"kind": "csv"}, SIGNED_IN),
    "search:search-save": ("post", lambda w: {}, SIGNED_IN),
    "search:saved-list": ("get", lambda w: {}, SIGNED_IN),
    "search:saved-change": ("post", lambda w: {"pk": w["saved_search"].pk}, OWNER_ONLY),
}
OPERATIONS = {"search_api_search_records": (lambda w: {}, API_READ)}


def world(world: dict) -> None:
    world["saved_search"] = SavedSearch.objects.create(owner=world["people"]["officer"], query="custody")
