"""Who may use the search page, the search API, saved searches and the national register (see core/tests/matrix.py): everyone
signed in, each finding only what they may open (search/tests/test_search_page.py) and changing only
their own saved searches."""

from core.tests.matrix import API_READ, DENIED, MISSING, PUBLIC, SIGNED_IN, UNAUTHENTICATED, outcomes
from search.models import SavedSearch
from search.testing import make_repeated_recommendation

SEES_CHESHIRE = outcomes(partnership=MISSING)  # partnerships see only what is referred to them
DECIDES = outcomes(force=DENIED, partnership=DENIED, panel=DENIED, other_office=DENIED)
OWNER_ONLY = outcomes(
    admin=MISSING, force=MISSING, partnership=MISSING, panel=MISSING, other_office=MISSING, superuser=MISSING
)

PAGES = {
    "search:search": ("get", lambda w: {}, SIGNED_IN),
    "search:search-export": ("get", lambda w: {"kind": "csv"}, SIGNED_IN),
    "search:search-save": ("post", lambda w: {}, SIGNED_IN),
    "search:saved-list": ("get", lambda w: {}, SIGNED_IN),
    "search:saved-change": ("post", lambda w: {"pk": w["saved_search"].pk}, OWNER_ONLY),
    "search:public-search": ("get", lambda w: {}, PUBLIC),
    "search:register": ("get", lambda w: {}, SIGNED_IN),
    "search:register-item": ("get", lambda w: {"pk": w["national_item"].pk}, SEES_CHESHIRE),
    "search:proposal-list": ("get", lambda w: {}, SIGNED_IN),
    "search:proposal-decide": ("post", lambda w: {"pk": w["proposal"].pk}, DECIDES),
}
OPERATIONS = {
    "search_api_search_records": (lambda w: {}, API_READ),
    "search_api_register_items": (lambda w: {}, API_READ),
    "search_api_register_item": (
        lambda w: {"item_id": w["national_item"].pk},
        outcomes(anonymous=UNAUTHENTICATED, partnership=MISSING),
    ),
    "search_api_register_proposals": (lambda w: {}, API_READ),
    "search_api_decide_proposal": (
        lambda w: {"proposal_id": w["proposal"].pk},
        # staff are let in before the body is read (another office's staff then get 403 with a body)
        outcomes(anonymous=UNAUTHENTICATED, force=DENIED, partnership=DENIED, panel=DENIED),
    ),
}


def world(world: dict) -> None:
    world["saved_search"] = SavedSearch.objects.create(owner=world["people"]["officer"], query="custody")
    world["proposal"] = make_repeated_recommendation("cheshire")
    world["national_item"] = world["proposal"].earlier.fingerprint.item
