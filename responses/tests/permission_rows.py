"""Who may open each of responses' pages (see core/matrix.py)."""

from core.tests.matrix import ADMINS_ONLY, DENIED, MISSING, OFFICE_ONLY, OK, PUBLIC, UNAUTHENTICATED, outcomes
from responses.models import CalendarFeed

DEADLINES = outcomes(force=DENIED, partnership=DENIED)

PAGES = {
    "responses:deadlines": ("get", lambda w: {}, DEADLINES),
    "responses:deadlines-export": ("get", lambda w: {"kind": "xlsx"}, DEADLINES),
    "responses:mark-history": (
        "post",
        lambda w: {},
        outcomes(force=DENIED, partnership=DENIED, panel=DENIED),
    ),
    "responses:office-settings": ("get", lambda w: {}, ADMINS_ONLY | {"superuser": MISSING}),  # no office
    "responses:calendar-feed": ("get", lambda w: {"token": w["feed"].token}, PUBLIC),  # the secret is the key
    "responses:office-logo": (
        "get",
        lambda w: {"pk": w["office"].pk},
        dict.fromkeys(PUBLIC, MISSING),
    ),  # none
    "responses:public-response": ("get", lambda w: {"pk": w["published"].pk}, PUBLIC),
    "responses:public-index": ("get", lambda w: {}, PUBLIC),
    "responses:public-download": ("get", lambda w: {"pk": w["published"].pk, "kind": "docx"}, PUBLIC),
    "responses:obligation-detail": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:obligation-invite": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:obligation-comments": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:comments-document": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:comment-links": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-editor": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:section-add": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-approve": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-submit": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-send-back": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:draft-comment": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-versions": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    # only people at the invited force, while the response is written: the world's is published
    "responses:force-comments": (
        "get",
        lambda w: {"pk": w["published"].pk},
        # the office's own staff are taken to the response's page (a redirect); the force's own user
        # sees it once invited (this one is not); everyone else is refused
        outcomes(force=MISSING, partnership=DENIED, panel=DENIED, other_office=DENIED),
    ),
    "responses:response-download": ("get", lambda w: {"pk": w["published"].pk, "kind": "pdf"}, OFFICE_ONLY),
    "responses:response-publish": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-preview": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-published": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:public-version": (
        "get",
        lambda w: {"pk": w["published"].pk, "number": 1},
        dict.fromkeys(PUBLIC, MISSING),
    ),  # no correction in the world
    "responses:copies-sent": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:section-save": ("post", lambda w: {"pk": w["section"].pk}, OFFICE_ONLY),
    "responses:section-delete": ("post", lambda w: {"pk": w["section"].pk}, OFFICE_ONLY),
    "responses:section-requote": ("post", lambda w: {"pk": w["section"].pk}, OFFICE_ONLY),
}

ADMIN_SAMPLE = [("admin:responses_responseobligation_change", lambda w: {"object_id": w["published"].pk})]


def world(world: dict) -> None:
    published = world["report"].obligations.get(body=world["office"])
    world["published"] = published
    world["section"] = published.sections.filter(kind="free").first()
    world["feed"] = CalendarFeed.objects.get_or_create(body=world["office"])[0]


# The chief officer's comments over the API: the office's own staff (another office's response is not
# found; everyone else is refused before anything is read).
OFFICE_API = outcomes(
    anonymous=UNAUTHENTICATED, force=DENIED, partnership=DENIED, panel=DENIED, other_office=MISSING
)
OPERATIONS = {
    "responses_api_get_comments": (lambda w: {"obligation_id": w["published"].pk}, OFFICE_API),
    # An empty body is refused (422) before the obligation is looked up, alike for every id, so another
    # office learns nothing; with a valid body it gets 404 (responses/tests/test_api.py).
    "responses_api_post_comments": (
        lambda w: {"obligation_id": w["published"].pk},
        OFFICE_API | {"other-office": OK},
    ),
}
