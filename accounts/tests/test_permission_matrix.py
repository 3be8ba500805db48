"""Every page and every API operation, for every role, with the outcome each must get.

The coverage tests fail when a URL name or an API operation has no row, so a new page cannot be added
without deciding who may use it. Each request runs in a transaction that is rolled back, so a POST by one
role does not change what the next one sees.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.testing import make_people, sign_in
from accounts.tokens import create_token
from core.demo import load_demo
from core.testing import url_names
from reports.models import SourceDocument
from responses.models import CalendarFeed
from scrutiny.api import api

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "officer", "force", "partnership", "panel", "other-office", "superuser"]
OK, LOGIN, DENIED, MISSING, UNAUTHENTICATED = "ok", "sign-in", "403", "404", "401"


def outcomes(**overrides) -> dict[str, str]:
    """Signed-in people get OK, the anonymous are sent to sign in; overrides use _ for -."""
    base = dict.fromkeys(ROLES, OK) | {"anonymous": LOGIN}
    return base | {role.replace("_", "-"): outcome for role, outcome in overrides.items()}


PUBLIC = dict.fromkeys(ROLES, OK)
SIGNED_IN = outcomes()
READS_REPORTS = outcomes(partnership=DENIED)
CHANGES_REPORTS = outcomes(force=DENIED, partnership=DENIED, panel=DENIED)  # reports are shared by offices
OFFICE_ONLY = outcomes(force=DENIED, partnership=DENIED, panel=DENIED, other_office=MISSING)
ADMINS_ONLY = outcomes(officer=DENIED, force=DENIED, partnership=DENIED, panel=DENIED, other_office=DENIED)
OWNER_ONLY = dict.fromkeys(ROLES, MISSING) | {"anonymous": LOGIN, "officer": OK}  # the officer's token
DEADLINES = outcomes(force=DENIED, partnership=DENIED)

# URL name: (method, arguments from the world, expected outcome per role)
PAGES = {
    "core:home": ("get", lambda w: {}, SIGNED_IN),
    "core:accessibility": ("get", lambda w: {}, PUBLIC),
    "accounts:sign-in": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset-sent": ("get", lambda w: {}, PUBLIC),
    "accounts:password-reset-confirm": ("get", lambda w: {"uidb64": "MQ", "token": "set-password"}, PUBLIC),
    "accounts:password-reset-done": ("get", lambda w: {}, PUBLIC),
    "accounts:two-factor": ("get", lambda w: {}, SIGNED_IN),
    "accounts:api-tokens": ("get", lambda w: {}, SIGNED_IN),
    "accounts:api-token-revoke": ("post", lambda w: {"pk": w["token"].pk}, OWNER_ONLY),
    "accounts:audit": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:people": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:person-invite": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:person": ("get", lambda w: {"pk": w["people"]["officer"].pk}, ADMINS_ONLY),
    "accounts:audit-export": ("get", lambda w: {}, ADMINS_ONLY),
    "accounts:two-factor-setup": ("get", lambda w: {}, SIGNED_IN),
    "accounts:recovery-codes": ("get", lambda w: {}, SIGNED_IN),
    "accounts:sign-out": ("post", lambda w: {}, dict.fromkeys(ROLES, LOGIN)),  # then to the sign-in page
    "directory:force-list": ("get", lambda w: {}, SIGNED_IN),
    "directory:force-detail": ("get", lambda w: {"code": "merseyside"}, SIGNED_IN),
    "reports:report-list": ("get", lambda w: {}, READS_REPORTS),
    "reports:finding-list": ("get", lambda w: {}, READS_REPORTS),
    "reports:report-detail": ("get", lambda w: {"pk": w["report"].pk}, READS_REPORTS),
    "reports:source-file": ("get", lambda w: {"pk": w["source"].pk}, READS_REPORTS),
    "reports:report-add": ("get", lambda w: {}, CHANGES_REPORTS),
    "reports:report-upload": ("get", lambda w: {}, CHANGES_REPORTS),
    "reports:report-edit": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:finding-add": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:report-review": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:report-reviewed": ("post", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:finding-edit": ("get", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-delete": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-accept": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-merge": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-split": ("get", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "responses:deadlines": ("get", lambda w: {}, DEADLINES),
    "responses:office-settings": ("get", lambda w: {}, ADMINS_ONLY | {"superuser": MISSING}),  # no office
    "responses:calendar-feed": ("get", lambda w: {"token": w["feed"].token}, PUBLIC),  # the secret is the key
    "responses:public-response": ("get", lambda w: {"pk": w["published"].pk}, PUBLIC),
    "responses:public-download": ("get", lambda w: {"pk": w["published"].pk, "kind": "docx"}, PUBLIC),
    "responses:obligation-detail": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:obligation-invite": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:obligation-comments": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:comments-document": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:comment-links": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-editor": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:section-add": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-approve": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:response-download": ("get", lambda w: {"pk": w["published"].pk, "kind": "pdf"}, OFFICE_ONLY),
    "responses:response-publish": ("get", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:copies-sent": ("post", lambda w: {"pk": w["published"].pk}, OFFICE_ONLY),
    "responses:section-save": ("post", lambda w: {"pk": w["section"].pk}, OFFICE_ONLY),
    "responses:section-delete": ("post", lambda w: {"pk": w["section"].pk}, OFFICE_ONLY),
    "api-docs": ("get", lambda w: {}, PUBLIC),  # the reference, like the schema, holds no data
}

API_READ = outcomes(anonymous=UNAUTHENTICATED)
API_REPORT = outcomes(anonymous=UNAUTHENTICATED, partnership=MISSING)  # partnerships see no reports yet
API_CHANGE = outcomes(anonymous=UNAUTHENTICATED, force=DENIED, partnership=DENIED, panel=DENIED)
# operationId: (arguments from the world, expected outcome per role)
OPERATIONS = {
    "reports_api_list_reports": (lambda w: {}, API_READ),
    "reports_api_get_report": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
    "reports_api_add_report": (lambda w: {}, API_CHANGE),
    "reports_api_list_findings": (lambda w: {}, API_READ),
    "reports_api_upload_report": (lambda w: {}, API_CHANGE),
    "reports_api_get_intake_status": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
    "reports_api_list_report_findings": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
    "directory_api_list_forces": (lambda w: {}, API_READ),
    "directory_api_get_force": (lambda w: {"code": "cheshire"}, API_READ),
}
NOT_OPERATIONS = {"api:openapi-json": "the OpenAPI schema itself, public like the API's documentation page"}

# The Django admin sees every office, so only deployment administrators may use any of it: one rule,
# checked on a sample of each kind of admin page.
ADMIN_SAMPLE = [
    ("admin:index", lambda w: {}),
    ("admin:reports_report_changelist", lambda w: {}),
    ("admin:reports_report_change", lambda w: {"object_id": w["report"].pk}),
    ("admin:accounts_user_changelist", lambda w: {}),
    ("admin:accounts_user_add", lambda w: {}),
    ("admin:responses_responseobligation_change", lambda w: {"object_id": w["published"].pk}),
]


def make_world() -> dict:
    demo = load_demo()
    report, office = demo["report"], demo["office"]
    published = report.obligations.get(body=office)
    source = SourceDocument(report=report, original_name="report.txt", media_type="text/plain", size=9)
    source.file.save("report.txt", ContentFile(b"A report."), save=False)
    source.sha256 = "0" * 64
    source.save()
    people = make_people()
    return {
        "token": create_token(user=people["officer"], name="Reporting script")[0],
        "report": report,
        "finding": report.findings.get(label="5a"),
        "published": published,
        "section": published.sections.filter(kind="free").first(),
        "source": source,
        "feed": CalendarFeed.objects.get_or_create(body=office)[0],
        "people": people,
    }


def observed(response) -> str:
    if response.status_code in (301, 302) and "/sign-in/" in response.get("Location", ""):
        return LOGIN
    if response.status_code in (301, 302) and "/admin/login/" in response.get("Location", ""):
        return LOGIN
    if response.status_code in (401, 403, 404):
        return str(response.status_code)
    if response.status_code >= 500:
        return f"server error {response.status_code}"
    return OK  # 2xx, 3xx elsewhere, and 405/422: the request was let in and then answered


def client_for(world, role) -> Client:
    client = Client(raise_request_exception=False)
    client.person = world["people"].get(role)
    return client


def attempt(client, method: str, url: str):
    """One request in a transaction that is then rolled back; signed in afresh, as signing out ends it."""
    if client.person is not None:
        sign_in(client, client.person)
    with transaction.atomic():
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    if response.streaming:  # read a download to its end, so the test client closes its file
        b"".join(response.streaming_content)
    return response


def test_every_page_has_a_row():
    names = {name for name in url_names() if not name.startswith(("admin:", "api:"))}
    missing = names - set(PAGES)
    assert not missing, f"add rows to PAGES for: {sorted(missing)}"
    assert not set(PAGES) - names, "PAGES has rows for pages that no longer exist"


def test_every_api_operation_has_a_row():
    schema = api.get_openapi_schema()
    operations = {op["operationId"] for path in schema["paths"].values() for op in path.values()}
    assert operations == set(OPERATIONS), f"OPERATIONS must list exactly: {sorted(operations)}"
    api_names = {name for name in url_names() if name.startswith("api:")}
    named = {f"api:{operation.split('_api_')[1]}" for operation in OPERATIONS}
    assert api_names <= named | set(NOT_OPERATIONS) | {"api:api-root"}


@pytest.mark.parametrize("role", ROLES)
def test_each_role_gets_what_the_matrix_says_everywhere(role):
    """Pages, API operations and the admin, for one role: one world, every request rolled back."""
    world = make_world()
    client = client_for(world, role)
    wrong = {}
    for name, (method, arguments, expected) in PAGES.items():
        url = reverse(name, kwargs=arguments(world))
        got = observed(attempt(client, method, url))
        if got != expected[role]:
            wrong[f"{method.upper()} {url} ({name})"] = f"expected {expected[role]}, got {got}"
    callers = {"session": client}
    if role != "anonymous":  # an API token acts with its owner's role, so gets the same outcomes
        key = create_token(user=world["people"][role], name="Matrix")[1]
        callers["token"] = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        callers["token"].person = None
    for way, caller in callers.items():
        for path, operations in api.get_openapi_schema()["paths"].items():
            for method, operation in operations.items():
                arguments, expected = OPERATIONS[operation["operationId"]]
                url = path.format(**arguments(world))
                got = observed(attempt(caller, method, url))
                if got != expected[role]:
                    wrong[f"{method.upper()} {url} ({operation['operationId']}, {way})"] = (
                        f"expected {expected[role]}, got {got}"
                    )
    for name, arguments in ADMIN_SAMPLE:
        url = reverse(name, kwargs=arguments(world))
        got = observed(attempt(client, "get", url))
        if got != (OK if role == "superuser" else LOGIN):
            wrong[f"GET {url} ({name})"] = f"only deployment administrators may use the admin; got {got}"
    assert not wrong, "\n".join(f"{request}: {problem}" for request, problem in wrong.items())
