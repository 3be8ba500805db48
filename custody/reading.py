"""Reading a custody import file: the one table reader (`documents.tables`), under custody's own size
limit (record files are larger than reports)."""

from pathlib import Path

from documents.tables import CSV, XLSX, count_rows, rows_of  # noqa: F401 - custody's reading, in one place
from documents.tables import kind_of as table_kind


def kind_of(path: Path, name: str = "") -> str:
    """CSV or Excel, judged by content; anything else is refused, naming the file."""
    from django.conf import settings

    return table_kind(path, name or path.name, max_bytes=settings.SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES)
