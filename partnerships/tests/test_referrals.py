"""Referring a report, or chosen findings, to partnerships in one step; the letter; the states."""

import smtplib
from datetime import date
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse

from accounts.testing import client_as
from core.testing import get_page
from directory.models import Force, SafeguardingPartnership
from partnerships import services
from partnerships.models import Referral
from partnerships.testing import make_referrals, with_contacts

pytestmark = pytest.mark.django_db


def form_data(form_initial: dict, **overrides) -> dict:
    data = {
        "subject": form_initial["subject"],
        "letter": form_initial["letter"],
        "sent_on_day": "10",
        "sent_on_month": "3",
        "sent_on_year": "2020",
    }
    return {**data, **overrides}


@pytest.fixture
def fresh(scenario):
    """The scenario with its demo referrals removed, to refer afresh."""
    Referral.objects.all().delete()
    mail.outbox.clear()
    return scenario


def test_every_partnership_in_the_force_area_is_one_click_then_one_send(fresh):
    client = client_as(fresh["officer"])
    url = reverse("partnerships:refer", kwargs={"pk": fresh["report"].pk})
    page = client.get(url + "?every=1")
    form = page.context["form"]
    assert {p.name for p in form.initial["partnerships"]} == {
        p.name for p in SafeguardingPartnership.objects.in_force_area(fresh["force"])
    }
    chosen = [str(p.pk) for p in form.initial["partnerships"]]
    preview = client.post(url, form_data(form.initial, partnerships=chosen, action="preview"))
    html = preview.content.decode()
    assert (
        html.count("app-letter") == 4
        and "Dear colleagues at Halton Safeguarding Children Partnership" in html
    )
    assert not Referral.objects.exists() and not mail.outbox
    sent = client.post(url, form_data(form.initial, partnerships=chosen, action="send"))
    assert sent.status_code == 302
    referrals = Referral.objects.filter(office=fresh["office"], report=fresh["report"])
    assert referrals.count() == 4 and set(referrals.values_list("state", flat=True)) == {"sent"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        referrals.values_list("sent_to", flat=True)
    )
    assert all(not referral.findings.exists() for referral in referrals)  # none chosen: the whole report
    assert "We refer the whole report to you." in mail.outbox[0].body


def test_chosen_findings_are_written_into_each_letter(fresh):
    report = fresh["report"]
    chosen = list(report.findings.filter(label__in=["Recommendation 3", "5a"]))
    (referral,) = make_referrals(
        office=fresh["office"], report=report, partnerships=with_contacts("cheshire")[:1], findings=chosen
    )
    assert referral.what == "Recommendation 3, 5a"
    assert "Recommendation 3: Chief constables should agree" in referral.letter
    assert mail.outbox[0].subject == f"{report.title}: findings for {referral.partnership.name}"


def test_a_partnership_without_an_address_stops_the_whole_referral(fresh):
    partnerships = with_contacts("cheshire")
    partnerships[0].contact_email = ""
    partnerships[0].save()
    with pytest.raises(services.ReferralRefused, match=partnerships[0].name):
        make_referrals(office=fresh["office"], report=fresh["report"], partnerships=partnerships)
    assert not Referral.objects.exists() and not mail.outbox


def test_mail_that_cannot_be_sent_records_nothing(fresh):
    with (
        mock.patch("partnerships.services.send_mail", side_effect=smtplib.SMTPException),
        pytest.raises(services.ReferralRefused, match="no referral was recorded"),
    ):
        make_referrals(office=fresh["office"], report=fresh["report"], partnerships=with_contacts("cheshire"))
    assert not Referral.objects.exists()


def test_findings_of_another_report_and_dates_before_publication_are_refused(fresh):
    with pytest.raises(services.ReferralRefused, match="before the report was published"):
        make_referrals(
            office=fresh["office"],
            report=fresh["report"],
            partnerships=with_contacts("cheshire"),
            sent_on=date(2020, 1, 1),
        )


def test_the_office_edits_its_letter_and_new_referrals_start_from_it(fresh):
    client = client_as(fresh["officer"])
    url = reverse("partnerships:referral-template")
    bad = client.post(url, {"subject": "For {partnership}", "letter": "Dear {chair}"})
    assert "Unknown placeholder(s) {chair}" in bad.content.decode()
    client.post(
        url, {"subject": "Findings for {partnership}", "letter": "To {partnership} about {authorities}"}
    )
    (referral,) = make_referrals(
        office=fresh["office"],
        report=fresh["report"],
        partnerships=[SafeguardingPartnership.objects.get(name__startswith="Halton")]
        and with_contacts("cheshire")[2:3],
    )
    assert referral.letter == "To Halton Safeguarding Children Partnership about Halton"
    assert referral.subject == "Findings for Halton Safeguarding Children Partnership"
    client.post(url, {"action": "reset"})
    assert "{findings}" in services.template_for(fresh["office"]).letter


def test_a_placeholder_is_filled_never_evaluated(fresh):
    assert services.fill("{report.__class__} {report}", {"report": "R"}) == "{report.__class__} R"


def test_the_states_move_forward_and_the_office_closes_and_reopens(scenario):
    referral = Referral.objects.get(partnership__name__startswith="Warrington")
    officer = scenario["officer"]
    services.record_discussed(referral=referral, on=date(2020, 4, 2), user=officer)
    services.record_acknowledged(referral=referral, on=date(2020, 3, 20), user=officer)
    assert referral.state == "discussed"  # a late acknowledgement does not move it back
    services.record_outcome(
        referral=referral, outcome="noted", text="Noted at the board.", on=date(2020, 4, 3), user=officer
    )
    services.record_followed_up(referral=referral, on=date(2020, 5, 1), user=officer)
    assert referral.state == "follow-up"
    services.close(referral=referral, user=officer)
    with pytest.raises(services.ReferralRefused, match="closed"):
        services.record_discussed(referral=referral, on=date(2020, 5, 2), user=officer)
    services.reopen(referral=referral, user=officer)
    assert referral.state == "outcome"
    with pytest.raises(services.ReferralRefused, match="before the referral was sent"):
        services.record_acknowledged(referral=referral, on=date(2020, 3, 1), user=officer)


def test_the_referral_page_records_each_step(scenario):
    client = client_as(scenario["officer"])
    referral = Referral.objects.get(partnership__name__startswith="Cheshire East")
    url = referral.get_absolute_url()
    get_page(client, url)
    client.post(
        url,
        {
            "action": "acknowledged",
            "acknowledged-on_day": "1",
            "acknowledged-on_month": "4",
            "acknowledged-on_year": "2020",
        },
    )
    client.post(
        url,
        {
            "action": "discussed",
            "discussed-on_day": "9",
            "discussed-on_month": "4",
            "discussed-on_year": "2020",
        },
    )
    empty = client.post(url, {"action": "outcome", "outcome-outcome": "declined"})
    assert "Enter the partnership" in empty.content.decode()
    client.post(
        url,
        {
            "action": "outcome",
            "outcome-outcome": "declined",
            "outcome-text": "The board will take this up after its own review.",
            "outcome-on_day": "9",
            "outcome-on_month": "4",
            "outcome-on_year": "2020",
        },
    )
    referral.refresh_from_db()
    assert (referral.state, referral.outcome, referral.discussed_on) == (
        "outcome",
        "declined",
        date(2020, 4, 9),
    )
    assert referral.outcome_by == scenario["officer"]


def test_the_demo_holds_the_scenarios_four_referrals_at_their_stages(scenario):
    states = dict(
        Referral.objects.filter(office=scenario["office"]).values_list("partnership__name", "state")
    )
    assert states == {
        "Cheshire East Safeguarding Children Partnership": "sent",
        "Cheshire West and Chester Safeguarding Children Partnership": "outcome",
        "Halton Safeguarding Children Partnership": "discussed",
        "Warrington Safeguarding Children Partnership": "acknowledged",
    }
    assert Force.objects.get(code="cheshire").local_authorities.count() == 4


def test_the_report_page_offers_the_one_click_referral(scenario):
    html = get_page(client_as(scenario["officer"]), scenario["report"].get_absolute_url())
    assert "Refer to every partnership in Cheshire" in html
    assert reverse("partnerships:refer", kwargs={"pk": scenario["report"].pk}) + "?every=1" in html


def test_the_export_survives_control_characters_pasted_from_word(scenario):
    import io

    from openpyxl import load_workbook

    referral = Referral.objects.get(partnership__name__startswith="Halton")
    words = "Agreed.\x0bA second line\x07 with a bell."
    services.record_outcome(referral=referral, outcome="noted", text=words, on=date(2020, 4, 3), user=None)
    response = client_as(scenario["officer"]).get(reverse("partnerships:referrals-export"))
    rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    halton = next(row for row in rows if row[2].startswith("Halton"))
    assert halton[9] == "Agreed.\nA second line with a bell." and halton[8] == "Noted"
