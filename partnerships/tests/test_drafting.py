"""The response section drafted from referrals and coverage names the right areas, in England and Wales."""

from datetime import date

import pytest

from directory.models import Force
from partnerships.drafting import draft
from partnerships.testing import make_inspection, make_referrals, with_contacts

pytestmark = pytest.mark.django_db


def obligation_of(report, force_code):
    return report.obligations.get(body__force__code=force_code)


def test_the_cheshire_section_names_the_four_partnerships_and_the_jtai_areas(scenario):
    title, body = draft(obligation_of(scenario["report"], "cheshire"), scenario["officer"])
    assert title == "Safeguarding partnerships and multi-agency inspections"
    assert (
        "We sent the findings to the four safeguarding partnerships covering Cheshire: Cheshire East, "
        "Cheshire West and Chester, Halton and Warrington on 10 March 2020." in body
    )
    assert "Cheshire West and Chester: actions agreed" in body
    assert "We await the outcome from Cheshire East, Halton and Warrington." in body
    assert (
        "A joint targeted area inspection (JTAI) has been held in Cheshire West and Chester (report published "
        "November 2017) and in Halton (report published August 2019); none yet in Cheshire East or Warrington"
        in body
    )


def test_a_welsh_force_names_its_regional_boards_and_the_jicpa_areas(scenario):
    report = scenario["report"]
    south_wales = obligation_of(report, "south-wales")
    boards = with_contacts("south-wales")
    make_referrals(office=south_wales.body, report=report, partnerships=boards, sent_on=date(2020, 3, 12))
    make_inspection("W06000015", kind="jicpa", published_on=date(2020, 1, 15))
    make_inspection("W06000011", kind="jtai", published_on=date(2019, 1, 15))  # England's kind: not counted
    _, body = draft(south_wales, None)
    assert body.startswith(
        "We sent the report to the three regional safeguarding boards covering South Wales: the Cardiff and Vale "
        "of Glamorgan Regional Safeguarding Board, the Cwm Taf Morgannwg Safeguarding Board and the West "
        "Glamorgan Safeguarding Board on 12 March 2020."
    )
    assert (
        "A joint inspection of child protection arrangements (JICPA) has been held in Cardiff (report published "
        "January 2020); none yet in Bridgend, Merthyr Tydfil, Neath Port Talbot, Rhondda Cynon Taf, Swansea or "
        "Vale of Glamorgan" in body
    )


def test_a_force_with_no_referral_yet_still_gets_its_coverage(scenario):
    _, body = draft(obligation_of(scenario["report"], "gwent"), None)
    assert body.startswith("We have not yet sent the report to the safeguarding partnerships covering Gwent.")
    assert (
        "No joint inspection of child protection arrangements (JICPA) has yet been held in Blaenau Gwent"
        in body
    )
    assert Force.objects.get(code="gwent").local_authorities.count() == 5


def test_the_response_editor_inserts_the_drafted_section_for_the_officer_to_edit(scenario):
    from django.urls import reverse

    from accounts.testing import client_as

    obligation = obligation_of(scenario["report"], "cheshire")
    client = client_as(scenario["officer"])
    editor = reverse("responses:response-editor", kwargs={"pk": obligation.pk})
    client.post(editor)  # starts the response
    assert "Draft: Safeguarding partnerships and inspections" in client.get(editor).content.decode()
    client.post(reverse("responses:section-add", kwargs={"pk": obligation.pk}), {"source": "partnerships"})
    section = obligation.sections.get(title="Safeguarding partnerships and multi-agency inspections")
    assert "none yet in Cheshire East or Warrington" in section.body
