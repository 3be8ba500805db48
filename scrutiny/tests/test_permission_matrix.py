"""Every page and every API operation, for every role, with the outcome each must get.

The coverage tests fail when a URL name or an API operation has no row, so a new page cannot be added
without deciding who may use it. Each request runs in a transaction that is rolled back, so a POST by one
role does not change what the next one sees.
"""

import importlib

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client
from django.urls import reverse

from accounts.testing import make_people, sign_in, token_for
from core.testing import url_names
from core.tests.matrix import LOGIN, OK, ROLES
from scrutiny.api import api
from scrutiny.demo import load_demo

pytestmark = pytest.mark.django_db

NOT_OPERATIONS = {"api:openapi-json": "the OpenAPI schema itself, public like the API's documentation page"}


def rows_modules():
    """Each app's rows (`<app>/tests/permission_rows.py`), in the order the apps are installed: a later
    app's `world` may build on an earlier one's records."""
    found = []
    for app in apps.get_app_configs():
        try:
            found.append(importlib.import_module(f"{app.name}.tests.permission_rows"))
        except ModuleNotFoundError as missing:
            if missing.name not in (f"{app.name}.tests", f"{app.name}.tests.permission_rows"):
                raise
    return found


def gathered(name: str) -> dict:
    """Every app's rows of one kind (PAGES, OPERATIONS), refusing a row two apps both claim."""
    rows = {}
    for module in rows_modules():
        for key, row in getattr(module, name, {}).items():
            assert key not in rows, f"{key} has rows in two apps' permissions modules"
            rows[key] = row
    return rows


PAGES = gathered("PAGES")
OPERATIONS = gathered("OPERATIONS")
# The Django admin sees every office, so only deployment administrators may use any of it: one rule,
# checked on a sample of each kind of admin page.
ADMIN_SAMPLE = [row for module in rows_modules() for row in getattr(module, "ADMIN_SAMPLE", [])]


def make_world() -> dict:
    """The demo scenario, one person per role, and what each app's rows need."""
    world = load_demo()
    world["people"] = make_people()
    for module in rows_modules():
        if hasattr(module, "world"):
            module.world(world)
    return world


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
    if role != "anonymous":  # a token with its owner's rights gets the same outcomes
        key = token_for(world["people"][role], name="Matrix")
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
