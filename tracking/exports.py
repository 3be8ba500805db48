"""Any filtered list of actions as Excel or CSV: one row per action, the tracker's columns. The files are
written by core.exports, as every app's are: text that opens like a formula stays text, and characters
XML cannot hold are dropped."""

from datetime import date

from openpyxl import Workbook

from core.exports import XLSX, csv_response, sheet, workbook_response
from tracking import queries

__all__ = ["COLUMNS", "XLSX", "download", "rows"]

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


def download(actions, today: date, kind: str):
    """The list as a file to download: `kind` is "xlsx" or "csv"."""
    name = f"actions-{today.isoformat()}.{kind}"
    if kind == "xlsx":
        book = Workbook(write_only=True)
        sheet(book, "Actions", COLUMNS, rows(actions, today))
        return workbook_response(book, name)
    return csv_response(COLUMNS, rows(actions, today), name)
