"""A report's findings, and the findings list with its filters, as CSV and Excel."""

import csv
import io
from datetime import date

import pytest
from openpyxl import load_workbook

from reports.models import Finding
from reports.testing import make_finding, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report():
    report = make_report(title="PEEL 2023–25: Cheshire Constabulary", published_on=date(2024, 4, 23))
    cause = make_finding(
        report=report,
        kind=Finding.Kind.CAUSE_OF_CONCERN,
        label="Cause of concern 1",
        text="The force does not record strip searches of children.",
    )
    make_finding(
        report=report,
        label="1",
        text='=HYPERLINK("x") Chief constables should record them.',
        parent=cause,
        addressees=["Chief constables"],
        deadline_text="By 30 September 2024",
        deadline_on=date(2024, 9, 30),
        anchors=[{"page": 4}, {"page": 9}],
    )
    make_report(title="Another report", published_on=date(2019, 1, 1))
    return report


def test_a_reports_findings_download_as_csv_and_excel(signed_in, report):
    response = signed_in.get(f"/reports/{report.pk}/findings.csv")
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="findings-peel-2023-25-cheshire-constabulary.csv"'
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:5] == ["Label", "Kind", "Heading", "Text", "Belongs to"]
    assert [row[0] for row in rows[1:]] == ["Cause of concern 1", "1"]
    child = dict(zip(rows[0], rows[2], strict=True))
    assert child["Belongs to"] == "Cause of concern 1" and child["Addressed to"] == "Chief constables"
    assert child["Deadline"] == "2024-09-30" and child["Where printed"] == "pages 4 and 9"
    assert child["Text"].startswith("'=HYPERLINK")  # a spreadsheet must not run it

    workbook = load_workbook(io.BytesIO(signed_in.get(f"/reports/{report.pk}/findings.xlsx").content))
    sheet = workbook["Findings"]
    assert sheet.max_row == 3 and sheet["A1"].value == "Label" and sheet["A3"].value == "1"
    assert sheet["H3"].value.date() == date(2024, 9, 30)
    page = signed_in.get(report.get_absolute_url()).content.decode()
    assert f"/reports/{report.pk}/findings.xlsx" in page


def test_the_findings_list_downloads_what_its_filters_show(signed_in, report):
    rows = list(csv.reader(io.StringIO(signed_in.get("/findings.csv?year=2024").content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Report", "Report published", "Label"]
    assert {row[0] for row in rows[1:]} == {"PEEL 2023–25: Cheshire Constabulary"} and len(rows) == 3
    page = signed_in.get("/findings/?year=2024").content.decode()
    assert "/findings.xlsx?year=2024" in page


def test_a_report_nobody_may_read_is_not_downloaded(client, report):
    from accounts.roles import Role
    from accounts.testing import make_user

    client.force_login(make_user(username="partner", role=Role.PARTNERSHIP_CONTRIBUTOR))
    assert client.get(f"/reports/{report.pk}/findings.csv").status_code in (403, 404)
