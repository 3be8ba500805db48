"""Any filtered list of actions as Excel or CSV: one row per action, the tracker's columns.

Text that opens like a formula is quoted (a spreadsheet must not run what a record says), and everything
written into the workbook is cleaned of characters XML cannot hold.
"""

import csv
import io
from datetime import date

from accounts.audit import cell
from core.text import for_xml
from tracking import queries

COLUMNS = [
    "Ref",
    "Report",
    "Published",
    "Force",
    "Kind",
    "Label",
    "Finding",
    "Owner",
    "Original target",
    "Target",
    "Days late",
    "Lateness",
    "Force says",
    "Office view",
    "Inspectorate view",
    "Standing",
    "Progress %",
    "RAG",
    "RAG set by hand because",
    "Themes",
    "Last update",
]


def rows(actions, today: date):
    """Each action as a list of values, in COLUMNS order; reads the queryset in chunks."""
    actions = queries.for_display(actions).prefetch_related("themes")
    for action in actions.iterator(chunk_size=2000):
        late = queries.lateness(action, today)
        yield [
            action.pk,
            action.finding.report.title,
            action.finding.report.published_on,
            action.force.name,
            action.finding.get_kind_display(),
            action.finding.label,
            action.finding.text,
            action.owner,
            action.original_target_on,
            action.target_on,
            late.days_late or "",
            late.label,
            action.force_status.name if action.force_status_id else "",
            action.opcc_status.name if action.opcc_status_id else "",
            action.inspectorate_status.name if action.inspectorate_status_id else "",
            action.get_category_display(),
            action.progress,
            getattr(action, "rag", ""),
            action.rag_override_reason,
            ", ".join(theme.name for theme in action.themes.all()),
            action.last_update_on,
        ]


def text_of(value) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, date) else str(value)


def as_csv(actions, today: date) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows(actions, today):
        writer.writerow([cell(text_of(value)) for value in row])
    return buffer.getvalue().encode("utf-8-sig")  # the byte-order mark makes Excel read UTF-8


def xlsx_value(value):
    if isinstance(value, str):
        return cell(for_xml(value))
    return value


def as_xlsx(actions, today: date, *, title: str = "Actions") -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(for_xml(title)[:31] or "Actions")
    sheet.append(COLUMNS)
    for row in rows(actions, today):
        sheet.append([xlsx_value(value) for value in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(actions, today: date, kind: str):
    """The list as a file to download: `kind` is "xlsx" or "csv"."""
    from django.http import HttpResponse

    if kind == "xlsx":
        response = HttpResponse(as_xlsx(actions, today), content_type=XLSX)
    else:
        response = HttpResponse(as_csv(actions, today), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="actions-{today.isoformat()}.{kind}"'
    return response
