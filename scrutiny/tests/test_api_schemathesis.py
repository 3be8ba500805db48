"""Schemathesis generates requests from the OpenAPI schema for every operation (the schema's examples
first, then generated values) and sends them over HTTP to a running server, as each role (with that role's
API token) and anonymously. No request may get a server error, and the writes must really happen: every
role that may write records something through the API. In the examples phase, path parameters that name a
record (an action) name one that exists, so the write operations on one record are exercised too, not
only answered 404.

Generation is derandomized and never depends on the answers, so every role is sent the same cases: they
are generated once per test process and sent as each role in turn (generating them again for each role
was most of this test's time)."""

import copy
import functools

import pytest
import schemathesis
from django.db import connection
from hypothesis import HealthCheck, given, settings
from schemathesis.core import NOT_SET
from schemathesis.generation.meta import TestPhase

from accounts.testing import make_people
from accounts.tokens import create_token
from scrutiny.demo import load_demo

pytestmark = pytest.mark.django_db(transaction=True)

WRITERS = ["admin", "officer", "other-office", "superuser", "force"]  # a force contributor: its actions
READERS = ["anonymous", "partnership", "panel"]
UPDATE, TARGET = "POST /api/actions/{action_id}/updates", "POST /api/actions/{action_id}/target"
TRACKING_WRITES = {"admin": {UPDATE, TARGET}, "officer": {UPDATE, TARGET}, "force": {UPDATE}}
EXAMPLES = 12  # generated cases per operation and role; each run is reproducible (derandomized)
# On PostgreSQL (the second pass, for what can depend on the database) the schema's examples and every
# record-naming case are sent as on SQLite, with fewer generated values: input checks answer before the
# database is reached, and the first pass sends them all.
EXAMPLES_AGAIN = 4


# Two classes, so that pytest-xdist (grouping by module, or by class where there is one) can send the
# writers and the readers to different workers: one worker sending every role's cases in turn was the
# longest stretch of the suite.
class TestWriters:
    @pytest.mark.parametrize("role", WRITERS)
    def test_no_request_gets_a_server_error_and_writers_write(self, live_server, role, record_property):
        fuzz(live_server, role, record_property)


class TestReaders:
    @pytest.mark.parametrize("role", READERS)
    def test_no_request_gets_a_server_error_and_readers_do_not_write(
        self, live_server, role, record_property
    ):
        fuzz(live_server, role, record_property)


def fuzz(live_server, role: str, record_property) -> None:
    load_demo()
    people = make_people()
    headers = (
        {}
        if role == "anonymous"
        else {"Authorization": f"Bearer {create_token(user=people[role], name='fuzz')[1]}"}
    )
    known = known_records(people.get(role))
    failures, writes = [], []
    for operation in operations(live_server.url):
        for case in example_cases(operation, known):
            check(
                operation,
                case,
                case.call(base_url=live_server.url, headers=headers, timeout=60),
                failures,
                writes,
            )
        fuzzing = EXAMPLES if connection.vendor == "sqlite" else EXAMPLES_AGAIN
        for phase, examples in [(TestPhase.EXAMPLES, 3), (TestPhase.FUZZING, fuzzing)]:
            for parts in generated(operation, phase, examples):
                case = operation.Case(**fresh(parts))  # a case of its own: sending one changes it
                if phase == TestPhase.EXAMPLES:
                    for name in case.path_parameters:
                        if name in known:
                            case.path_parameters[name] = known[name]
                response = case.call(base_url=live_server.url, headers=headers, timeout=60)
                check(operation, case, response, failures, writes)
    assert not failures, "\n".join(failures[:20])
    record_property("figure", f"schemathesis as {role}: {len(writes)} writes succeeded {sorted(set(writes))}")
    if role in WRITERS:
        assert writes, f"{role} may write but no generated write succeeded"
        missing = TRACKING_WRITES.get(role, set()) - set(writes)
        assert not missing, f"{role} may make these tracking writes but none succeeded: {sorted(missing)}"
    else:
        assert not writes, f"{role} may not write but wrote: {writes}"


def known_records(user) -> dict:
    """Path parameters that name a record the caller sees (any record, for the anonymous caller)."""
    from tracking.models import Action

    actions = Action.objects.order_by("pk")
    action = (actions.visible_to(user) if user is not None else actions).first() or actions.first()
    return {"action_id": action.pk}


def example_cases(operation, known):
    """A case for each request body the schema gives as an example (a media type's `example`, an inline
    schema's `examples`), on a record the caller sees: sent as written, not left to chance."""
    names = [parameter.name for parameter in operation.path_parameters]
    if any(name not in known for name in names):
        return
    for body in operation.body:
        definition = body.definition
        values = [definition["example"]] if "example" in definition else []
        values += definition.get("schema", {}).get("examples", [])
        for value in values:
            yield operation.Case(
                body=value, media_type=body.media_type, path_parameters={name: known[name] for name in names}
            )


def check(operation, case, response, failures, writes):
    if response.status_code >= 500:
        failures.append(
            f"{operation.label}: {response.status_code} for {case.path_parameters} {case.query} "
            f"{str(case.body)[:200]}"
        )
    elif case.method != "GET" and response.status_code < 300:
        writes.append(operation.label)


@functools.cache
def operations(base_url: str) -> list:
    """The API's operations, from the schema the running server publishes (one server per test process)."""
    schema = schemathesis.openapi.from_url(f"{base_url}/api/openapi.json")
    return [result.ok() for result in schema.get_all_operations()]


GENERATED: dict[tuple[str, TestPhase, int], list[dict]] = {}


def generated(operation, phase, examples) -> list[dict]:
    """What Hypothesis generates for one operation in one phase, as the parts of each case."""
    key = (operation.label, phase, examples)
    if key in GENERATED:
        return GENERATED[key]
    found = []

    @settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(phase=phase))
    def collect(case):
        found.append(
            {
                "method": case.method,
                "path_parameters": dict(case.path_parameters or {}),
                "headers": dict(case.headers or {}),
                "cookies": dict(case.cookies or {}),
                "query": dict(case.query or {}),
                "body": case.body,
                "media_type": case.media_type,
            }
        )

    collect()
    GENERATED[key] = found
    return found


def fresh(parts: dict) -> dict:
    """A deep copy of a case's parts; an absent body stays schemathesis's one NOT_SET."""
    return {name: value if value is NOT_SET else copy.deepcopy(value) for name, value in parts.items()}
