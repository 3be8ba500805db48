"""The same report in two formats (its web page and its PDF) is one report with both files, matched by
title, publication date and findings rather than by the file's hash alone."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import get_page
from documents.uploads import file_hash
from reports.extraction.scoring import CORPUS
from reports.models import Report, SourceDocument
from reports.services import ingest_file, stored_with_file, titles_agree

pytestmark = pytest.mark.django_db

PDF = CORPUS / "peel-lincolnshire.pdf"
HTML = CORPUS / "src" / "peel-lincolnshire.html"  # the page the PDF was printed from


def test_the_web_page_of_a_stored_pdf_becomes_another_source_of_the_same_report():
    first = ingest_file(PDF)
    second = ingest_file(HTML)
    assert first.created and not second.created and second.report == first.report
    assert "the title" in second.same_as and "23 April 2024" in second.same_as
    assert Report.objects.count() == 1
    assert sorted(first.report.documents.values_list("original_name", flat=True)) == [
        "peel-lincolnshire.html",
        "peel-lincolnshire.pdf",
    ]
    # Either file, read again, is known by its hash: nothing changes.
    again = ingest_file(HTML)
    assert not again.created and not again.same_as and again.report == first.report
    assert stored_with_file(file_hash(HTML)) == first.report
    assert SourceDocument.objects.count() == 2


def test_two_reports_published_the_same_day_stay_two():
    lincolnshire = ingest_file(PDF).report
    cheshire = ingest_file(CORPUS / "set3" / "peel-cheshire-2025.pdf", published_on=date(2024, 4, 23))
    assert cheshire.created and cheshire.report != lincolnshire
    assert Report.objects.count() == 2


def test_titles_agree_when_one_is_the_start_of_the_other_not_when_they_merely_share_words():
    assert titles_agree("Held too long", "Held too long: a joint thematic inspection of the detention")
    assert titles_agree("PEEL 2023–25: Surrey Police", "PEEL 2023-25: Surrey Police")
    assert not titles_agree("PEEL 2023–25: Lincolnshire Police", "PEEL 2023–25: Cheshire Constabulary")
    assert not titles_agree("Held", "Held too long")


def test_the_upload_page_asks_whether_the_report_is_history_and_the_review_shows_the_first_file(
    signed_in,
):
    page = get_page(signed_in, "/reports/upload/")
    assert "Is this a current report or a past one?" in page
    unanswered = signed_in.post(
        "/reports/upload/", {"document": SimpleUploadedFile(PDF.name, PDF.read_bytes())}
    ).content.decode()
    assert "Say whether this is a current report or a past one loaded as history" in unanswered
    assert not Report.objects.exists()

    signed_in.post(
        "/reports/upload/",
        {"document": SimpleUploadedFile(PDF.name, PDF.read_bytes()), "history": "history"},
    )
    report = Report.objects.get()
    assert report.history and not report.obligations.filter(history=False).exists()
    signed_in.post(
        "/reports/upload/",
        {"document": SimpleUploadedFile(HTML.name, HTML.read_bytes()), "history": "history"},
    )
    assert Report.objects.count() == 1 and report.documents.count() == 2
    detail = get_page(signed_in, report.get_absolute_url())
    assert "peel-lincolnshire.html" in detail and "The same report in 2 formats" in detail
    assert "Loaded as a past report" in detail
    review = get_page(signed_in, f"/reports/{report.pk}/review/")
    assert "peel-lincolnshire.pdf" in review  # the findings were read from the PDF: it stays beside them


def test_a_revisit_restating_its_earlier_reports_recommendations_stays_a_report_of_its_own():
    from directory.models import ReportType
    from reports.services import FindingInput, create_report, same_report

    earlier = [
        "The force should make sure that every detained child is seen by an appropriate adult within two hours.",
        "The force should record the reason for every strip search of a child and review each one.",
        "The force should give detained children a written explanation of their rights they can understand.",
    ]
    original = create_report(
        title="Dorset Police custody",
        report_type=ReportType.objects.get(code="custody"),
        published_on=date(2022, 8, 9),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput(kind="recommendation", label=str(n), text=t) for n, t in enumerate(earlier, 1)
        ],
    )
    revisit = earlier + [
        "The force should stop holding children overnight when accommodation has been asked for.",
        "Cause of concern: the force does not know how long children wait for an appropriate adult.",
    ]
    title = "Dorset Police custody: a revisit to assess progress against our 2022 recommendations"
    assert same_report(title=title, published_on=date(2024, 6, 11), texts=revisit) == (None, "")
    # The same findings under another date: one file misstates its date, and the report is the same.
    found, why = same_report(title=title, published_on=date(2024, 6, 11), texts=earlier)
    assert found == original and "the publication dates differ" in why and "check the date" in why


def test_a_web_page_whose_findings_were_not_read_is_still_kept_beside_its_pdf():
    pdf = ingest_file(CORPUS / "committee-children-in-custody.pdf")
    page = ingest_file(CORPUS / "src" / "committee-children-in-custody.html")
    assert page.report == pdf.report and "no findings were read from this file" in page.same_as
    assert pdf.report.documents.count() == 2 and pdf.report.findings.count() == 12


def test_two_findings_one_file_read_as_one_still_agree_with_each():
    from reports.services.sameness import alike

    first = "The College of Policing should introduce a national qualification for call handlers."
    second = "Chief constables should make sure that every call reporting a risk is reviewed the same day."
    assert alike(first, f"6.10{first} 6.11{second}") == 100.0
    assert alike("Improve supervision.", f"{first} Improve supervision.") < 90  # too short to be held whole
