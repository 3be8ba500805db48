"""The API over real HTTP, against a running server (the test client skips CSRF checks, a server does not):
a token writes without a CSRF token; a session must bring one."""

import json
import urllib.error
import urllib.request

import pytest

from accounts.testing import make_people
from accounts.tokens import create_token

pytestmark = pytest.mark.django_db(transaction=True)

REPORT = {
    "title": "A thematic inspection sent by a script",
    "report_type": "national-thematic",
    "published_on": "2025-03-03",
    "inspectorates": ["hmicfrs"],
    "all_forces": True,
    "findings": [
        {"kind": "recommendation", "label": "Recommendation 1", "text": "Chief constables should act."}
    ],
}


def post(url: str, body: dict, headers: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json", **headers}
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_a_token_writes_through_a_running_server_without_a_csrf_token(live_server):
    people = make_people()
    key = create_token(user=people["officer"], name="Scripted uploads")[1]
    status, body = post(f"{live_server.url}/api/reports", REPORT, {"Authorization": f"Bearer {key}"})
    assert status == 201, body
    assert body["title"] == REPORT["title"] and body["findings"][0]["label"] == "Recommendation 1"


def test_a_token_of_a_role_that_may_not_write_is_refused(live_server):
    people = make_people()
    key = create_token(user=people["panel"], name="Reading only")[1]
    status, body = post(f"{live_server.url}/api/reports", REPORT, {"Authorization": f"Bearer {key}"})
    assert status == 403


def test_a_session_without_its_csrf_token_is_refused(live_server):
    from django.test import Client

    people = make_people()
    client = Client()
    client.force_login(people["officer"])
    cookie = client.cookies["sessionid"].value
    status, body = post(f"{live_server.url}/api/reports", REPORT, {"Cookie": f"sessionid={cookie}"})
    assert status == 403 and "CSRF" in body["detail"]
