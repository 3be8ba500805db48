"""`read_document(path)`: the one entry point that picks a reader by the file's content."""

from collections.abc import Callable
from pathlib import Path

from documents import sniff
from documents.docx import read_docx
from documents.html import read_html
from documents.model import Document, DocumentError
from documents.ocr import ocr_pdf
from documents.pdf import read_pdf
from documents.text import read_text


def read_document(path: Path | str, on_page: Callable[[int, int], None] | None = None) -> Document:
    """Read a file of any kind Scrutiny knows into blocks. `on_page(done, total)` hears of each page of a
    PDF read (and of each page a scan's OCR reads), for a progress bar."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError(path, "no such file")
    media_type = sniff.media_type_of(path)
    sniff.check_extension(path, media_type)
    if media_type == sniff.PDF:
        document = read_pdf(path, on_page=on_page)
        if not document.blocks:
            document = ocr_pdf(path, document, on_page=on_page)
    elif media_type == sniff.DOCX:
        document = read_docx(path)
    elif media_type == sniff.HTML:
        document = read_html(path)
    else:
        document = read_text(path, media_type)
    if not any(block.text for block in document.blocks):
        raise DocumentError(path, "the document has no text")
    return document
