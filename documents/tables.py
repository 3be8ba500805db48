"""One reader for the tables people import: CSV (UTF-8 or Windows-1252, comma, semicolon, tab or bar
between values, sniffed) or Excel (.xlsx, read a row at a time by openpyxl's read-only mode). Rows are
streamed, never loaded whole, so a million-row file takes as little memory as a ten-row one. The file's
kind is judged by its content; the size limit, and for a workbook the archive's checks against
decompression bombs (`documents.archives`), come before anything is read. Every problem names the file,
and the row where there is one, in the same words whichever import reads it.

Used by the custody import (which converts its batches column-wise), the tracker import and the coverage
import."""

import codecs
import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from pathlib import Path

from documents import archives
from documents.model import DocumentError
from documents.sniff import decoded
from documents.uploads import Staged, check_size, file_hash, safe_name, staging_root

CSV, XLSX = "csv", "xlsx"
DELIMITERS = ",;\t|"
SAMPLE = 64 * 1024  # characters read to tell the separator
# A workbook of a million detentions unpacks to about a gigabyte of XML, read a row at a time.
MAX_UNPACKED = 4 * 1024**3


def kind_of(source: Path | bytes, name: str, *, max_bytes: int, max_unpacked: int = MAX_UNPACKED) -> str:
    """CSV or Excel, judged by content; anything else is refused, naming the file."""
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    check_size(name, size, max_bytes)
    if isinstance(source, bytes):
        head = source[:4096]
    else:
        with source.open("rb") as handle:
            head = handle.read(4096)
    if not head:
        raise DocumentError(name, "the file is empty")
    if head[:4] == b"PK\x03\x04":
        opened = io.BytesIO(source) if isinstance(source, bytes) else source
        try:  # (is_zipfile finds the archive's end, which a damaged archive can have)
            with zipfile.ZipFile(opened) if zipfile.is_zipfile(opened) else nullcontext() as archive:
                if archive and "xl/workbook.xml" in archive.namelist():
                    archives.check_archive(source, "the Excel workbook", max_unpacked)
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


def encoding_of(source: Path | bytes) -> str:
    """UTF-8 (with or without a byte-order mark) when every byte reads as UTF-8, else Windows-1252."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    chunks = [source] if isinstance(source, bytes) else chunks_of(source)
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return "cp1252"
    return "utf-8-sig"


def chunks_of(path: Path) -> Iterator[bytes]:
    with path.open("rb") as handle:
        yield from iter(lambda: handle.read(1 << 20), b"")


def delimiter_of(sample: str, *, cut: bool = False) -> str:
    """The character between values, from the file's first lines: the one that splits the heading into
    the most columns (a comma first among equals). A heading of one column has no separator to find: then
    the first that splits none of the sampled lines either, so that values holding commas stay whole."""
    lines = [line for line in sample.splitlines()[:20] if line.strip()]
    lines = lines[:-1] if cut and len(lines) > 1 else lines  # a sample cut short ends mid-line
    if not lines:
        return ","
    widths = {candidate: len(next(csv.reader([lines[0]], delimiter=candidate))) for candidate in DELIMITERS}
    most = max(widths.values())
    if most > 1:
        return next(candidate for candidate in DELIMITERS if widths[candidate] == most)
    for candidate in DELIMITERS:
        if all(len(row) == 1 for row in csv.reader(lines, delimiter=candidate)):
            return candidate
    return ","


def text_stream(source: Path | bytes):
    encoding = encoding_of(source)
    if isinstance(source, bytes):
        return io.StringIO(source.decode(encoding, errors="replace"), newline="")
    return source.open(encoding=encoding, newline="")


@contextmanager
def workbook(source: Path | bytes):
    import openpyxl

    opened = io.BytesIO(source) if isinstance(source, bytes) else source
    book = openpyxl.load_workbook(opened, read_only=True, data_only=True)
    try:
        yield book.worksheets[0]
    finally:
        book.close()


@contextmanager
def rows_of(source: Path | bytes, kind: str, name: str = ""):
    """(headings, iterator of (row number, values)): row 1 is the heading row, as in a spreadsheet; blank
    rows are skipped. A CSV that stops being readable (a quote never closed, a field past the reader's
    limit) is refused at that row."""
    if kind == XLSX:
        with workbook(source) as sheet:
            rows = sheet.iter_rows(values_only=True)
            headings = list(next(rows, ()) or ())
            yield headings, numbered(rows)
        return
    with text_stream(source) as handle:
        sample = handle.read(SAMPLE)
        handle.seek(0)
        reader = csv.reader(handle, delimiter=delimiter_of(sample, cut=len(sample) == SAMPLE), strict=True)
        try:
            headings = next(reader, [])
        except csv.Error as problem:
            raise DocumentError(name or "the file", f"row 1 cannot be read as CSV ({problem})") from None
        yield headings, numbered(checked(reader, name))


def checked(reader, name: str) -> Iterator[list]:
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as problem:
            raise DocumentError(
                name or "the file", f"row {reader.line_num} cannot be read as CSV ({problem})"
            ) from None
        yield row


def numbered(rows) -> Iterator[tuple[int, list]]:
    for number, values in enumerate(rows, start=2):
        values = list(values)
        first = values[0] if values else None
        if first.__class__ is str and first and not first.isspace():
            yield number, values  # the usual row, told at a glance
        elif not all(value is None or str(value).strip() == "" for value in values):
            yield number, values


def count_rows(path: Path, kind: str) -> int:
    """Data rows (not the heading), for the progress bar; cheap and flat in memory."""
    if kind == XLSX:
        with workbook(path) as sheet:
            return max(0, (sheet.max_row or 1) - 1)
    with path.open("rb") as handle:
        lines = sum(1 for line in handle if line.strip())
    return max(0, lines - 1)


def text_of(value) -> str:
    """A cell as text, as people typed it: dates as ISO dates, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class Problems(list):
    """What is wrong with an imported table, in one shape for every import: a list of {"row", "column",
    "message"} (the heading is row 1; a problem with the whole file is on row 1 with no column), stored as
    it is (JSON) and shown as a table of row, column and problem. The first `kept` are kept; `count` counts
    them all, so a file with a million bad rows is reported in full figures and a bounded list."""

    def __init__(self, kept: int = 1000):
        super().__init__()
        self.kept = kept
        self.count = 0

    def add(self, row: int, column: str, message: str) -> None:
        self.count += 1
        if len(self) < self.kept:
            self.append({"row": row, "column": column, "message": message})

    def first(self) -> str:
        """The first problem in one line: "row 3, column status: …"."""
        return self.line(self[0]) if self else ""

    @staticmethod
    def line(problem: dict, name: str = "") -> str:
        """A problem in one line, after the file's name when given: "tracker.xlsx, row 3, column status: …"."""
        column = f", column {problem['column']}" if problem["column"] else ""
        return f"{name + ', ' if name else ''}row {problem['row']}{column}: {problem['message']}"


def read_table(
    source: Path | bytes, name: str, *, max_bytes: int, max_rows: int, max_unpacked: int = 200 * 1024**2
):
    """A small table whole, as text: (headings, [(row number, values)]), refused naming the file when it is
    not CSV or Excel, has no rows under its heading, or more than `max_rows`."""
    kind = kind_of(source, name, max_bytes=max_bytes, max_unpacked=max_unpacked)
    rows = []
    try:
        with rows_of(source, kind, name) as (headings, numbered_rows):
            for number, values in numbered_rows:
                if len(rows) >= max_rows:
                    raise DocumentError(
                        name, f"it has more than {max_rows:,} rows; import at most {max_rows:,} at a time"
                    )
                rows.append((number, [text_of(value) for value in values]))
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise DocumentError(name, "the Excel workbook is damaged") from error
    return [text_of(value) for value in headings], rows


def stage_table(upload, *, max_bytes: int, max_unpacked: int = MAX_UNPACKED) -> Staged:
    """Receive a CSV or Excel upload into documents' private staging folder, refused at once (naming it)
    when it is too big, empty, not a table or a workbook bomb; nothing is left behind when it is refused."""
    import os
    import shutil
    import uuid

    name = safe_name(getattr(upload, "name", "") or "upload")
    check_size(name, upload.size or 0, max_bytes)
    folder = staging_root() / uuid.uuid4().hex
    folder.mkdir(mode=0o700)
    path = folder / name
    try:
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        kind = kind_of(path, name, max_bytes=max_bytes, max_unpacked=max_unpacked)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return Staged(path=path, original_name=name, sha256=file_hash(path), media_type=kind)
