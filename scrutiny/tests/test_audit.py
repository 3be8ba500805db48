"""The audit trail: who changed what, when, before and after; read by administrators, office by office."""

import csv
import io

import pytest
from auditlog.models import LogEntry

from accounts.models import Role
from accounts.testing import client_as, make_people, make_user
from reports.testing import make_finding

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return make_people()


def test_a_change_through_a_page_is_recorded_with_who_and_before_and_after(people):
    finding = make_finding(text="Chief constables should check cells hourly.")
    officer = client_as(people["officer"])
    response = officer.post(
        f"/findings/{finding.pk}/edit/",
        {
            "kind": finding.kind,
            "label": finding.label,
            "text": "Chief constables should check cells every 30 minutes.",
        },
    )
    assert response.status_code == 302
    entry = LogEntry.objects.get_for_object(finding).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == people["officer"]
    assert entry.changes_dict["text"] == [
        "Chief constables should check cells hourly.",
        "Chief constables should check cells every 30 minutes.",
    ]

    page = client_as(people["admin"]).get("/audit/?action=1").content.decode()
    assert "opcc-officer" in page and "every 30 minutes" in page


def test_deletes_are_recorded_and_passwords_never_are(people):
    finding = make_finding()
    client_as(people["officer"]).post(f"/findings/{finding.pk}/delete/")
    assert LogEntry.objects.filter(action=LogEntry.Action.DELETE, object_pk=str(finding.pk)).exists()
    person = make_user(username="new-person")
    person.set_password("another long password here")
    person.save()
    assert all(
        "password" not in (entry.changes_dict or {}) for entry in LogEntry.objects.get_for_object(person)
    )


def test_the_export_has_a_row_per_changed_field_and_quotes_formulas(people):
    finding = make_finding(text="A finding.")
    client_as(people["officer"]).post(
        f"/findings/{finding.pk}/edit/", {"kind": finding.kind, "label": "=HYPERLINK(1)", "text": "Changed."}
    )
    content = client_as(people["admin"]).get("/audit.csv?model=reports.finding&action=1").content.decode()
    rows = list(csv.DictReader(io.StringIO(content)))
    changed = {row["field"]: row for row in rows}
    assert changed["text"]["before"] == "A finding." and changed["text"]["after"] == "Changed."
    assert changed["label"]["after"] == "'=HYPERLINK(1)" and changed["text"]["who"] == "opcc-officer"


def test_an_office_administrator_reads_only_what_their_office_did(people):
    finding = make_finding()
    client_as(people["other-office"]).post(f"/findings/{finding.pk}/delete/")
    cheshire_admin = client_as(people["admin"]).get("/audit/").content.decode()
    assert "merseyside-officer" not in cheshire_admin
    merseyside_admin = make_user(
        username="merseyside-admin", role=Role.OPCC_ADMIN, office=people["other-office"].office
    )
    assert "merseyside-officer" in client_as(merseyside_admin).get("/audit/").content.decode()
    assert (
        "merseyside-officer"
        in client_as(people["superuser"]).get("/audit/?person=merseyside-officer").content.decode()
    )


def test_many_to_many_changes_are_shown(people):
    from directory.models import Force
    from reports.testing import make_report

    report = make_report()
    report.forces.add(Force.objects.get(code="merseyside"))
    response = client_as(people["superuser"]).get("/audit.csv?model=reports.report")
    assert response.status_code == 200 and "add: " in response.content.decode()
