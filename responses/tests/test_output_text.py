"""The outputs as people read them: the PDF tagged for accessibility (PDF/UA-1), the chief constable's
comments with their paragraphs and line breaks on the public page, in the PDF and in the Word letter, and
the copies to HM Inspectors pointing to where the response is published."""

import io
import re
import zlib

import docx
import pypdfium2
import pytest
from django.test import Client

from documents import read_document
from responses.comments import document_text
from responses.services import copies_email, keep_as_published
from responses.testing import load_scenario

pytestmark = pytest.mark.django_db

LETTER = "Dear Commissioner,\n\nI welcome the report.\nThe force accepts it.\n\nYours sincerely,\nA. Chief\nChief Constable"


@pytest.fixture
def published(signed_in):
    demo = load_scenario()
    return demo["report"].obligations.get(body=demo["office"])


def pdf_objects(content: bytes) -> bytes:
    """The PDF's objects, with the compressed streams (object streams among them) opened."""
    parts = [content]
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", content, flags=re.S):
        try:
            parts.append(zlib.decompress(stream.group(1)))
        except zlib.error:
            continue  # not a Flate stream (an embedded font subset, say)
    return b"\n".join(parts)


def pdf_lines(content: bytes) -> list[str]:
    pdf = pypdfium2.PdfDocument(content)
    text = "\n".join(pdf[n].get_textpage().get_text_range() for n in range(len(pdf)))
    return [line.strip() for line in text.replace("\r", "").split("\n")]


@pytest.mark.parametrize("published_or_draft", ["published", "draft"])
def test_the_pdf_is_tagged_for_accessibility(signed_in, published, published_or_draft):
    if published_or_draft == "draft":
        published.published_on = None
        published.save()
    content = signed_in.get(f"/obligations/{published.pk}/response.pdf").content
    objects = pdf_objects(content)
    assert b"/StructTreeRoot" in objects and re.search(rb"/Marked\s+true", objects)
    assert re.search(rb"pdfuaid:part[^0-9]*1", objects), "PDF/UA-1 is declared in the metadata"
    assert re.search(rb"/Lang\s*\(en-GB\)", objects) and re.search(rb"/DisplayDocTitle\s+true", objects)
    assert b"/S /H1" in objects and b"/S /P" in objects  # headings and paragraphs are tagged as such
    assert "Response to the HMICFRS report" in " ".join(pdf_lines(content))


def test_the_chief_constables_comments_keep_their_paragraphs_and_line_breaks(signed_in, published):
    published.comments_text = LETTER
    published.save()
    keep_as_published(published)  # as if published with these comments (what the public reads is kept)
    html = Client().get(f"/published/{published.pk}/").content.decode()
    assert '<p class="govuk-body app-finding-text">Yours sincerely,\nA. Chief\nChief Constable</p>' in html
    assert '<p class="govuk-body app-finding-text">Dear Commissioner,</p>' in html
    word = docx.Document(io.BytesIO(Client().get(f"/published/{published.pk}/response.docx").content))
    texts = [paragraph.text for paragraph in word.paragraphs]
    annex = texts[texts.index("Annex: the chief constable's comments") + 1 :]
    assert annex == [
        "Dear Commissioner,",
        "I welcome the report.\nThe force accepts it.",
        LETTER.split("\n\n")[2],
    ]
    lines = pdf_lines(Client().get(f"/published/{published.pk}/response.pdf").content)
    signed = lines.index("A. Chief")
    assert lines[signed - 1] == "Yours sincerely," and lines[signed + 1] == "Chief Constable"
    assert lines[lines.index("I welcome the report.") + 1] == "The force accepts it."


def test_comments_read_from_a_word_or_text_letter_keep_their_line_breaks(tmp_path):
    word = docx.Document()
    word.add_paragraph("Dear Commissioner,")
    word.add_paragraph("I welcome the report.")
    sign_off = word.add_paragraph("Yours sincerely,")
    for line in ("A. Chief", "Chief Constable"):
        sign_off.add_run().add_break()  # Shift+Enter in Word
        sign_off.add_run(line)
    word.save(tmp_path / "comments.docx")
    expected = "Dear Commissioner,\n\nI welcome the report.\n\nYours sincerely,\nA. Chief\nChief Constable"
    assert document_text(read_document(tmp_path / "comments.docx")) == expected
    (tmp_path / "comments.txt").write_bytes(LETTER.replace("\n", "\r\n").encode("cp1252"))
    assert document_text(read_document(tmp_path / "comments.txt")) == LETTER


def test_the_copies_to_hm_inspectors_say_where_the_response_is_published(published):
    body = copies_email(published)["body"]
    assert f"They are published at: http://127.0.0.1:8000/published/{published.pk}/" in body
    published.published_url = ""
    published.save()
    body = copies_email(published)["body"]
    assert "published at" not in body and "A copy is attached as PDF." in body
