"""Scanned PDFs: each page rendered by pypdfium2 and read by Tesseract, when Tesseract is installed."""

import io
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings

from documents.model import Block, Document, DocumentError
from documents.pdf import PAGE_NUMBER, margin_key, open_pdf
from documents.text import text_blocks

INSTALL = "install Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr) and try again"


def tesseract() -> str | None:
    return shutil.which("tesseract")


SCALE = 2.5  # 180 dots an inch: what Tesseract reads best
MAX_PIXELS = 25_000_000  # a page rendered larger than this (A3 at 180 dpi is 16 million) is scaled down
MIN_SCALE = 0.5  # …but not below 36 dpi: a page that would need it is refused as too large to read


def render_scale(width: float, height: float) -> float | None:
    """How much to enlarge a page (in points) for Tesseract, keeping the image to a bounded size; None for
    a page so large that it could only be read too small (a 333-byte PDF can declare a page of 200 inches)."""
    scale = min(SCALE, (MAX_PIXELS / max(1.0, width * height)) ** 0.5)
    return scale if scale >= MIN_SCALE else None


def ocr_pdf(path: Path, document: Document, on_page=None) -> Document:
    program = tesseract()
    if program is None:
        raise DocumentError(
            path, f"the PDF has no text layer (it is a scan) and Tesseract is not installed: {INSTALL}"
        )
    pdf = open_pdf(path)
    limit = settings.SCRUTINY_MAX_OCR_PAGES
    if len(pdf) > limit:
        pages = len(pdf)
        pdf.close()
        raise DocumentError(
            path,
            f"the PDF is a scan of {pages:,} pages; Scrutiny reads scans of up to {limit:,} (SCRUTINY_MAX_OCR_PAGES)",
        )
    pages = []
    for index in range(len(pdf)):
        if on_page is not None:
            on_page(index, len(pdf))
        try:
            page = pdf[index]
            width, height = page.get_size()
            scale = render_scale(width, height)
            if scale is None:
                pdf.close()
                raise DocumentError(
                    path,
                    f"page {index + 1} is {width / 72 * 2.54:,.0f} × {height / 72 * 2.54:,.0f} cm, too large to read",
                )
            image = page.render(scale=scale, grayscale=True).to_pil()
            page.close()
        except pdfium.PdfiumError:
            pdf.close()
            raise DocumentError(
                path, f"page {index + 1} of the scanned PDF is damaged and cannot be read"
            ) from None
        buffer = io.BytesIO()
        image.save(buffer, format="PNG")
        try:
            result = subprocess.run(
                [program, "stdin", "stdout", "--psm", "3", "-l", "eng"],
                input=buffer.getvalue(),
                capture_output=True,
                timeout=120,
            )
        except subprocess.TimeoutExpired:
            pdf.close()
            raise DocumentError(path, f"Tesseract took more than two minutes on page {index + 1}") from None
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
