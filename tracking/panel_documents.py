"""The quarterly Police and Crime Panel report as documents: Word, the printed page (HTML and PDF) and the
Excel annex holding the whole overdue list (the figures are worked out in `tracking.panel_report`)."""

import io

from core.text import for_xml
from tracking.panel_report import CATEGORY_LABELS, CATEGORY_ORDER, OVERDUE_CAP, OverdueRow, PanelReport


def as_docx(report: PanelReport) -> bytes:
    import docx
    from docx.shared import Inches, Pt

    word = docx.Document()
    word.core_properties.title = report.title
    word.core_properties.author = report.office
    word.styles["Normal"].font.name, word.styles["Normal"].font.size = "Arial", Pt(11)
    word.add_heading(report.title, level=1)
    word.add_paragraph(f"{report.office}. Figures as at {report.as_at:%-d %B %Y}.")

    def table(headings, rows):
        grid = word.add_table(rows=1, cols=len(headings))
        grid.style = "Table Grid"
        for cell, heading in zip(grid.rows[0].cells, headings, strict=True):
            cell.text = heading
        for row in rows:
            for cell, value in zip(grid.add_row().cells, row, strict=True):
                cell.text = for_xml(str(value))

    word.add_heading("Summary", level=2)
    table(["Figure", "Number"], report.figures)
    word.add_paragraph(
        f"This quarter: {report.updates_in_quarter} updates were recorded and "
        f"{report.revisions_in_quarter} target dates were revised."
    )
    sections = [
        (
            "Standing by report",
            "by_report",
            ["Report", *map(CATEGORY_LABELS.get, CATEGORY_ORDER)],
            category_rows(report.by_report),
        ),
        (
            "Standing by theme",
            "by_theme",
            ["Theme", *map(CATEGORY_LABELS.get, CATEGORY_ORDER)],
            category_rows(report.by_theme),
        ),
        ("Closures over time", "closures", ["Quarter", "Closed"], report.closures),
        (
            "Overdue actions by how late they are",
            "overdue",
            ["How late", "Actions"],
            report.overdue_bands,
        ),
    ]
    for heading, key, headings, rows in sections:
        word.add_heading(heading, level=2)
        if key in report.charts:
            word.add_picture(io.BytesIO(report.charts[key]), width=Inches(6))
        table(headings, rows)
    word.add_heading("Overdue actions", level=2)
    if report.capped:
        word.add_paragraph(
            f"The {OVERDUE_CAP} latest of {len(report.overdue)} overdue actions; the Excel annex lists them all."
        )
    table(
        ["Finding", "Report", "Force", "Owner", "Target date", "Days late"],
        overdue_rows(report.overdue_shown),
    )
    word.add_heading("Changes since the last quarter", level=2)
    if report.changes:
        table(["Finding", "Report", "Last quarter", "Now"], report.changes[:200])
    else:
        word.add_paragraph("No action changed its standing.")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def category_rows(rows):
    return [(name, *(counts.get(category, 0) for category in CATEGORY_ORDER)) for name, counts in rows]


def overdue_rows(rows: list[OverdueRow]):
    return [(r.label, r.report, r.force, r.owner, f"{r.target_on:%-d %b %Y}", r.days_late) for r in rows]


def print_context(report: PanelReport) -> dict:
    """What the print template and the dashboards show: the charts as data URIs, and every table."""
    import base64

    return {
        "report": report,
        "images": {key: base64.b64encode(data).decode() for key, data in report.charts.items()},
        "categories": [CATEGORY_LABELS[c] for c in CATEGORY_ORDER],
        "by_report": category_rows(report.by_report),
        "by_theme": category_rows(report.by_theme),
        "overdue": overdue_rows(report.overdue_shown),
        "bands": report.overdue_bands,
        "cap": OVERDUE_CAP,
    }


def as_html(report: PanelReport) -> str:
    from django.template.loader import render_to_string

    return render_to_string("tracking/panel_report_print.html", print_context(report))


def as_pdf(report: PanelReport) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=as_html(report)).write_pdf()


def annex_xlsx(report: PanelReport) -> bytes:
    """Every overdue action, for the annex."""
    from openpyxl import Workbook

    from core.exports import sheet, workbook_bytes

    book = Workbook(write_only=True)
    sheet(
        book,
        "Overdue actions",
        ["Finding", "Report", "Force", "Owner", "Target date", "Days late"],
        (
            [row.label, row.report, row.force, row.owner, row.target_on, row.days_late]
            for row in report.overdue
        ),
    )
    return workbook_bytes(book)
