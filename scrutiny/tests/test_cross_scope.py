"""Nobody reaches what is outside their scope: not another force's reports for a force contributor, not
another office's responses for anyone, whether by list, search, export, the API or a guessed id."""

import re

import pytest
from django.test import Client

from accounts.testing import client_as, make_people
from directory.models import Force, ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from scrutiny.demo import load_demo

pytestmark = pytest.mark.django_db

SECRET = "Merseyside custody suites"


@pytest.fixture
def world():
    demo = load_demo()
    merseyside_only = create_report(
        title=f"An inspection of {SECRET}",
        report_type=ReportType.objects.get(code="custody"),
        published_on=demo["report"].published_on,
        inspectorates=[],
        forces=[Force.objects.get(code="merseyside")],
        findings=[
            FindingInput(Finding.Kind.RECOMMENDATION, "Recommendation 1", f"Review {SECRET} staffing.")
        ],
    )
    cheshire = demo["report"].obligations.get(body=demo["office"])
    return {"people": make_people(), "theirs": merseyside_only, "cheshire": cheshire}


def test_a_force_contributor_cannot_list_search_read_or_change_another_forces_reports(world):
    client, report = client_as(world["people"]["force"]), world["theirs"]
    finding = report.findings.get()
    for url in [
        "/",
        "/reports/",
        f"/reports/?q={SECRET}",
        "/reports/?force=merseyside",
        "/findings/",
        f"/findings/?q={SECRET}",
        "/forces/merseyside/",
        "/api/reports",
        f"/api/reports?q={SECRET}",
        "/api/findings",
        f"/api/findings?q={SECRET}",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.content.decode()  # the search box repeats the words searched for, so look for
        assert report.title not in page and finding.text not in page, f"{url} shows another force's report"
    for url in [
        f"/reports/{report.pk}/",
        f"/api/reports/{report.pk}",
        f"/api/reports/{report.pk}/findings",
        f"/api/reports/{report.pk}/intake",
    ]:
        assert client.get(url).status_code == 404, url
    for url in [
        f"/reports/{report.pk}/edit/",
        f"/findings/{finding.pk}/edit/",
        f"/reports/{report.pk}/review/",
    ]:
        assert client.post(url, {"title": "Changed"}).status_code == 403, url
    report.refresh_from_db()
    assert report.title == f"An inspection of {SECRET}"


def test_a_force_contributor_reads_the_reports_that_concern_its_force(world):
    client = client_as(world["people"]["force"])
    cheshire_report = world["cheshire"].report  # all forces
    assert client.get(f"/reports/{cheshire_report.pk}/").status_code == 200
    titles = [report["title"] for report in client.get("/api/reports").json()["items"]]
    assert cheshire_report.title in titles and f"An inspection of {SECRET}" not in titles


def test_no_one_reaches_another_offices_response_by_guessing_ids(world):
    merseyside = client_as(world["people"]["other-office"])
    obligation = world["cheshire"]
    section = obligation.sections.filter(kind="free").first()
    for url in [
        f"/obligations/{obligation.pk}/",
        f"/obligations/{obligation.pk}/response/",
        f"/obligations/{obligation.pk}/response.pdf",
        f"/obligations/{obligation.pk}/response.docx",
        f"/obligations/{obligation.pk}/comments/",
        f"/obligations/{obligation.pk}/comments/links/",
    ]:
        assert merseyside.get(url).status_code == 404, url
    assert merseyside.post(f"/sections/{section.pk}/", {"body": "Overwritten"}).status_code == 404
    assert merseyside.post(f"/obligations/{obligation.pk}/approve/").status_code == 404
    section.refresh_from_db()
    assert section.body != "Overwritten"
    deadlines = merseyside.get("/deadlines/").content.decode()
    assert "Police and Crime Commissioner for Cheshire" not in deadlines


def test_the_published_response_is_public_but_its_drafting_record_is_not(world):
    obligation, anonymous = world["cheshire"], Client()
    assert anonymous.get(f"/published/{obligation.pk}/").status_code == 200
    assert anonymous.get(f"/obligations/{obligation.pk}/").status_code == 302
    panel = client_as(world["people"]["panel"])
    assert panel.get(f"/published/{obligation.pk}/").status_code == 200
    assert panel.get(f"/obligations/{obligation.pk}/").status_code == 403
    assert panel.get(f"/obligations/{obligation.pk}/response.docx").status_code == 403


def test_a_partnership_contributor_sees_no_reports_until_referrals_exist(world):
    client = client_as(world["people"]["partnership"])
    assert client.get("/api/reports").json()["count"] == 0
    assert client.get("/reports/").status_code == 403
    # The home page names a report only as what was referred to the partnership (the demo sent the
    # Cheshire report to Warrington), never any other.
    home = client.get("/").content.decode()
    assert world["theirs"].title not in home and "Latest reports" not in home
    assert re.search(rf'href="/referrals/\d+/">{re.escape(world["cheshire"].report.title)}</a>', home)
