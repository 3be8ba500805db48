"""The Police and Crime Panel report of the demo: its figures are the database's, as at the quarter's end;
it opens in LibreOffice; the CLI and the page make it."""

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.testing import sign_in
from tracking import panel_documents, panel_report
from tracking.models import Action, Category
from tracking.panel_report import Quarter
from tracking.testing import load_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    return load_scenario()


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in document.paragraphs] + cells)


def figures(report) -> dict[str, int]:
    return dict(report.figures)


def test_the_figures_of_the_current_quarter_are_the_databases(demo):
    today = timezone.localdate()
    report = panel_report.build(office=demo["office"], quarter=Quarter.of(today), today=today)
    mine = Action.objects.filter(office=demo["office"])
    got = figures(report)
    assert got["Actions tracked"] == mine.count()
    assert got["Closed"] == mine.filter(category=Category.CLOSED).count() == 1
    assert got["Open"] == mine.filter(category=Category.OPEN).count()
    assert got["Done, awaiting closure"] == mine.filter(category=Category.DONE).count()
    assert got["No action needed"] == mine.filter(category=Category.NO_ACTION).count()
    assert got["Overdue"] == mine.filter(category=Category.OPEN, target_on__lt=report.as_at).count()
    text = docx_text(panel_documents.as_docx(report))
    for label, number in report.figures:
        assert f"{label}\n{number}" in text
    assert len(report.charts) == 4


def test_a_past_quarter_is_told_as_it_stood_then(demo):
    q3 = panel_report.build(office=demo["office"], quarter=Quarter(2020, 3), today=date(2026, 11, 26))
    q4 = panel_report.build(office=demo["office"], quarter=Quarter(2020, 4), today=date(2026, 11, 26))
    assert (
        figures(q3)["Closed"] == 0 and figures(q4)["Closed"] == 1
    )  # recommendation 1 closed on 1 October 2020
    assert figures(q4)["Closed this quarter"] == 1
    assert ("Recommendation 1", demo["report"].title, "Done", "Closed") in q4.changes
    assert dict(q4.closures)["2020Q4"] == 1


def test_the_overdue_list_is_capped_in_the_document_with_every_row_in_the_annex(demo, monkeypatch):
    monkeypatch.setattr(panel_report, "OVERDUE_CAP", 1)
    report = panel_report.build(
        office=demo["office"], quarter=Quarter(2026, 4), today=date(2026, 11, 26), charts=False
    )
    assert report.capped and len(report.overdue_shown) == 1
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(panel_documents.annex_xlsx(report))).active
    assert sheet.max_row == len(report.overdue) + 1


def test_libreoffice_opens_the_panel_report(demo, tmp_path):
    if shutil.which("soffice") is None:
        if os.environ.get("SCRUTINY_REQUIRE_BROWSER") == "true":
            pytest.fail("LibreOffice is not installed")
        pytest.skip("LibreOffice is not installed")
    today = timezone.localdate()
    report = panel_report.build(office=demo["office"], quarter=Quarter.of(today), today=today)
    source = tmp_path / "panel.docx"
    source.write_bytes(panel_documents.as_docx(report))
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/profile",
            "--convert-to",
            "txt:Text",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        timeout=180,
    )
    converted = tmp_path / "panel.txt"
    assert result.returncode == 0 and converted.is_file(), result.stderr
    text = converted.read_text()
    assert "Actions tracked" in text and str(figures(report)["Actions tracked"]) in text


def test_the_cli_writes_the_report(demo, tmp_path):
    out = io.StringIO()
    target = tmp_path / "panel.docx"
    call_command(
        "tracking",
        "panel-report",
        "--quarter",
        "2020Q4",
        "--office",
        "cheshire",
        "--output",
        str(target),
        stdout=out,
    )
    assert "closed 1" in out.getvalue()
    assert zipfile.is_zipfile(target)


def test_the_page_and_its_downloads(client, demo):
    from accounts.testing import make_people

    people = make_people()
    sign_in(client, people["panel"])
    page = client.get(reverse("tracking:panel-report") + "?quarter=2020Q4")
    assert page.status_code == 200 and "Closed this quarter" in page.content.decode()
    for kind, start in [("docx", b"PK"), ("pdf", b"%PDF"), ("xlsx", b"PK")]:
        response = client.get(
            reverse("tracking:panel-report-download", kwargs={"quarter": "2020Q4", "kind": kind})
        )
        assert response.status_code == 200 and response.content.startswith(start), kind
    assert client.get(reverse("tracking:panel-report") + "?quarter=2020Q9").status_code == 200


def test_the_demo_tracks_the_report_for_cheshire_with_a_mix_of_statuses_evidence_and_one_revised_date(demo):
    from tracking import demo as tracking_demo
    from tracking.models import ActionUpdate, Evidence, Publication, TargetRevision

    mine = Action.objects.filter(office=demo["office"], finding__report=demo["report"])
    assert set(mine.values_list("category", flat=True)) == {
        Category.OPEN,
        Category.DONE,
        Category.NO_ACTION,
        Category.CLOSED,
    }
    assert Evidence.objects.filter(update__action__in=mine).count() == 4
    assert TargetRevision.objects.filter(action__in=mine).count() == 1
    assert Publication.objects.filter(office=demo["office"], report=demo["report"]).exists()
    updates = ActionUpdate.objects.count()
    tracking_demo.load(demo)  # running the demo again changes nothing
    assert ActionUpdate.objects.count() == updates
