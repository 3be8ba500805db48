"""Scanned PDFs: each page rendered by pypdfium2 and read by Tesseract, when Tesseract is installed."""

import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium

from documents.model import Block, Document, DocumentError
from documents.pdf import PAGE_NUMBER, margin_key, open_pdf
from documents.text import text_blocks

INSTALL = "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr) and try again"


def tesseract() -> str | None:
    return shutil.which("tesseract")


def ocr_pdf(path: Path, document: Document) -> Document:
    program = tesseract()
    if program is None:
        raise DocumentError(
            path, f"the PDF has no text layer (it is a scan) and Tesseract is not installed: {INSTALL}"
        )
    pdf = open_pdf(path)
    pages = []
    for index in range(len(pdf)):
        try:
            image = pdf[index].render(scale=2.5, grayscale=True).to_pil()
        except pdfium.PdfiumError:
            raise DocumentError(
                path, f"page {index + 1} of the scanned PDF is damaged and cannot be read"
            ) from None
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        result = subprocess.run(
            [program, "stdin", "stdout", "--psm", "3", "-l", "eng"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=120,
        )
        if result.returncode != 0:
            raise DocumentError(
                path, f"Tesseract could not read page {index + 1}: {result.stderr.decode()[:200]}"
            )
        pages.append(result.stdout.decode("utf-8", errors="replace"))
    pdf.close()
    document.ocr = True
    document.blocks = ocr_blocks(pages)
    if not document.blocks:
        raise DocumentError(path, "the PDF is a scan and Tesseract found no text on any page")
    return document


def ocr_blocks(pages: list[str]) -> list[Block]:
    """Paragraphs per page, without the first and last lines that repeat on every page or are page numbers."""

    def edges(text):
        lines = [line for line in text.splitlines() if line.strip()]
        return lines[:1] + lines[-1:]

    repeated = Counter(margin_key(line) for text in pages for line in edges(text))
    blocks = []
    for number, text in enumerate(pages, start=1):
        lines = text.splitlines()
        nonblank = [i for i, line in enumerate(lines) if line.strip()]
        for i in nonblank[:1] + nonblank[-1:]:
            line = lines[i].strip()
            if PAGE_NUMBER.match(line) or (len(pages) > 1 and repeated[margin_key(line)] > 1):
                lines[i] = ""
        cleaned = re.sub(r"[‘’]", "'", "\n".join(lines)).replace("“", '"').replace("”", '"')
        blocks.extend(text_blocks(cleaned, markdown=False, page=number, ocr=True))
    return blocks
