"""What every reader produces: blocks of text in reading order, each knowing where it was printed."""

from dataclasses import dataclass, field
from pathlib import Path


class DocumentError(Exception):
    """A document cannot be read. The message names the file and says what is wrong with it."""

    def __init__(self, path: Path | str, problem: str):
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path.name}: {problem}")


@dataclass
class Block:
    """One paragraph, heading, list item or table cell."""

    text: str
    kind: str = "paragraph"  # heading | paragraph | list-item | table-cell
    level: int = 0  # heading level (1 is the largest); 0 for other blocks
    page: int | None = None  # 1-based page, for PDFs
    section: str | None = None  # id of the enclosing HTML section
    row: int | None = None  # table row number, for table cells
    column: int | None = None  # table column number, for table cells
    bold: bool = False  # every word printed bold (or strong)
    bold_start: bool = False  # it opens with bold words ("Improving consideration…:" then plain text)
    box: str | None = None  # the box (a shaded or framed panel) it is printed in: blocks in one box share it


@dataclass
class Document:
    path: Path
    media_type: str  # application/pdf, text/html, application/vnd…wordprocessingml.document, text/plain
    blocks: list[Block] = field(default_factory=list)
    page_count: int = 0
    title: str = ""  # a title the format itself carries (PDF metadata, <title>, Word core properties)
    published_text: str = ""  # a "published on" date the page itself states (HTML rebuild dates too)
    ocr: bool = False  # the text came from Tesseract, not a text layer

    @property
    def input_kind(self) -> str:
        if self.media_type == "application/pdf":
            return "scanned-pdf" if self.ocr else "pdf"
        return {"text/html": "html", "text/markdown": "markdown", "text/plain": "text"}.get(
            self.media_type, "docx"
        )
