"""The office's statuses and themes, and its public tracker."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from accounts.testing import sign_in
from tracking.models import Category, Status, View
from tracking.services import ActionRefused, Change, publish, record_update, save_status
from tracking.testing import make_action, office_people, status

pytestmark = pytest.mark.django_db


@pytest.fixture
def people():
    return office_people()


def test_an_administrator_renames_and_adds_statuses_without_code(client, people):
    action = make_action()
    sign_in(client, people["admin"])
    page = client.get(reverse("tracking:statuses"))
    assert page.status_code == 200 and "Force reports complete" in page.content.decode()
    started = status(action, View.FORCE, "Not started")
    response = client.post(
        reverse("tracking:statuses"),
        {
            "do": "status",
            "status": started.pk,
            "status-view": "force",
            "status-name": "Awaiting allocation",
            "status-category": "open",
        },
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.force_status.name == "Awaiting allocation"
    client.post(
        reverse("tracking:statuses"),
        {"do": "status", "status-view": "opcc", "status-name": "Pending sign-off", "status-category": "done"},
    )
    assert Status.objects.get(office=action.office, name="Pending sign-off").category == Category.DONE


def test_a_status_in_use_keeps_its_category(people):
    action = make_action()
    used = action.force_status
    with pytest.raises(ActionRefused, match="add a new status"):
        save_status(
            office=action.office, status=used, view=View.FORCE, name=used.name, category=Category.DONE
        )


def test_the_public_tracker_shows_published_reports_without_internal_notes(people):
    action = make_action()
    record_update(
        action=action,
        change=Change(effective_on=date(2020, 5, 1), text="Internal: budget row 7"),
        user=people["officer"],
    )
    record_update(
        action=action,
        change=Change(
            effective_on=date(2020, 6, 1),
            text="Training has started.",
            view=View.OPCC,
            status=status(action, View.OPCC, "Partly assured"),
            public=True,
        ),
        user=people["officer"],
    )
    anonymous = Client()
    url = reverse("tracking:public-tracker", kwargs={"office": action.office_id})
    assert action.finding.label not in anonymous.get(url).content.decode()  # not published yet
    publish(office=action.office, report=action.finding.report, user=people["officer"], public=True)
    html = anonymous.get(url).content.decode()
    assert action.finding.label in html and "Partly assured" in html and "Training has started." in html
    assert "budget row 7" not in html
    csv = anonymous.get(
        reverse("tracking:public-tracker-csv", kwargs={"office": action.office_id})
    ).content.decode("utf-8-sig")
    assert "Training has started." in csv and "budget row 7" not in csv


def test_staff_publish_from_the_report_page(client, people):
    action = make_action()
    sign_in(client, people["officer"])
    report = action.finding.report
    assert "Put it on the public tracker" in client.get(report.get_absolute_url()).content.decode()
    client.post(reverse("tracking:publish", kwargs={"pk": report.pk}), {"public": "true"})
    assert "Take it off the public tracker" in client.get(report.get_absolute_url()).content.decode()
