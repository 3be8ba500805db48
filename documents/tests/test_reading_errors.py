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
