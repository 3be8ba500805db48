"""The partnerships' pages: a force area's list, one partnership with its partners, and the details and
meeting dates the office's administrators keep."""

from datetime import date

import pytest
from django.urls import reverse

from accounts.testing import client_as, make_user
from core.testing import get_page
from directory.models import SafeguardingPartnership

pytestmark = pytest.mark.django_db


def test_the_list_shows_the_force_areas_partnerships(scenario):
    client = client_as(scenario["officer"])
    html = get_page(client, reverse("partnerships:partnership-list"))
    assert html.count("Safeguarding Children Partnership</a>") == 4
    wales = get_page(client, reverse("partnerships:partnership-list") + "?force=north-wales")
    assert "North Wales Safeguarding Board" in wales and "Regional safeguarding board (Wales)" in wales


def test_a_partnership_shows_its_three_partners_and_inspections(scenario):
    halton = SafeguardingPartnership.objects.get(name__startswith="Halton")
    html = get_page(client_as(scenario["officer"]), halton.get_absolute_url())
    assert "NHS Cheshire and Merseyside Integrated Care Board" in html
    assert "Chief officer of police: Cheshire Constabulary" in html
    assert "23 August 2019" in html


def test_a_regional_board_lists_its_authorities_and_forces(scenario):
    board = SafeguardingPartnership.objects.get(name="Mid and West Wales Safeguarding Board")
    html = get_page(client_as(scenario["officer"]), board.get_absolute_url())
    for name in ("Carmarthenshire", "Ceredigion", "Pembrokeshire", "Powys", "Dyfed-Powys Police"):
        assert name in html


def test_administrators_keep_the_contact_links_and_meetings(scenario):
    admin = make_user(username="admin", role="opcc-admin", office=scenario["office"])
    client = client_as(admin)
    halton = SafeguardingPartnership.objects.get(name__startswith="Halton")
    url = reverse("partnerships:partnership-edit", kwargs={"pk": halton.pk})
    get_page(client, url)
    client.post(
        url,
        {
            "action": "details",
            "contact_name": "Business unit",
            "contact_email": "unit@halton.example.org",
            "health_partner": halton.health_partner,
            "arrangements_url": "https://halton.example.org/arrangements",
            "yearly_report_url": "",
        },
    )
    meeting = {"action": "meeting", "held_on_day": "2", "held_on_month": "4", "held_on_year": "2020"}
    client.post(url, meeting)
    again = client.post(url, meeting)
    assert "A meeting on that day is already recorded" in again.content.decode()
    halton.refresh_from_db()
    assert halton.contact_email == "unit@halton.example.org"
    assert [m.held_on for m in halton.meetings.all()] == [date(2020, 4, 2)]
    assert client_as(scenario["officer"]).get(url).status_code == 403


def halton_details(**changes) -> dict:
    halton = SafeguardingPartnership.objects.get(name__startswith="Halton")
    return {
        "action": "details",
        "contact_name": halton.contact_name,
        "contact_email": halton.contact_email,
        "health_partner": halton.health_partner,
        "arrangements_url": halton.arrangements_url,
        "yearly_report_url": halton.yearly_report_url,
        **changes,
    }


def test_another_offices_administrator_cannot_change_a_partnership_outside_its_force_area(scenario):
    from directory.models import LocalPolicingBody

    merseyside = LocalPolicingBody.objects.filter(force__code="merseyside").current().get()
    outsider = client_as(make_user(username="mersey-admin", role="opcc-admin", office=merseyside))
    halton = SafeguardingPartnership.objects.get(name__startswith="Halton")
    url = reverse("partnerships:partnership-edit", kwargs={"pk": halton.pk})
    before = halton.contact_email
    assert outsider.get(url).status_code == 403
    assert outsider.post(url, halton_details(contact_email="attacker@example.org")).status_code == 403
    halton.refresh_from_db()
    assert halton.contact_email == before
    assert (
        "Change the contact, links and meetings"
        not in outsider.get(halton.get_absolute_url()).content.decode()
    )


def test_a_changed_referral_address_is_audited_and_the_previous_address_told(scenario, mailoutbox):
    from auditlog.models import LogEntry

    halton = SafeguardingPartnership.objects.get(name__startswith="Halton")
    halton.contact_email = "old@halton.example.org"
    halton.save()
    admin = make_user(username="admin", role="opcc-admin", office=scenario["office"])
    url = reverse("partnerships:partnership-edit", kwargs={"pk": halton.pk})
    client_as(admin).post(url, halton_details(contact_email="new@halton.example.org"))
    halton.refresh_from_db()
    assert halton.contact_email == "new@halton.example.org"
    told = [mail for mail in mailoutbox if mail.to == ["old@halton.example.org"]]
    assert len(told) == 1 and "new@halton.example.org" in told[0].body
    change = LogEntry.objects.get_for_object(halton).filter(actor=admin).latest("timestamp")
    assert "contact_email" in change.changes_dict


def test_the_force_page_summarises_its_coverage(scenario):
    html = get_page(
        client_as(scenario["officer"]), reverse("directory:force-detail", kwargs={"code": "cheshire"})
    )
    assert "JTAI held in 2 of 4 local authority areas; none yet in Cheshire East, Warrington." in html


def test_the_api_gives_partnerships_the_matrix_and_inspections(scenario):
    client = client_as(scenario["officer"])
    partnerships = client.get("/api/partnerships?force=south-wales").json()
    assert len(partnerships) == 3 and all(item["police_forces"] == ["south-wales"] for item in partnerships)
    matrix = client.get("/api/coverage?force=cheshire&on=2020-04-17").json()
    gaps = {row["name"] for row in matrix["rows"] if row["cells"][0]["gap"]}
    assert gaps == {"Cheshire East", "Warrington"}
    inspections = client.get("/api/coverage/inspections?local_authority=E06000006").json()["items"]
    assert [item["published_on"] for item in inspections] == ["2019-08-23"]
    added = client.post(
        "/api/coverage/inspections",
        {
            "local_authority": "E06000007",
            "kind": "jtai",
            "published_on": "2021-03-05",
            "inspectorates": ["ofsted"],
        },
        content_type="application/json",
    )
    assert added.status_code == 201
    twice = client.post(
        "/api/coverage/inspections",
        {"local_authority": "E06000007", "kind": "jtai", "published_on": "2021-03-05"},
        content_type="application/json",
    )
    assert twice.status_code == 422 and "already recorded" in twice.json()["detail"]
