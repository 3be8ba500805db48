"""Partnership contributors see only the referrals their office sent to their partnership, in pages,
exports and the API, and guessed ids find nothing; they record the outcome themselves."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.testing import client_as, make_people
from accounts.tokens import create_token
from core.testing import get_page
from directory.models import SafeguardingPartnership
from partnerships.models import Referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(scenario):
    return make_people()  # the partnership contributor works for Warrington's partnership, in Cheshire


@pytest.fixture
def referrals(scenario):
    return {
        referral.partnership.name.split(" Safeguarding")[0]: referral for referral in scenario["referrals"]
    }


def api(person):
    from django.test import Client

    return Client(HTTP_AUTHORIZATION=f"Bearer {create_token(user=person, name='test')[1]}")


def test_the_list_and_export_hold_only_their_partnerships_referrals(people, referrals):
    client = client_as(people["partnership"])
    html = get_page(client, reverse("partnerships:referral-list"))
    assert "Referrals to Warrington Safeguarding Children Partnership" in html
    assert referrals["Warrington"].get_absolute_url() in html
    for name in ("Halton", "Cheshire East", "Cheshire West and Chester"):
        assert referrals[name].get_absolute_url() not in html
    workbook = load_workbook(io.BytesIO(client.get(reverse("partnerships:referrals-export")).content))
    rows = list(workbook.active.values)
    assert [row[2] for row in rows[1:]] == ["Warrington Safeguarding Children Partnership"]


def test_guessed_ids_find_nothing_on_pages_or_the_api(people, referrals):
    client, token = client_as(people["partnership"]), api(people["partnership"])
    for name in ("Halton", "Cheshire East"):
        referral = referrals[name]
        assert client.get(referral.get_absolute_url()).status_code == 404
        assert client.post(referral.get_absolute_url(), {"action": "acknowledged"}).status_code == 404
        assert token.get(f"/api/referrals/{referral.pk}").status_code == 404
        outcome = {"outcome": "noted", "text": "Not ours.", "on": "2020-04-01"}
        answer = token.post(f"/api/referrals/{referral.pk}/outcome", outcome, content_type="application/json")
        assert answer.status_code == 404
    listed = token.get("/api/referrals").json()["items"]
    assert [item["partnership_id"] for item in listed] == [referrals["Warrington"].partnership_id]


def test_another_office_sees_none_of_them(people, referrals):
    other = people["other-office"]
    assert client_as(other).get(referrals["Warrington"].get_absolute_url()).status_code == 404
    assert api(other).get("/api/referrals").json()["items"] == []
    assert Referral.objects.visible_to(other).count() == 0


def test_referrals_from_another_office_to_the_same_partnership_stay_hidden(people, referrals, scenario):
    merseyside = people["other-office"].office
    warrington = SafeguardingPartnership.objects.get(name__startswith="Warrington")
    # Referring outside one's own force area is refused now; a referral recorded before that rule (or a
    # partnership that spans two force areas) must still stay with the office that sent it.
    theirs = Referral.objects.create(
        office=merseyside,
        report=scenario["report"],
        partnership=warrington,
        sent_to="warrington@example.org",
        subject="A report for you",
        letter="Please consider it.",
        sent_on=date(2020, 3, 10),
    )
    assert client_as(people["partnership"]).get(theirs.get_absolute_url()).status_code == 404


def test_the_contributor_records_the_outcome_but_not_the_offices_steps(people, referrals):
    client = client_as(people["partnership"])
    referral = referrals["Warrington"]
    url = referral.get_absolute_url()
    html = get_page(client, url)
    assert "Record the outcome" in html and "Close the referral" not in html and "Follow-up date" not in html
    assert client.post(url, {"action": "close"}).status_code == 404
    client.post(
        url,
        {
            "action": "outcome",
            "outcome-outcome": "actions-agreed",
            "outcome-text": "Agreed a joint audit of out-of-hours strategy discussions.",
            "outcome-on_day": "21",
            "outcome-on_month": "4",
            "outcome-on_year": "2020",
        },
    )
    referral.refresh_from_db()
    assert referral.outcome == "actions-agreed" and referral.outcome_by == people["partnership"]
    answer = api(people["partnership"]).post(
        f"/api/referrals/{referral.pk}/outcome",
        {"outcome": "noted", "text": "Noted, on reflection.", "on": "2020-04-22"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["outcome"] == "noted"


def test_contributors_cannot_refer_or_read_reports_force_contributors_see_no_referrals(people, scenario):
    contributor = client_as(people["partnership"])
    refer = reverse("partnerships:refer", kwargs={"pk": scenario["report"].pk})
    assert contributor.get(refer).status_code == 403
    assert contributor.get(scenario["report"].get_absolute_url()).status_code == 403
    assert client_as(people["force"]).get(reverse("partnerships:referral-list")).status_code == 403
    assert api(people["force"]).get("/api/referrals").status_code == 403
    assert (
        api(people["partnership"]).post("/api/referrals", {}, content_type="application/json").status_code
        == 403
    )


def test_the_api_refers_to_every_partnership_in_one_call(people, scenario):
    Referral.objects.all().delete()
    answer = api(people["officer"]).post(
        "/api/referrals",
        {"report_id": scenario["report"].pk, "every_partnership": True, "sent_on": "2020-03-10"},
        content_type="application/json",
    )
    assert answer.status_code == 201 and len(answer.json()) == 4
    assert Referral.objects.filter(office=scenario["office"], sent_on=date(2020, 3, 10)).count() == 4


def test_the_api_refuses_a_partnership_outside_the_offices_force_area_as_the_page_does(people, scenario):
    Referral.objects.all().delete()
    elsewhere = SafeguardingPartnership.objects.exclude(
        pk__in=SafeguardingPartnership.objects.in_force_area(scenario["office"].force)
    ).first()
    elsewhere.contact_email = "partnership@example.org"
    elsewhere.save()
    answer = api(people["officer"]).post(
        "/api/referrals",
        {"report_id": scenario["report"].pk, "partnerships": [elsewhere.pk], "sent_on": "2020-03-10"},
        content_type="application/json",
    )
    assert answer.status_code == 422
    assert f"{elsewhere.name} is not in Cheshire's force area" in answer.json()["detail"]
    assert not Referral.objects.exists()
