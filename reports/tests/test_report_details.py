"""A report's details read from what it prints: publisher, the body it is about and its kind, whether it is
a police inspection under section 55, and the inspection dates; stored at intake, shown on the review page
and changed there like the others. Unknown stays unknown and never becomes a police report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import get_page
from documents import Block, Document
from documents.testing import make_pdf
from reports.extraction import extract
from reports.extraction.subject import details
from reports.models import Report


def document(*texts: str, kind: str = "paragraph") -> Document:
    blocks = [
        Block(text, kind="heading" if i == 0 else kind, level=1 if i == 0 else 0)
        for i, text in enumerate(texts)
    ]
    return Document(path="report.pdf", media_type="application/pdf", blocks=blocks, page_count=1)


def test_a_joint_area_send_inspection_is_published_by_both_inspectorates_about_a_partnership():
    title = "Area SEND inspection of Riverside Local Area Partnership"
    read = details(
        document(title, "Inspection dates: 2 to 6 June 2025", "Ofsted", "Care Quality Commission"), title, []
    )
    assert read == {
        "publisher": "Ofsted and Care Quality Commission",
        "subject": "Riverside Local Area Partnership",
        "subject_kind": "local-area-partnership",
        "police_s55": False,
        "inspection_dates": "2 to 6 June 2025",
    }


def test_a_force_inspected_by_hmicfrs_is_a_police_report_under_section_55():
    title = "PEEL 2025: An inspection of Riverside Police"
    read = details(
        document(title, "His Majesty's Inspectorate of Constabulary and Fire & Rescue Services"), title, []
    )
    assert read["publisher"] == "HM Inspectorate of Constabulary and Fire & Rescue Services"
    assert read["subject_kind"] == "police-force" and read["police_s55"] is True


def test_a_government_response_is_the_department_s_and_owes_nothing_under_section_55():
    title = "The Home Office response to the Independent Chief Inspector of Borders and Immigration's report"
    read = details(document(title, "The Home Office thanks the Independent Chief Inspector."), title, [])
    assert read["publisher"] == "Home Office"
    assert read["subject_kind"] == "national" and read["police_s55"] is False


def test_a_document_that_names_no_publisher_is_about_something_else_not_a_police_force():
    title = "Notes from a meeting"
    read = details(document(title, "We met on Tuesday."), title, [])
    assert read["publisher"] == "" and read["subject_kind"] == "other" and read["police_s55"] is False


def test_a_council_re_inspection_is_not_given_a_police_report_type():
    extraction = extract(
        document(
            "Riverside Council: Re-inspection of services for children in need of help and protection",
            "Ofsted",
            "Published 3 March 2025",
            "What needs to improve",
            "The local authority should improve the timeliness of assessments.",
        )
    )
    assert extraction.metadata["report_type"] == "other"
    assert extraction.metadata["subject_kind"] == "local-authority"
    assert "ofsted" in extraction.metadata["inspectorates"]


@pytest.mark.django_db
def test_intake_stores_the_details_and_the_review_page_shows_them(signed_in, tmp_path):
    path = make_pdf(
        tmp_path / "custody.pdf",
        "<h1>An inspection of Cheshire Constabulary's custody suites</h1>"
        "<p>His Majesty's Inspectorate of Constabulary and Fire &amp; Rescue Services</p>"
        "<p>Inspection dates: 3 to 7 February 2025</p><p>Published 3 March 2025</p>"
        "<p>Recommendation 1: Within three months, the chief constable should make sure an appropriate "
        "adult is called as soon as a child arrives.</p>",
    )
    signed_in.post(
        "/reports/upload/",
        {"document": SimpleUploadedFile(path.name, path.read_bytes()), "history": "current"},
    )
    report = Report.objects.get()
    assert report.publisher == "HM Inspectorate of Constabulary and Fire & Rescue Services"
    assert report.subject_kind == "police-force" and report.inspection_dates == "3 to 7 February 2025"
    html = get_page(signed_in, f"/reports/{report.pk}/review/")
    assert "HM Inspectorate of Constabulary and Fire &amp; Rescue Services" in html
    assert "3 to 7 February 2025" in html and "(a police force)" in html
    edit = get_page(signed_in, f"/reports/{report.pk}/edit/")
    assert 'name="publisher"' in edit and 'name="subject_kind"' in edit and 'name="inspection_dates"' in edit


def first_page(*headings: tuple[str, int], title: str = "") -> Document:
    """A PDF whose first page prints `headings` (text, level), with a contents page after it."""
    blocks = [Block(text, kind="heading", level=level, page=1) for text, level in headings]
    blocks.append(Block("Contents", kind="heading", level=1, page=2))
    return Document(path="report.pdf", media_type="application/pdf", title=title, page_count=2, blocks=blocks)


def test_the_subtitle_printed_under_a_title_on_the_first_page_is_part_of_it():
    from reports.extraction.metadata import choose_title

    page = first_page(
        ("Riverside Metropolitan Council", 1),
        ("Inspection of children's social care services", 4),
        ("Inspection dates: 4 June to 15 June 2026", 4),
    )
    assert (
        choose_title(page) == "Riverside Metropolitan Council: Inspection of children's social care services"
    )


def test_a_file_title_the_first_page_prints_gains_the_subtitle_under_it_but_not_the_month():
    from reports.extraction.metadata import choose_title

    title = "Custody for children: the government's decision"
    page = first_page(
        (title, 1), ("Response to the Riverside Panel's review", 2), ("January 2026", 2), title=title
    )
    assert choose_title(page) == (
        "Custody for children: the government's decision: Response to the Riverside Panel's review"
    )


def test_a_committee_chapter_saved_as_text_is_titled_by_its_page_and_its_chapter(tmp_path):
    """A committee publishes each chapter of a report as a page ("… - Committee Contents" in the browser);
    saved as text, the page is that chapter of the report. A page without the chapter line keeps its
    page title alone."""
    from documents import read_document
    from reports.extraction.metadata import choose_title

    chapter = tmp_path / "chapter.txt"
    chapter.write_text(
        "Waiting times in custody suites - Justice Committee Contents\n\n\n4  Conclusions and recommendations\n\n"
        "1.  Forces should publish how long detained people wait for a solicitor, by suite. (Paragraph 12)\n",
        encoding="utf-8",
    )
    assert choose_title(read_document(chapter)) == (
        "Waiting times in custody suites - Justice Committee: 4 Conclusions and recommendations"
    )
    page = tmp_path / "page.txt"
    page.write_text(
        "Waiting times in custody suites - Justice Committee\n\n\nThe Committee took evidence from forces in "
        "the spring and heard how long detained people wait.\n",
        encoding="utf-8",
    )
    assert choose_title(read_document(page)) == "Waiting times in custody suites - Justice Committee"
