"""Word documents → blocks: paragraphs with their heading levels and list styles, and table cells in order."""

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from docx.text.paragraph import Paragraph

from documents import archives
from documents.model import Block, Document, DocumentError
from documents.text import join_lines

MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a .docx that inflates past this is refused as a decompression bomb


def check_archive(path: Path) -> None:
    try:
        archives.check_archive(path, "the Word document", MAX_UNCOMPRESSED)
    except archives.ArchiveRefused as refusal:
        raise DocumentError(path, str(refusal)) from None


def read_docx(path: Path) -> Document:
    check_archive(path)
    try:
        word = docx.Document(str(path))
        return document_of(path, word)
    except DocumentError:
        raise
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise DocumentError(path, f"the Word document cannot be read ({error})") from None
    except Exception:  # python-docx meets XML it does not expect: the file is damaged, not Scrutiny
        raise DocumentError(path, "the Word document cannot be read: its contents are damaged") from None


def document_of(path: Path, word) -> Document:
    document = Document(
        path=path, media_type=("application/vnd.openxmlformats-officedocument.wordprocessingml.document")
    )
    document.title = (word.core_properties.title or "").strip()
    row_number = 0
    for item in word.iter_inner_content():
        if isinstance(item, Paragraph):
            block = paragraph_block(item)
            if block:
                document.blocks.append(block)
        elif isinstance(item, Table):
            for row in item.rows:
                row_number += 1
                seen = set()
                for column, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:  # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    text = join_lines([p.text for p in cell.paragraphs])
                    if text:
                        document.blocks.append(
                            Block(text=text, kind="table-cell", row=row_number, column=column)
                        )
    return document


def paragraph_block(paragraph: Paragraph) -> Block | None:
    text = join_lines(paragraph.text.split("\n"))
    if not text:
        return None
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    if style == "Title":
        return Block(text=text, kind="heading", level=1)
    if style.startswith("Heading"):
        level = style.split()[-1]
        return Block(text=text, kind="heading", level=int(level) + 1 if level.isdigit() else 2)
    numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
    if "List" in style or numbered:
        return Block(text=text, kind="list-item")
    return Block(text=text)
