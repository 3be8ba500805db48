"""Importing the chief officer's comments and confirming how they link to the recommendations."""

import io
from datetime import date

import docx
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.testing import get_page
from directory.models import ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from responses.comments import link_summary
from responses.models import ResponseSection

pytestmark = pytest.mark.django_db

RECOMMENDATIONS = [
    "By 31 March 2021, chief constables should make sure every child detained overnight is recorded.",
    "By 31 March 2021, chief constables should review how custody officers request local-authority beds.",
    "The Home Office should publish national figures on children held overnight.",
]


@pytest.fixture
def obligation():
    return cheshire_obligation("Children in custody")


def cheshire_obligation(title: str):
    report = create_report(
        title=title,
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2020, 2, 27),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput(kind=Finding.Kind.RECOMMENDATION, label=f"Recommendation {n}", text=text)
            for n, text in enumerate(RECOMMENDATIONS, start=1)
        ],
    )
    return report.obligations.get(body__force__code="cheshire")


def comments_docx() -> bytes:
    """The chief constable's comments as Word, restating the first two recommendations and answering the
    third in a closing paragraph that names it."""
    document = docx.Document()
    document.add_heading("Comments of the Chief Constable of Cheshire Constabulary", 1)
    document.add_paragraph("30 March 2020")
    for number, (text, answer) in enumerate(
        [
            (RECOMMENDATIONS[0], "Accepted. Overnight detentions are now flagged on the custody system."),
            (
                RECOMMENDATIONS[1],
                "We accept this in part: requests are reviewed, but the form stays as it is.",
            ),
        ],
        start=1,
    ):
        document.add_heading(f"Recommendation {number}", 2)
        document.add_paragraph(text)
        document.add_paragraph(f"Response: {answer}")
    document.add_paragraph("Recommendation 3 is a matter for the Home Office, and the force notes it.")
    document.add_paragraph("Yours sincerely,")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def post_comments(client, obligation, upload):
    return client.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "document": upload},
    )


def test_a_comments_document_is_linked_for_the_officer_to_confirm(signed_in, obligation):
    # Built once: two builds differ in the zip's timestamps when they straddle a two-second tick.
    sent = comments_docx()
    response = post_comments(signed_in, obligation, SimpleUploadedFile("comments.docx", sent))
    assert response.status_code == 302 and response.url.startswith("/jobs/")  # read in the worker
    assert signed_in.get(response.url).url.endswith("/comments/links/")  # then on to the links
    obligation.refresh_from_db()
    assert "flagged on the custody system" in obligation.comments_text  # published with the response
    download = signed_in.get(f"/obligations/{obligation.pk}/comments/document/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == sent

    sections = {s.title: s for s in obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION)}
    assert sections["Recommendation 1"].comments_stance == "accepted"
    assert "flagged on the custody system" in sections["Recommendation 1"].comments_passage
    assert sections["Recommendation 2"].comments_stance == "partially accepted"
    assert sections["Recommendation 3"].comments_stance == "noted"
    assert not any(s.comments_confirmed_at for s in sections.values())
    assert link_summary(obligation) == {"total": 3, "proposed": 3, "confirmed": 0}

    page = get_page(signed_in, f"/obligations/{obligation.pk}/comments/links/")
    assert page.count("% sure); not confirmed yet.") == 3
    assert "Proposed, not confirmed yet" in get_page(signed_in, f"/obligations/{obligation.pk}/")

    # The officer corrects the third (the force does more than note it) and confirms all three.
    data = {"action": "confirm"}
    for section in sections.values():
        data[f"section-{section.pk}-passage"] = section.comments_passage
        data[f"section-{section.pk}-stance"] = section.comments_stance
    data[f"section-{sections['Recommendation 3'].pk}-stance"] = "accepted"
    response = signed_in.post(f"/obligations/{obligation.pk}/comments/links/", data)
    assert response.status_code == 302
    third = ResponseSection.objects.get(pk=sections["Recommendation 3"].pk)
    assert third.comments_stance == "accepted" and third.comments_confirmed_by.username == "officer"
    assert "All 3 confirmed" in get_page(signed_in, f"/obligations/{obligation.pk}/")
    assert "The chief officer's comments on this: partially accepted" in get_page(
        signed_in, f"/obligations/{obligation.pk}/response/"
    )


def test_a_stance_without_a_passage_is_refused_naming_the_recommendation(signed_in, obligation):
    post_comments(signed_in, obligation, SimpleUploadedFile("comments.docx", comments_docx()))
    first = obligation.sections.get(title="Recommendation 1")
    data = {"action": "confirm"}
    for section in obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION):
        data[f"section-{section.pk}-passage"] = "" if section == first else section.comments_passage
        data[f"section-{section.pk}-stance"] = section.comments_stance
    page = signed_in.post(f"/obligations/{obligation.pk}/comments/links/", data).content.decode()
    assert "Recommendation 1: Give the part of the comments that answers it, or choose no stance" in page
    assert link_summary(obligation)["confirmed"] == 0


def test_proposing_again_replaces_the_proposals_from_the_stored_document(signed_in, obligation):
    post_comments(signed_in, obligation, SimpleUploadedFile("comments.docx", comments_docx()))
    obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION).update(
        comments_stance="none", comments_passage=""
    )
    response = signed_in.post(f"/obligations/{obligation.pk}/comments/links/", {"action": "relink"})
    assert response.status_code == 302
    assert obligation.sections.get(title="Recommendation 1").comments_stance == "accepted"


def test_an_unreadable_comments_document_is_refused_and_nothing_changes(signed_in, obligation):
    page = post_comments(
        signed_in, obligation, SimpleUploadedFile("comments.docx", b"PK\x03\x04 not really a Word file")
    ).content.decode()
    assert "comments.docx: this is a ZIP archive but not a Word document" in page
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None and not obligation.comments_document
    assert not obligation.sections.exists()


def test_an_oversized_comments_document_is_refused(signed_in, obligation, settings):
    settings.SCRUTINY_MAX_UPLOAD_BYTES = 100
    page = post_comments(
        signed_in, obligation, SimpleUploadedFile("comments.txt", b"Accepted. " * 50)
    ).content.decode()
    assert "comments.txt: the file is 500 bytes, over the 100 bytes limit" in page
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None


def test_a_published_responses_links_are_shown_and_no_longer_change(signed_in):
    from responses.testing import load_scenario

    demo = load_scenario()
    obligation = demo["report"].obligations.get(body=demo["office"])
    page = get_page(signed_in, f"/obligations/{obligation.pk}/comments/links/")
    assert "these links can no longer be changed" in page and "Partially accepted" in page
    section = obligation.sections.get(title="Recommendation 6")
    response = signed_in.post(
        f"/obligations/{obligation.pk}/comments/links/",
        {"action": "confirm", f"section-{section.pk}-stance": "none", f"section-{section.pk}-passage": ""},
    )
    assert response.status_code == 200
    section.refresh_from_db()
    assert section.comments_stance == "partially accepted"


def test_a_comments_document_that_cannot_be_read_changes_nothing_and_says_why(signed_in, obligation):
    import zipfile

    broken = io.BytesIO()
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document><w:body><w:p>not closed")
    response = post_comments(signed_in, obligation, SimpleUploadedFile("comments.docx", broken.getvalue()))
    page = get_page(signed_in, response.url)
    assert "It could not be done" in page and "comments.docx: the Word document cannot be read" in page
    assert f'href="/obligations/{obligation.pk}/comments/"' in page  # try again
    obligation.refresh_from_db()
    assert obligation.comments_received_on is None and not obligation.comments_document


def test_looking_at_the_links_page_opens_no_sections(signed_in, obligation):
    url = f"/obligations/{obligation.pk}/comments/links/"
    page = get_page(signed_in, url)
    assert obligation.sections.count() == 0  # a GET changes nothing
    assert "Open the sections" in page
    response = signed_in.post(url, {"action": "prepare"})
    assert response.status_code == 302
    assert obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION).count() == 3


LETTER = [
    ("h1", "Comments of the Chief Constable of Cheshire Constabulary"),
    ("p", "30 March 2020"),
    ("h2", "Recommendation 1"),
    ("p", RECOMMENDATIONS[0]),
    ("p", "Response: Accepted. Overnight detentions are now flagged on the custody system."),
    ("h2", "Recommendation 2"),
    ("p", RECOMMENDATIONS[1]),
    ("p", "Response: We accept this in part: requests are reviewed, but the form stays as it is."),
    ("p", "Recommendation 3 is a matter for the Home Office, and the force notes it."),
    ("p", "Yours sincerely,"),
]


def linked(obligation) -> dict[str, tuple[str, str]]:
    return {
        section.title: (section.comments_stance, " ".join(section.comments_passage.split()))
        for section in obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION)
    }


def test_typed_comments_link_as_the_same_words_in_a_pdf_letter_do_and_show_on_the_links_page(
    signed_in, obligation, tmp_path
):
    from documents.testing import make_pdf

    typed = "\n\n".join(text for _, text in LETTER)
    response = signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "text": typed},
    )
    assert response.status_code == 302
    from_typed = linked(obligation)
    assert from_typed["Recommendation 1"][0] == "accepted"
    assert "flagged on the custody system" in from_typed["Recommendation 1"][1]
    assert from_typed["Recommendation 2"][0] == "partially accepted"
    assert from_typed["Recommendation 3"][0] == "noted"
    page = get_page(signed_in, f"/obligations/{obligation.pk}/comments/links/")
    assert "received 30 March 2020 as typed" in page and "now flagged on the custody system" in page
    assert "The stance was read from the words “accept this in part”." in page
    assert "Found as the answer after the comments restate it (as Recommendation 1)." in page
    assert "Found as where the comments name recommendation 3." in page
    assert page.count("% sure); not confirmed yet.") == 3

    other = cheshire_obligation("Children in custody, again")  # the same recommendations
    letter = make_pdf(tmp_path / "comments.pdf", "".join(f"<{tag}>{text}</{tag}>" for tag, text in LETTER))
    post_comments(signed_in, other, SimpleUploadedFile("comments.pdf", letter.read_bytes()))
    assert linked(other) == from_typed


def test_proposing_again_keeps_every_link_an_officer_confirmed(signed_in, obligation):
    typed = "\n\n".join(text for _, text in LETTER)
    signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "text": typed},
    )
    third = obligation.sections.get(title="Recommendation 3")
    data = {"action": "confirm"}
    for section in obligation.sections.filter(kind=ResponseSection.Kind.RECOMMENDATION):
        data[f"section-{section.pk}-passage"] = section.comments_passage
        data[f"section-{section.pk}-stance"] = section.comments_stance
    data[f"section-{third.pk}-stance"] = "accepted"  # the officer knows the force does more than note it
    signed_in.post(f"/obligations/{obligation.pk}/comments/links/", data)
    obligation.sections.filter(title="Recommendation 1").update(
        comments_confirmed_at=None, comments_stance="none", comments_passage=""
    )

    response = signed_in.post(f"/obligations/{obligation.pk}/comments/links/", {"action": "relink"})
    assert response.status_code == 302
    third.refresh_from_db()
    assert third.comments_stance == "accepted" and third.comments_confirmed_by.username == "officer"
    first = obligation.sections.get(title="Recommendation 1")
    assert first.comments_stance == "accepted" and first.comments_confirmed_at is None  # proposed afresh


def test_a_recommendation_for_another_body_is_said_to_be_so_not_unanswered(signed_in):
    report = create_report(
        title="Children in custody, national",
        report_type=ReportType.objects.get(code="national-thematic"),
        published_on=date(2020, 2, 27),
        inspectorates=[],
        all_forces=True,
        findings=[
            FindingInput(
                kind=Finding.Kind.RECOMMENDATION,
                label=f"Recommendation {n}",
                text=text,
                addressees=["Chief constables"] if n < 3 else ["Home Office"],
            )
            for n, text in enumerate(RECOMMENDATIONS, start=1)
        ],
    )
    obligation = report.obligations.get(body__force__code="cheshire")
    typed = "\r\n\r\n".join(text for tag, text in LETTER[:8])  # answers the first two, as a browser sends
    signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "text": typed},
    )
    obligation.refresh_from_db()
    assert (
        "\r" not in obligation.comments_text
        and "30 March 2020\n\nRecommendation 1" in obligation.comments_text
    )
    third = obligation.sections.get(title="Recommendation 3")
    assert third.comments_stance == "none"
    links = get_page(signed_in, f"/obligations/{obligation.pk}/comments/links/")
    # Said instead of "no answer found", naming the body, and not counted as a doubtful link.
    assert links.count("<strong>Addressed to another body</strong>: Home Office, not the force") == 1
    assert links.count("the chief officer's comments need not answer it") == 1
    assert "Scrutiny found no answer to it in the comments" not in links
    assert "Scrutiny was unsure of" not in links
    editor = get_page(signed_in, f"/obligations/{obligation.pk}/response/")
    assert "Addressed to Home Office, not the force" in editor
    assert "The chief officer's comments do not answer" not in editor


def test_the_least_certain_links_can_be_shown_first(signed_in, obligation):
    typed = "\n\n".join(text for tag, text in LETTER[:8])  # the third is not answered
    signed_in.post(
        f"/obligations/{obligation.pk}/comments/",
        {"received_on_day": "30", "received_on_month": "3", "received_on_year": "2020", "text": typed},
    )
    url = f"/obligations/{obligation.pk}/comments/links/"
    page = get_page(signed_in, url)
    assert "Scrutiny was unsure of 1 link." in page
    assert page.index("Recommendation 1</h2>") < page.index("Recommendation 3</h2>")  # the report's order
    first = get_page(signed_in, url + "?order=doubtful")
    assert "least sure of come first" in first
    assert first.index("Recommendation 3</h2>") < first.index("Recommendation 1</h2>")
