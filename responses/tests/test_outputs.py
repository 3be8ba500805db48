"""The published outputs: Word, PDF and the public page hold every recommendation's answer."""

import io
import os
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from xml.etree import ElementTree

import docx
import pypdfium2
import pytest
from django.test import Client

from core.testing import get_page
from responses.demo import ANSWERS
from responses.models import ResponseObligation
from responses.testing import load_scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(signed_in):
    demo = load_scenario()
    return demo["report"].obligations.get(body=demo["office"])


def word_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    return "\n".join(paragraph.text for paragraph in document.paragraphs)


def pdf_text(content: bytes) -> str:
    pdf = pypdfium2.PdfDocument(content)
    return " ".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def squash(text: str) -> str:
    return " ".join(text.replace("\u2010", "-").split())


def test_the_word_letter_holds_every_answer_and_the_comments(signed_in, published):
    response = signed_in.get(f"/obligations/{published.pk}/response.docx")
    assert response.status_code == 200 and response["Content-Type"].endswith("wordprocessingml.document")
    text = squash(word_text(response.content))
    for answer in ANSWERS.values():
        assert squash(answer) in text
    assert "Police and Crime Commissioner for Cheshire" in text and "17 April 2020" in text
    assert squash(published.comments_text) in text


def test_the_pdf_holds_every_answer(signed_in, published):
    response = signed_in.get(f"/obligations/{published.pk}/response.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    text = squash(pdf_text(response.content)).replace("- ", "-")
    for answer in ANSWERS.values():
        assert squash(answer)[:60] in text


def test_the_public_page_needs_no_sign_in_and_shows_every_answer(published):
    anonymous = Client()
    html = get_page(anonymous, f"/published/{published.pk}/")
    for answer in ANSWERS.values():
        assert answer.split(".")[0] in html.replace("&#x27;", "'")
    assert anonymous.get(f"/published/{published.pk}/response.pdf").status_code == 200


def test_unpublished_responses_are_not_public(published):
    anonymous = Client()
    other = published.report.obligations.get(body__force__code="kent")
    assert anonymous.get(f"/published/{other.pk}/").status_code == 404
    assert anonymous.get(f"/obligations/{published.pk}/response.pdf").status_code == 302


def libreoffice_convert(source: Path, target: str) -> Path:
    """Open a file in LibreOffice (Writer for Word, Draw for PDF) and save it as `target`, as a person
    checking the file would; fails the test if LibreOffice cannot open it."""
    if shutil.which("soffice") is None:
        message = (
            "LibreOffice is not installed: apt-get install libreoffice-writer-nogui libreoffice-draw-nogui"
        )
        if os.environ.get("SCRUTINY_REQUIRE_BROWSER") == "true":  # CI installs it and requires it
            pytest.fail(message)
        pytest.skip(message)
    folder = source.parent
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{folder}/profile",
            "--convert-to",
            target,
            "--outdir",
            str(folder),
            str(source),
        ],
        capture_output=True,
        timeout=120,
    )
    converted = folder / f"{source.stem}.{target.split(':')[0]}"
    assert result.returncode == 0 and converted.is_file(), result.stderr
    return converted


def test_libreoffice_opens_the_word_letter_and_reads_every_answer(signed_in, published, tmp_path):
    source = tmp_path / "response.docx"
    source.write_bytes(signed_in.get(f"/obligations/{published.pk}/response.docx").content)
    text = squash(libreoffice_convert(source, "txt:Text").read_text())
    for answer in ANSWERS.values():
        assert squash(answer) in text


def test_libreoffice_opens_the_pdf_and_reads_every_answer(signed_in, published, tmp_path):
    """LibreOffice Draw imports the PDF; its drawing's text holds every answer."""
    source = tmp_path / "response.pdf"
    source.write_bytes(signed_in.get(f"/obligations/{published.pk}/response.pdf").content)
    drawing = libreoffice_convert(source, "odg")
    with zipfile.ZipFile(drawing) as archive:
        content = ElementTree.fromstring(archive.read("content.xml"))
    text = squash(" ".join(content.itertext()))
    assert "Recommendation 1" in text
    for answer in ANSWERS.values():
        assert squash(answer) in text


def test_publishing_needs_approval_records_the_address_and_drafts_the_copies(signed_in):
    from directory.models import ReportType
    from reports.services import FindingInput, create_report
    from responses.services import approve, prepare_response, save_section

    report = create_report(
        title="Custody",
        report_type=ReportType.objects.get(code="peel"),
        published_on=date(2024, 3, 1),
        inspectorates=[],
        all_forces=True,
        findings=[FindingInput("recommendation", "Recommendation 1", "Do it.")],
    )
    obligation = report.obligations.get(body__force__code="cheshire")
    form = {
        "published_on_day": "1",
        "published_on_month": "4",
        "published_on_year": "2024",
        "confirmed": "on",
    }
    response = signed_in.post(f"/obligations/{obligation.pk}/publish/", form)
    assert "Only an approved response can be published" in response.content.decode()
    prepare_response(obligation=obligation)
    save_section(section=obligation.sections.get(kind="recommendation"), body="Done.", user=None)
    approve(obligation=obligation, on=date(2024, 3, 20), user=None)
    assert signed_in.post(f"/obligations/{obligation.pk}/publish/", form).status_code == 302
    obligation.refresh_from_db()
    assert obligation.status == ResponseObligation.Status.PUBLISHED
    assert obligation.published_url == f"http://testserver/published/{obligation.pk}/"
    html = get_page(signed_in, f"/obligations/{obligation.pk}/")
    assert "Section 55 response: Custody" in html and "HM Inspectorate of Constabulary" in html
    signed_in.post(f"/obligations/{obligation.pk}/copies-sent/")
    obligation.refresh_from_db()
    assert obligation.copies_sent_on is not None


def test_a_control_character_typed_into_an_answer_leaves_every_output_readable(signed_in, published):
    # Word's Shift+Enter pastes a vertical tab; XML cannot hold one, and the Word export was a server error
    section = published.sections.exclude(finding=None).first()
    section.body = "First line\x0bsecond line\x07 after a bell"
    section.save()
    published.comments_text = "Comments\x0c with a form feed"
    published.save()
    from responses.services import keep_as_published

    keep_as_published(published)  # as if published with these words
    response = signed_in.get(f"/obligations/{published.pk}/response.docx")
    assert response.status_code == 200
    text = word_text(response.content)
    assert "First line\nsecond line after a bell" in text and "Comments\n with a form feed" in text
    public = Client().get(f"/published/{published.pk}/response.docx")
    assert public.status_code == 200 and "First line\nsecond line" in word_text(public.content)
    assert signed_in.get(f"/obligations/{published.pk}/response.pdf").status_code == 200


def test_a_finding_edited_after_publication_leaves_the_published_response_as_it_was(published):
    from reports.services import update_finding

    section = published.sections.exclude(finding=None).first()
    before = section.finding.text
    anonymous = Client()
    letter = word_text(anonymous.get(f"/published/{published.pk}/response.docx").content)
    update_finding(finding=section.finding, text="Words another office typed after publication.")
    html = get_page(anonymous, f"/published/{published.pk}/")
    assert "Words another office typed" not in html and squash(before)[:50] in squash(
        html.replace("&#x27;", "'")
    )
    assert word_text(anonymous.get(f"/published/{published.pk}/response.docx").content) == letter


def test_the_word_letter_is_a4_with_one_sign_off_and_the_comments_as_an_annex(signed_in, published):
    from docx.shared import Mm

    content = signed_in.get(f"/obligations/{published.pk}/response.docx").content
    document = docx.Document(io.BytesIO(content))
    section = document.sections[0]
    assert abs(section.page_width - Mm(210)) < Mm(1) and abs(section.page_height - Mm(297)) < Mm(1)
    texts = [paragraph.text for paragraph in document.paragraphs]
    annex = texts.index("Annex: the chief constable's comments")
    ours = [n for n, text in enumerate(texts[:annex]) if text == "Yours sincerely,"]
    assert len(ours) == 1 and texts[ours[0] + 1].strip()  # one sign-off, with a name under it
    assert "DRAFT" not in " ".join(p.text for p in section.header.paragraphs)  # published: no mark


def test_a_draft_says_draft_on_every_page_of_the_pdf_and_the_word_letter(signed_in):
    from responses.services import prepare_response, save_section
    from responses.testing import make_obligation

    obligation = make_obligation(findings=6)
    prepare_response(obligation=obligation)
    for section in obligation.sections.filter(kind="recommendation"):
        save_section(section=section, body="A long answer. " * 120, user=None)
    pdf = pypdfium2.PdfDocument(signed_in.get(f"/obligations/{obligation.pk}/response.pdf").content)
    assert len(pdf) > 2
    assert all("DRAFT" in pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    word = docx.Document(io.BytesIO(signed_in.get(f"/obligations/{obligation.pk}/response.docx").content))
    assert all("DRAFT" in " ".join(p.text for p in s.header.paragraphs) for s in word.sections)
