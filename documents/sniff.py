"""Which kind of document a file is, judged by its content rather than its name, and whether it is too big."""

import zipfile
from contextlib import nullcontext
from pathlib import Path

from django.conf import settings

from documents.model import DocumentError

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HTML = "text/html"
MARKDOWN = "text/markdown"
TEXT = "text/plain"

EXTENSIONS = {
    PDF: {".pdf"},
    DOCX: {".docx"},
    HTML: {".html", ".htm"},
    MARKDOWN: {".md", ".markdown"},
    TEXT: {".txt", ".text", ""},
}


def megabytes(size: int) -> str:
    """A size as the limit setting counts it (SCRUTINY_MAX_UPLOAD_MB is in units of 1,048,576 bytes)."""
    value = size / (1024 * 1024)
    return (
        f"{value:,.0f} MB"
        if value >= 10 or value == int(value)
        else f"{value:,.1f} MB"
        if value >= 0.1
        else f"{size:,} bytes"
    )


def decoded(head: bytes) -> str | None:
    """The start of a text file as text: UTF-8, UTF-16 with its byte-order mark, or Windows-1252; None
    for binary content."""
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return head[2:].decode("utf-16-le" if head[:2] == b"\xff\xfe" else "utf-16-be", errors="ignore")
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 4:  # a character cut in half at the end of the sample
            return head[: error.start].decode("utf-8")
        try:
            return head.decode("cp1252")
        except UnicodeDecodeError:
            return None


def media_type_of(path: Path) -> str:
    """Sniff the media type from the first bytes; refuse what Scrutiny cannot read, naming the file."""
    size = path.stat().st_size
    limit = settings.SCRUTINY_MAX_UPLOAD_BYTES
    if size > limit:
        raise DocumentError(path, f"the file is {megabytes(size)}, over the {megabytes(limit)} limit")
    if size == 0:
        raise DocumentError(path, "the file is empty")
    with path.open("rb") as handle:
        head = handle.read(4096)
    if head.lstrip()[:5] == b"%PDF-":
        return PDF
    if head[:4] == b"PK\x03\x04":
        try:  # (is_zipfile finds the archive's end, which a damaged archive can have)
            with zipfile.ZipFile(path) if zipfile.is_zipfile(path) else nullcontext() as archive:
                if archive and "word/document.xml" in archive.namelist():
                    from documents.docx import check_archive

                    check_archive(path)  # a bomb is refused on arrival, not when it is read
                    return DOCX
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            raise DocumentError(
                path, "the file is damaged: a ZIP archive (as Word writes) that cannot be read"
            ) from None
        raise DocumentError(path, "this is a ZIP archive but not a Word document (.docx)")
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise DocumentError(path, "this is an old Word (.doc) or Office file; save it as .docx or PDF first")
    text = decoded(head)
    if text is None:
        raise DocumentError(path, "this is not a PDF, Word, HTML or text file")
    if "\x00" in text:
        raise DocumentError(path, "this is not a PDF, Word, HTML or text file")
    lowered = text.lstrip().lower()
    if lowered.startswith(("<!doctype html", "<html")) or "<body" in lowered or "<h1" in lowered:
        return HTML
    if path.suffix.lower() in EXTENSIONS[MARKDOWN] or text.lstrip().startswith("#"):
        return MARKDOWN
    return TEXT


def check_extension(path: Path, media_type: str) -> None:
    """A file whose name claims another type is refused: it is more likely a mistake than a feature."""
    suffix = path.suffix.lower()
    known = {ext for extensions in EXTENSIONS.values() for ext in extensions if ext}
    if (
        suffix in known
        and suffix not in EXTENSIONS[media_type]
        and not (media_type in (TEXT, MARKDOWN) and suffix in EXTENSIONS[TEXT] | EXTENSIONS[MARKDOWN])
    ):
        kind = {
            PDF: "a PDF",
            DOCX: "a Word document",
            HTML: "an HTML page",
            MARKDOWN: "Markdown text",
            TEXT: "plain text",
        }[media_type]
        raise DocumentError(path, f"the name ends in {suffix} but the file is {kind}")
