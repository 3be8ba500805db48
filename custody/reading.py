"""Reading an import file row by row, whatever its kind: CSV (UTF-8, or Windows-1252 from older
exports) or Excel (.xlsx). Rows are streamed, never loaded whole, so a million-row file takes as little
memory as a ten-row one. The size limit (custody's own) and content sniffing come first."""

import codecs
import csv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from documents import archives
from documents.model import DocumentError
from documents.sniff import decoded
from documents.uploads import check_size

CSV, XLSX = "csv", "xlsx"
# A workbook of a million detentions unpacks to about a gigabyte of XML, read a row at a time.
MAX_UNPACKED = 4 * 1024**3


def kind_of(path: Path, name: str = "") -> str:
    """CSV or Excel, judged by content; anything else is refused, naming the file."""
    from django.conf import settings

    name = name or path.name
    check_size(name, path.stat().st_size, settings.SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES)
    with path.open("rb") as handle:
        head = handle.read(4096)
    if not head:
        raise DocumentError(name, "the file is empty")
    if head[:4] == b"PK\x03\x04":
        try:  # (is_zipfile finds the archive's end, which a damaged archive can have)
            with zipfile.ZipFile(path) if zipfile.is_zipfile(path) else nullcontext() as archive:
                if archive and "xl/workbook.xml" in archive.namelist():
                    archives.check_archive(path, "the Excel workbook", MAX_UNPACKED)
                    return XLSX
        except archives.ArchiveRefused as refusal:
            raise DocumentError(name, str(refusal)) from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise DocumentError(
                name, "the file is damaged: a ZIP archive (as Excel writes) that cannot be read"
            ) from None
        raise DocumentError(name, "this is a ZIP archive but not an Excel workbook (.xlsx)")
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DocumentError(name, "this is an old Excel (.xls) file; save it as .xlsx or CSV first")
    text = decoded(head)
    if text is None or "\x00" in text:
        raise DocumentError(name, "this is not a CSV file or an Excel workbook")
    return CSV


def encoding_of(path: Path) -> str:
    """UTF-8 (with or without a byte-order mark) when every byte reads as UTF-8, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as handle:
        try:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            return "cp1252"
    return "utf-8-sig"


def count_rows(path: Path, kind: str) -> int:
    """Data rows (not the heading), for the progress bar; cheap and flat in memory."""
    if kind == XLSX:
        with workbook(path) as sheet:
            return max(0, (sheet.max_row or 1) - 1)
    with path.open("rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(0, lines - 1)


@contextmanager
def workbook(path: Path):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        yield book.worksheets[0]
    finally:
        book.close()


@contextmanager
def rows_of(path: Path, kind: str):
    """(headings, iterator of (row number, values)): row 1 is the heading row, as in a spreadsheet."""
    if kind == XLSX:
        with workbook(path) as sheet:
            rows = sheet.iter_rows(values_only=True)
            headings = list(next(rows, ()) or ())
            yield headings, numbered(rows)
        return
    with path.open(encoding=encoding_of(path), newline="") as handle:
        reader = csv.reader(handle)
        headings = next(reader, [])
        yield headings, numbered(reader)


def numbered(rows) -> Iterator[tuple[int, list]]:
    for number, values in enumerate(rows, start=2):
        values = list(values)
        first = values[0] if values else None
        if first.__class__ is str and first and not first.isspace():
            yield number, values  # the usual row, told at a glance
        elif not all(value is None or str(value).strip() == "" for value in values):
            yield number, values
