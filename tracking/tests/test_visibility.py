"""A force contributor sees and changes only its own force's actions: through pages, exports and the API."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.testing import sign_in
from directory.models import LocalPolicingBody
from tracking.models import Action, ActionUpdate
from tracking.testing import make_report, office_people

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_forces():
    """An all-forces report: Cheshire's and Merseyside's offices each follow their own force's actions."""
    report = make_report(all_forces=True, findings=2)
    cheshire = office_people()
    merseyside = office_people(LocalPolicingBody.objects.filter(force__code="merseyside").current().get())
    theirs = Action.objects.get(
        finding__report=report, force__code="merseyside", finding__label="Recommendation 1"
    )
    ours = Action.objects.get(
        finding__report=report, force__code="cheshire", finding__label="Recommendation 1"
    )
    return {"report": report, "cheshire": cheshire, "merseyside": merseyside, "theirs": theirs, "ours": ours}


def test_a_force_contributor_sees_only_its_force_in_the_list_and_export(client, two_forces):
    sign_in(client, two_forces["cheshire"]["force"])
    page = client.get(reverse("tracking:action-list")).content.decode()
    assert two_forces["ours"].get_absolute_url() in page
    assert two_forces["theirs"].get_absolute_url() not in page
    csv = client.get(reverse("tracking:export", kwargs={"kind": "csv"})).content.decode("utf-8-sig")
    assert "Cheshire" in csv and "Merseyside" not in csv
    xlsx = client.get(reverse("tracking:export", kwargs={"kind": "xlsx"}))
    assert xlsx.status_code == 200


def test_a_force_contributor_cannot_open_or_update_another_forces_action(client, two_forces):
    sign_in(client, two_forces["cheshire"]["force"])
    theirs = two_forces["theirs"]
    assert client.get(theirs.get_absolute_url()).status_code == 404
    response = client.post(
        theirs.get_absolute_url(),
        {
            "do": "update",
            "text": "Done",
            "effective_on_day": "1",
            "effective_on_month": "6",
            "effective_on_year": "2020",
        },
    )
    assert response.status_code == 404
    assert not ActionUpdate.objects.filter(action=theirs).exists()


def test_a_force_contributor_cannot_read_or_change_another_forces_action_through_the_api(client, two_forces):
    sign_in(client, two_forces["cheshire"]["force"])
    theirs = two_forces["theirs"]
    listed = client.get("/api/actions?page_size=1000").json()["items"]
    assert {item["force"] for item in listed} == {"cheshire"}
    assert client.get(f"/api/actions/{theirs.pk}").status_code == 404
    response = client.post(
        f"/api/actions/{theirs.pk}/updates",
        {"effective_on": "2020-06-01", "text": "Done"},
        content_type="application/json",
    )
    assert response.status_code == 404
    export = client.get("/api/actions/export?format=csv").content.decode("utf-8-sig")
    assert "Merseyside" not in export
    assert not ActionUpdate.objects.filter(action=theirs).exists()


def test_a_force_contributor_updates_its_own_forces_action(client, two_forces):
    sign_in(client, two_forces["cheshire"]["force"])
    ours = two_forces["ours"]
    response = client.post(
        f"/api/actions/{ours.pk}/updates",
        {"effective_on": "2020-06-01", "text": "Training planned."},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    update = ActionUpdate.objects.get(action=ours)
    assert update.effective_on == date(2020, 6, 1) and update.author == two_forces["cheshire"]["force"]


def test_another_office_sees_none_of_this_offices_actions(two_forces):
    officer = two_forces["merseyside"]["officer"]
    seen = Action.objects.visible_to(officer)
    assert seen.exists() and not seen.exclude(office=officer.office).exists()


def test_the_panel_reads_the_standing_and_public_updates_but_not_internal_notes(client, two_forces):
    from tracking.services import Change, record_update

    ours, people = two_forces["ours"], two_forces["cheshire"]
    record_update(
        action=ours,
        change=Change(effective_on=date(2020, 5, 1), text="Internal: budget row 7"),
        user=people["officer"],
    )
    record_update(
        action=ours,
        change=Change(effective_on=date(2020, 6, 1), text="Training has begun.", public=True),
        user=people["officer"],
    )
    sign_in(client, people["panel"])
    html = client.get(ours.get_absolute_url()).content.decode()
    assert "Training has begun." in html and "budget row 7" not in html
    api = client.get(f"/api/actions/{ours.pk}").json()
    assert [update["text"] for update in api["updates"]] == ["Training has begun."]
