"""PDF text layer → blocks in reading order, using the positions pypdfium2 gives for each run of text.

From the positioned runs it rebuilds lines, two-column pages, paragraphs and headings; it drops running
headers and footers, page numbers, footnote markers and footnote bodies; and it joins words that the
producer split with an end-of-line hyphen. It also notes what the printing says about a block: whether it
is bold (the font's weight at the start and end of each line), and whether it sits in a box (a filled
rectangle drawn behind it), which is how reports set recommendations apart.
"""

import re
import statistics
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
from django.conf import settings

from documents.model import Block, Document, DocumentError
from documents.pdf_layout import (
    Line,
    drop_footnotes,
    drop_markers,
    group_lines,
    page_boxes,
    page_rules,
    page_runs,
    place_in_boxes,
    place_in_cells,
    reading_order,
    table_order,
)
from documents.text import join_lines

PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.IGNORECASE)
BULLET = re.compile(
    r"^([•▪◦●■◼\ue000-\uf8ff–\-*]|\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|\d{1,3}(\.\d{1,3})*[.)]?)\s"
)
LABEL_LINE = re.compile(
    r"^(Recommendation\s+\d|Recommendation$|Area for improvement|AFI\s*\d|Causes? of concern|"
    r"(Innovative|Promising|Good|Notable) practice)"
)
SYMBOL_BULLET = re.compile(r"^[\ue000-\uf8ff]\s*")
MARGIN = 0.075
TERMINAL = re.compile(r"[.;:!?,]$")  # running headers and footers live in the top and bottom 7.5% of a page


def open_pdf(path: Path) -> pdfium.PdfDocument:
    """Open a PDF, refusing one with more pages than Scrutiny reads (SCRUTINY_MAX_PAGES)."""
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        # pdfium's error code can be left over from an earlier document, so "password" is believed only
        # when the file does have an encryption dictionary.
        if "password" in str(error).lower() and is_encrypted(path):
            raise DocumentError(path, "the PDF is password-protected; save an unprotected copy") from None
        raise DocumentError(path, why_unreadable(path)) from None
    if len(pdf) == 0:
        pdf.close()
        raise DocumentError(path, "the PDF has no pages")
    limit = settings.SCRUTINY_MAX_PAGES
    if len(pdf) > limit:
        pages = len(pdf)
        pdf.close()
        raise DocumentError(
            path, f"the PDF has {pages:,} pages; Scrutiny reads up to {limit:,} (SCRUTINY_MAX_PAGES)"
        )
    return pdf


def saved_as_text(path: Path) -> str:
    """The PDF's text as a viewer's "save as text" gives it: each page's characters in the order they were
    drawn, lines as printed, pages apart by a form feed; no sizes, weights or boxes. What an office
    uploads when it has only a copy of the text, and what the learned intake trains on to read one."""
    pdf = open_pdf(path)
    try:
        pages = []
        for page in pdf:
            text_page = page.get_textpage()
            pages.append(text_page.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            text_page.close()
            page.close()
        return "\f".join(pages)
    finally:
        pdf.close()


def is_encrypted(path: Path) -> bool:
    """The trailer names an /Encrypt dictionary (read from the file's end, where trailers are)."""
    with path.open("rb") as handle:
        handle.seek(max(0, path.stat().st_size - 64 * 1024))
        return b"/Encrypt" in handle.read()


def why_unreadable(path: Path) -> str:
    """pdfium says only "data format error"; the file itself tells a cut-off copy or an empty page tree."""
    data = path.read_bytes()
    if b"%%EOF" not in data[-1024:]:
        return "the PDF is incomplete: the file stops before its end (was the copy cut short?)"
    if re.search(rb"/Type\s*/Pages\b[^>]*?/Count\s+0\b", data) and not re.search(
        rb"/Type\s*/Page\b(?!s)", data
    ):
        return "the PDF has no pages"
    return "the PDF is damaged and cannot be opened"


def margin_key(text: str) -> str:
    """Running headers often end with the section's name, so only their start is compared."""
    return re.sub(r"\d+", "#", text.strip().lower())[:24]


def read_pdf(path: Path, on_page=None) -> Document:
    pdf = open_pdf(path)
    document = Document(path=path, media_type="application/pdf", page_count=len(pdf))
    pages = []
    for index in range(len(pdf)):
        if on_page is not None:
            on_page(index, len(pdf))
        try:
            page = pdf[index]
            width, height = page.get_size()
            verticals, horizontals = page_rules(page)
            lines = group_lines(page_runs(page), verticals)
            if lines:
                place_in_boxes(lines, page_boxes(page, width, height))
                place_in_cells(lines, verticals, horizontals)
            pages.append((width, height, lines))
            page.close()
        except pdfium.PdfiumError:
            pdf.close()
            raise DocumentError(path, f"page {index + 1} of the PDF is damaged and cannot be read") from None
    document.title = (pdf.get_metadata_dict().get("Title") or "").strip()
    pdf.close()
    if not any(lines for _, _, lines in pages):
        return document  # no text layer: the caller decides about OCR

    heights = [line.height for _, _, lines in pages for line in lines]
    body = statistics.median(heights)
    leading = line_spacing(pages, body)
    repeated = Counter(
        margin_key(line.text)
        for _, height, lines in pages
        for line in lines
        if line.bottom > height * (1 - MARGIN) or line.top < height * MARGIN
    )
    for number, (width, height, lines) in enumerate(pages, start=1):
        kept = []
        for line in lines:
            drop_markers(line, body)
            text = line.text
            in_margin = line.bottom > height * (1 - MARGIN) or line.top < height * MARGIN
            if in_margin and (PAGE_NUMBER.match(text) or (len(pages) > 1 and repeated[margin_key(text)] > 1)):
                continue
            kept.append(line)
        kept = drop_footnotes(kept, body)
        document.blocks.extend(paragraphs(table_order(reading_order(kept, width)), number, body, leading))
    return document


def line_spacing(pages, body: float) -> float:
    """The usual distance from one baseline of body text to the next: a paragraph ends where lines stand
    further apart than that (producers set space between paragraphs, not between lines)."""
    steps = []
    for width, _, lines in pages:
        columns: dict[int, list[Line]] = {}
        for line in lines:  # lines starting at the same place are one column (two-column pages interleave)
            if abs(line.height - body) < body * 0.1:
                columns.setdefault(round(line.left / (width * 0.05)), []).append(line)
        for column in columns.values():
            for upper, lower in zip(column, column[1:], strict=False):
                if body * 0.9 < upper.baseline - lower.baseline < body * 2.5:
                    steps.append(round(upper.baseline - lower.baseline, 1))
    return statistics.median(steps) if steps else body * 1.2


def paragraphs(lines: list[Line], page: int, body: float, leading: float) -> list[Block]:
    """Lines into blocks: a new block at a gap wider than the line spacing, a change of size, an indent
    change, a bullet, or the edge of a box."""
    blocks: list[Block] = []
    current: list[Line] = []

    def flush():
        if not current:
            return
        size = max(line.height for line in current)
        # A bullet drawn from a symbol font (Wingdings' private-use code points) is a bullet.
        text = SYMBOL_BULLET.sub("• ", join_lines([line.text for line in current]))
        kind, level = "paragraph", 0
        bold = sum(line.boldness for line in current) * 2 >= len(current)  # half of it or more is bold
        if size > body * 1.15 and len(text) < 200:
            kind, level = "heading", 1 if size > body * 1.6 else 2 if size > body * 1.3 else 3
        elif BULLET.match(text):
            kind = "list-item"
        elif bold and len(current) <= 2 and len(text) < 100 and not TERMINAL.search(text):
            kind, level = "heading", 4  # a bold line of body text standing alone: a sub-heading
        box = current[0].box
        blocks.append(
            Block(
                text=text,
                kind=kind,
                level=level,
                page=page,
                bold=bold,
                bold_start=current[0].bold_start,
                box=f"{page}.{box}" if box else None,
                column=current[0].cell[1] if current[0].cell else None,
            )
        )
        current.clear()

    for line in lines:
        if current:
            previous = current[-1]
            step = previous.baseline - line.baseline
            same_size = abs(line.height - previous.height) < body * 0.1
            # Wider apart than the line spacing for text of this size (headings are set with more).
            gap = (
                step > leading * 1.3 * line.height / body
                if same_size
                else previous.bottom - line.top > body * 0.45
            )
            new_column = line.top > previous.top + body  # moved up: the next column
            size_change = abs(line.height - previous.height) > body * 0.2
            bullet = BULLET.match(line.text) is not None or LABEL_LINE.match(line.text) is not None
            indent_back = (
                line.left < previous.left - body * 1.5
                and len(current) == 1
                and BULLET.match(current[0].text) is None
            )
            boxed = line.box != previous.box  # into, out of or between panels
            # A bold line standing over plain text with no gap: a table's header cell or a run-in heading
            # ("Areas for improvement" over the first one), not the first words of that text.
            header = (
                previous.bold
                and not line.bold
                and not line.bold_start
                and len(previous.text) < 80
                and not TERMINAL.search(previous.text)
                and all(earlier.bold for earlier in current)
            )
            celled = line.cell != previous.cell
            if gap or new_column or size_change or bullet or indent_back or boxed or header or celled:
                flush()
        current.append(line)
    flush()
    return blocks
