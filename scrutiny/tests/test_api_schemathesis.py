"""Schemathesis generates requests from the OpenAPI schema for every operation and sends them, as each
role (with that role's API token) and anonymously; no request may get a server error."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from accounts.testing import make_people
from accounts.tokens import create_token
from scrutiny.demo import load_demo

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "admin", "officer", "force", "partnership", "panel", "other-office", "superuser"]
EXAMPLES = 12  # per operation and role; each run is reproducible (derandomized)


@pytest.fixture
def connection_kept():
    """Like Django's test client: the WSGI app must not close the test's database connection (and with it
    the transaction the test runs in) when a request finishes."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def schema(
    db, connection_kept
):  # loading the schema through the app passes its middleware, which reads the database
    return schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.mark.parametrize("role", ROLES)
def test_no_generated_request_gets_a_server_error(schema, role):
    load_demo()
    people = make_people()
    headers = (
        {}
        if role == "anonymous"
        else {"Authorization": f"Bearer {create_token(user=people[role], name='fuzz')[1]}"}
    )
    failures = []
    for result in schema.get_all_operations():
        check_operation(result.ok(), headers, failures)
    assert not failures, "\n".join(failures[:20])


def check_operation(operation, headers, failures):
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy())
    def call(case):
        response = case.call(headers=headers)
        if response.status_code >= 500:
            failures.append(
                f"{operation.label}: {response.status_code} for {case.path_parameters} {case.query} "
                f"{str(case.body)[:200]}"
            )

    call()
