"""A file that cannot be read gets a clear message naming the file and the problem."""

import zipfile

import pytest

from documents import DocumentError, read_document
from documents.testing import hand_made_pdf, make_pdf

RECOMMENDATION = (
    "<h1>A report</h1><p>Published 3 March 2025</p><p>Recommendation 1: Chief constables should act.</p>"
)


def refused(path, message):
    with pytest.raises(DocumentError) as caught:
        read_document(path)
    assert str(caught.value).startswith(f"{path.name}: ")
    assert message in str(caught.value)


def test_an_encrypted_pdf(tmp_path):
    refused(hand_made_pdf(tmp_path / "locked.pdf", encrypted=True), "password-protected")


def test_a_corrupt_pdf(tmp_path):
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n")
    refused(path, "the PDF is damaged")


def test_a_truncated_pdf(tmp_path):
    whole = make_pdf(tmp_path / "whole.pdf", RECOMMENDATION).read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(whole[: len(whole) // 2])
    refused(path, "the PDF is incomplete")


def test_a_pdf_with_zero_pages(tmp_path):
    refused(hand_made_pdf(tmp_path / "empty.pdf", pages=0), "has no pages")


def test_a_scan_without_tesseract_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr("documents.ocr.shutil.which", lambda name: None)
    refused(hand_made_pdf(tmp_path / "scan.pdf"), "apt-get install tesseract-ocr")


def test_a_docx_decompression_bomb(tmp_path):
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w") as entry:
            block = b"\0" * (1 << 20)
            for _ in range(210):
                entry.write(block)
    refused(path, "decompression bomb")


def test_a_file_over_the_size_limit(tmp_path, settings):
    settings.SCRUTINY_MAX_UPLOAD_BYTES = 1000
    path = tmp_path / "big.txt"
    path.write_text("Recommendation 1: x\n" * 100)
    refused(path, "the file is 2,000 bytes, over the 1,000 bytes limit")  # not "0 MB": the limit it is


def test_a_wrong_extension(tmp_path):
    path = make_pdf(tmp_path / "report.docx", RECOMMENDATION)
    refused(path, "the name ends in .docx but the file is a PDF")


def test_a_binary_file_that_is_no_document(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(bytes(range(256)) * 20)
    refused(path, "not a PDF, Word, HTML or text file")


def test_an_empty_file(tmp_path):
    path = tmp_path / "nothing.txt"
    path.write_bytes(b"")
    refused(path, "the file is empty")


def word_file_with(path, document_xml: str):
    """A Word file whose body is the given XML (the rest from python-docx's own empty document)."""
    import io

    import docx

    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, document_xml.encode() if name == "word/document.xml" else data)
    return path


BODY = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>{}</w:t></w:r></w:p></w:body></w:document>"
)


def test_a_docx_whose_xml_expands_entities(tmp_path):
    entities = '<!ENTITY a "aaaaaaaaaa">' + "".join(
        f'<!ENTITY {b} "{("&" + a + ";") * 10}">' for a, b in zip("abcdef", "bcdefg", strict=True)
    )
    xml = f"<?xml version='1.0'?><!DOCTYPE w:document [{entities}]>" + BODY.format("&g;")
    refused(word_file_with(tmp_path / "laughs.docx", xml), "declares entities")


def test_a_docx_whose_xml_is_cut_short(tmp_path):
    xml = BODY.format("Recommendation 1: Chief constables should act.")
    refused(word_file_with(tmp_path / "cut.docx", xml[: len(xml) // 2]), "its contents are damaged")


def test_utf16_text_is_read(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_bytes("A report\n\nRecommendation 1: Chief constables should act.\n".encode("utf-16"))
    document = read_document(path)
    assert [block.text for block in document.blocks][-1] == "Recommendation 1: Chief constables should act."


@pytest.mark.parametrize(
    ("start", "kind", "first"),
    [
        ("99999999999999999999", "I", "(I) "),  # unreadable (over 32 bits): from 1, as browsers do
        ("2147483647", "i", "2147483647. "),  # no Roman numeral that large: the number
        ("-5", "a", "-5. "),  # no letter before a: the number
        ("27", "a", "(aa) "),
        ("4", "i", "(iv) "),
    ],
)
def test_html_list_numbers_at_any_start_are_read_at_once(tmp_path, start, kind, first):
    # a huge start looped for ever writing Roman numerals; a negative one was a crash
    path = tmp_path / "list.html"
    items = "".join(f"<li>Item {n} should be done.</li>" for n in range(3))
    path.write_text(
        f'<html><body><h1>A report</h1><ol type="{kind}" start="{start}">{items}</ol></body></html>'
    )
    texts = [block.text for block in read_document(path).blocks]
    assert any(text.startswith(f"{first}Item 0") for text in texts), texts
