"""A report's findings addressed to other bodies open no force actions unless an officer chooses them."""

from datetime import date

import pytest

from accounts.testing import sign_in
from core.testing import get_page
from directory.models import Force, ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from tracking.models import Action
from tracking.services import Change, record_update
from tracking.testing import cheshire, office_people

pytestmark = pytest.mark.django_db


def addressed(*names_per_finding, force="cheshire"):
    return create_report(
        title="A joint review",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2020, 2, 27),
        inspectorates=[],
        forces=[Force.objects.get(code=force)],
        findings=[
            FindingInput(
                kind=Finding.Kind.RECOMMENDATION,
                label=f"Recommendation {n}",
                text=f"Those named should act on matter number {n} of this review.",
                addressees=list(names),
            )
            for n, names in enumerate(names_per_finding, start=1)
        ],
    )


def tracked(report) -> set[str]:
    return set(Action.objects.filter(finding__report=report).values_list("finding__label", flat=True))


def test_findings_addressed_only_to_other_bodies_open_no_force_actions():
    report = addressed(
        ["NHS England"],
        ["Chief constables"],
        [],
        ["Cheshire Constabulary", "the council"],
        ["National Police Chiefs' Council lead for child protection", "College of Policing"],
        ["The commissioner"],
    )
    assert tracked(report) == {"Recommendation 2", "Recommendation 3", "Recommendation 4", "Recommendation 6"}


def test_an_officer_chooses_another_bodys_finding_and_sets_one_aside_keeping_what_was_written(client):
    report = addressed(["NHS England"], ["Chief constables"], ["The commissioner"])
    people = office_people()
    written = Action.objects.get(finding__report=report, finding__label="Recommendation 3")
    record_update(
        action=written, change=Change(effective_on=date(2020, 4, 1), text="Begun."), user=people["officer"]
    )
    sign_in(client, people["officer"])
    url = f"/reports/{report.pk}/actions/open/"
    page = get_page(client, url)
    assert "Recommendation 1: to NHS England (not the force)" in page
    assert page.count(" checked") == 2  # as followed now: the two addressed to the force
    nhs, chiefs, commissioner = report.findings.order_by("position")
    response = client.post(url, {"findings": [str(nhs.pk)]}, follow=True)
    assert tracked(report) == {"Recommendation 1", "Recommendation 3"}  # 2 set aside; 3 was written about
    said = response.content.decode()
    assert (
        "1 action opened, 1 set aside" in said
        and "Kept, because someone has written about them: Recommendation 3" in said
    )


def test_a_report_not_about_the_offices_force_offers_nothing_to_choose(client):
    report = addressed(["Chief constables"], force="kent")
    people = office_people(cheshire())
    sign_in(client, people["officer"])
    page = get_page(client, f"/reports/{report.pk}/actions/open/")
    assert "does not concern Cheshire" in page and 'name="findings"' not in page
    client.post(f"/reports/{report.pk}/actions/open/", {"findings": [str(report.findings.get().pk)]})
    assert not Action.objects.filter(finding__report=report, office=people["officer"].office).exists()
