"""PDF text layer → blocks in reading order, using the positions pypdfium2 gives for each run of text.

From the positioned runs it rebuilds lines, two-column pages, paragraphs and headings; it drops running
headers and footers, page numbers, footnote markers and footnote bodies; and it joins words that the
producer split with an end-of-line hyphen.
"""

import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from reports.ingest.document import Block, Document, IntakeError
from reports.ingest.text import join_lines

PAGE_NUMBER = re.compile(r"^(page\s*)?\d{1,4}(\s*(of|/)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.IGNORECASE)
MARKER = re.compile(r"^\[?\d{1,3}\]?$|^[*†‡]$")
BULLET = re.compile(r"^([•▪◦●■–\-*]|\(?[a-z]{1,2}\)|\(?[ivx]{1,4}\)|\d{1,3}(\.\d{1,3})*[.)]?)\s")
MARGIN = 0.075  # running headers and footers live in the top and bottom 7.5% of a page


@dataclass
class Run:
    left: float
    bottom: float
    right: float
    top: float
    text: str
    size: float  # the font size, from pdfium

    @property
    def height(self) -> float:
        return self.size

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


@dataclass
class Line:
    runs: list[Run]

    @property
    def left(self) -> float:
        return min(run.left for run in self.runs)

    @property
    def right(self) -> float:
        return max(run.right for run in self.runs)

    @property
    def top(self) -> float:
        return max(run.top for run in self.runs)

    @property
    def bottom(self) -> float:
        return min(run.bottom for run in self.runs)

    @property
    def height(self) -> float:
        return max(run.height for run in self.runs)

    @property
    def text(self) -> str:
        parts = []
        for previous, run in zip([None, *self.runs], self.runs, strict=False):
            gap = run.left - previous.right if previous else 0
            if (
                previous
                and gap > run.height * 0.15
                and not run.text.startswith(" ")
                and not parts[-1].endswith(" ")
            ):
                parts.append(" ")
            parts.append(run.text)
        return "".join(parts).strip()


def open_pdf(path: Path) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        message = str(error).lower()
        if "password" in message:
            raise IntakeError(path, "the PDF is password-protected; save an unprotected copy") from None
        raise IntakeError(path, why_unreadable(path)) from None
    if len(pdf) == 0:
        raise IntakeError(path, "the PDF has no pages")
    return pdf


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


def page_runs(page) -> list[Run]:
    textpage = page.get_textpage()
    runs = []
    for index in range(textpage.count_rects()):
        left, bottom, right, top = textpage.get_rect(index)
        text = textpage.get_text_bounded(left, bottom, right, top)
        text = (
            text.replace("\r", " ").replace("\n", " ").replace("\x02", "\u2010").replace("\ufffe", "\u2010")
        )
        if text.strip():
            char = pdfium_c.FPDFText_GetCharIndexAtPos(textpage.raw, left + 0.5, (top + bottom) / 2, 2, 4)
            size = pdfium_c.FPDFText_GetFontSize(textpage.raw, char) if char >= 0 else 0
            runs.append(Run(left, bottom, right, top, text, size or (top - bottom)))
    textpage.close()
    return runs


def group_lines(runs: list[Run]) -> list[Line]:
    """Runs whose vertical middles fall within each other's height share a line; top to bottom."""
    lines: list[Line] = []
    for run in sorted(runs, key=lambda r: (-r.top, r.left)):
        for line in lines[-6:]:
            gap = line.left - run.right if run.right <= line.left + 1 else run.left - line.right
            same_height = abs(line.runs[0].middle - run.middle) < max(line.runs[0].height, run.height) * 0.45
            if same_height and -1 < gap < max(run.height, line.height) * 1.5:
                line.runs.append(run)
                line.runs.sort(key=lambda r: r.left)
                break
        else:
            lines.append(Line([run]))
    return lines


def drop_markers(line: Line, body_height: float) -> None:
    """Footnote markers: small raised digits (or [n]) beside normal text on the same line."""
    if len(line.runs) < 2:
        return
    tallest = max(run.height for run in line.runs)
    line.runs = [
        run
        for run in line.runs
        if not (
            MARKER.match(run.text.strip()) and run.height < tallest * 0.8 and run.height < body_height * 0.85
        )
    ]


def reading_order(lines: list[Line], width: float) -> list[Line]:
    """Two-column pages: lines wholly left of the middle come before lines wholly right of it, band by band."""
    middle = width / 2
    left = [line for line in lines if line.right < middle + width * 0.02]
    right = [line for line in lines if line.left > middle - width * 0.02]
    if len(left) < 3 or len(right) < 3:
        return lines
    ordered, band = [], []

    def flush():
        band_left = [line for line in band if line.left < middle - width * 0.02]
        ordered.extend(band_left + [line for line in band if line not in band_left])
        band.clear()

    for line in lines:
        spans = line.left < middle - width * 0.04 and line.right > middle + width * 0.04
        if spans:
            flush()
            ordered.append(line)
        else:
            band.append(line)
    flush()
    return ordered


def margin_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def read_pdf(path: Path) -> Document:
    pdf = open_pdf(path)
    document = Document(path=path, media_type="application/pdf", page_count=len(pdf))
    pages = []
    for index in range(len(pdf)):
        page = pdf[index]
        width, height = page.get_size()
        pages.append((width, height, group_lines(page_runs(page))))
        page.close()
    document.title = (pdf.get_metadata_dict().get("Title") or "").strip()
    pdf.close()
    if not any(lines for _, _, lines in pages):
        return document  # no text layer: the caller decides about OCR

    heights = [line.height for _, _, lines in pages for line in lines]
    body = statistics.median(heights)
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
        document.blocks.extend(paragraphs(reading_order(kept, width), number, body, width))
    return document


def drop_footnotes(lines: list[Line], body: float) -> list[Line]:
    """Footnote bodies: the run of small-print lines at the foot of a page, below all body-size text."""
    lowest_body = min((line.bottom for line in lines if line.height >= body * 0.9), default=None)
    if lowest_body is None:
        return lines
    return [line for line in lines if not (line.top < lowest_body - body * 0.3 and line.height < body * 0.9)]


def paragraphs(lines: list[Line], page: int, body: float, width: float) -> list[Block]:
    """Lines into blocks: a new block at a gap, a change of size, an indent change, or a bullet."""
    blocks: list[Block] = []
    current: list[Line] = []

    def flush():
        if not current:
            return
        size = max(line.height for line in current)
        text = join_lines([line.text for line in current])
        kind, level = "paragraph", 0
        if size > body * 1.15 and len(text) < 200:
            kind, level = "heading", 1 if size > body * 1.6 else 2 if size > body * 1.3 else 3
        elif BULLET.match(text):
            kind = "list-item"
        blocks.append(Block(text=text, kind=kind, level=level, page=page))
        current.clear()

    for line in lines:
        if current:
            previous = current[-1]
            gap = previous.bottom - line.top
            new_column = line.top > previous.top + body  # moved up: the next column
            size_change = abs(line.height - previous.height) > body * 0.2
            bullet = BULLET.match(line.text) is not None
            indent_back = (
                line.left < previous.left - body * 1.5
                and len(current) == 1
                and BULLET.match(current[0].text) is None
            )
            if gap > body * 0.45 or new_column or size_change or bullet or indent_back:
                flush()
        current.append(line)
    flush()
    return blocks
