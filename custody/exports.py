"""The custody figures as files: the quarterly return (Excel and CSV) and the commissioner's briefing
(Word, with charts and tables). They carry exactly what the page shows the person: suppressed unless
they hold the custody permission, and always with the overnight rule named."""

import csv
import io
import re

from django.utils.safestring import mark_safe

from core.text import for_xml
from custody import charts, figures
from custody.dashboard import AUTHORITY_CHART, TREND_CHART, grid

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MEASURE_NAMES = [name for _, name in figures.MEASURES]
AUTHORITY_NAMES = [name for _, name in figures.AUTHORITY_MEASURES]


def quarter_from(text: str, detentions) -> tuple[int | None, int]:
    """ "2019-Q4", or the latest quarter with detentions."""
    found = re.fullmatch(r"(\d{4})-Q([1-4])", text.strip())
    if found and 1990 <= int(found[1]) <= 2100:
        return int(found[1]), int(found[2])
    latest = detentions.order_by("-month").values_list("month", flat=True).first()
    return (latest.year, (latest.month - 1) // 3 + 1) if latest else (None, 1)


CHART_LABELS = {
    "trend": "Line chart of detentions, overnight detentions and post-charge detentions by month; the table "
    "by month below gives the figures.",
    "authorities": "Bar chart of s38(6) requests and transfers achieved for each local authority asked; the "
    "table of transfers by local authority below gives the figures.",
}


def charts_svg(board) -> dict:
    """The page's charts as inline SVG: ids prefixed with the chart's name (two charts share marker ids),
    no XML prologue, and a text alternative."""
    drawn = {
        "trend": charts.trend(board.tables[0], TREND_CHART),
        "authorities": charts.comparison(board.authorities, AUTHORITY_CHART),
    }
    inline = {}
    for key, svg in drawn.items():
        text = "<svg" + svg.decode().split("<svg", 1)[1]
        text = re.sub(r'\sid="([^"]+)"', rf' id="{key}-\1"', text)
        text = text.replace("url(#", f"url(#{key}-").replace('href="#', f'href="#{key}-')
        text = text.replace("<svg", f'<svg role="img" aria-label="{CHART_LABELS[key]}"', 1)
        inline[key] = mark_safe(text)  # noqa: S308 - drawn by matplotlib from numbers and our own labels
    return inline


def sections(board):
    """(title, heading row, rows) of every table of the return."""
    head = [*MEASURE_NAMES, "Median hours held", "90th percentile hours"]
    for table in board.tables:
        yield table.title, [table.title, *head], grid(table, figures.COUNTS)
    authority_keys = [key for key, _ in figures.AUTHORITY_MEASURES]
    yield (
        "Transfers by local authority asked",
        ["Local authority asked", *AUTHORITY_NAMES, "Median hours to transfer", "90th percentile hours"],
        grid(board.authorities, authority_keys),
    )
    yield "The s38(6) funnel", ["Step", "Children"], [[label, shown] for _, label, shown in board.funnel]


def preamble(board) -> list[list[str]]:
    lines = [
        ["Children in police custody"],
        [f"Period: {board.period.label()}"],
        [f"Overnight rule: {board.rule_name}: {board.rule_text}"],
    ]
    if not board.full:
        lines.append(
            ["Counts from 1 to 4 are shown as <5; [c] hides a further cell so that none can be worked out."]
        )
    return lines


def return_csv(board) -> str:
    handle = io.StringIO()
    writer = csv.writer(handle)
    writer.writerows(preamble(board))
    for title, head, rows in sections(board):
        writer.writerows([[], [title], head, *rows])
    return handle.getvalue()


def return_xlsx(board) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Summary"
    for line in preamble(board):
        sheet.append([for_xml(cell) for cell in line])
    for title, head, rows in sections(board):
        table_sheet = book.create_sheet(re.sub(r"[^A-Za-z0-9 ()]", "", title)[:31])
        table_sheet.append([for_xml(title)])
        table_sheet["A1"].font = Font(bold=True)
        table_sheet.append([for_xml(cell) for cell in head])
        for row in rows:
            table_sheet.append([cell_value(cell) for cell in row])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def cell_value(text: str):
    number = charts.number(text)
    return number if number is not None and not text.startswith(("<", "[")) else for_xml(str(text))


def briefing_docx(board) -> bytes:
    import docx
    from docx.shared import Cm

    word = docx.Document()
    word.add_heading("Children in police custody: briefing for the commissioner", level=1)
    for line in preamble(board)[1:]:
        word.add_paragraph(for_xml(line[0]))
    word.add_paragraph(for_xml(summary_sentence(board)))
    word.add_heading("Detentions by month", level=2)
    word.add_picture(io.BytesIO(charts.trend(board.tables[0], TREND_CHART, kind="png")), width=Cm(16))
    word.add_heading("Where transfers fail", level=2)
    word.add_picture(
        io.BytesIO(charts.comparison(board.authorities, AUTHORITY_CHART, kind="png")), width=Cm(16)
    )
    for title, head, rows in sections(board):
        word.add_heading(for_xml(title), level=2)
        table = word.add_table(rows=1, cols=len(head))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, head, strict=True):
            cell.text = for_xml(text)
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = for_xml(str(text))
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def summary_sentence(board) -> str:
    """The period in one sentence, from the shown (possibly suppressed) totals."""
    total = board.tables[0]
    shown = total.shown
    funnel = {key: value for key, _, value in board.funnel}
    return (
        f"In {board.period.label()}, {shown[('total', 'detentions')]} detentions of children were recorded; "
        f"{shown[('total', 'overnight')]} were overnight under the rule “{board.rule_name}” "
        f"({board.rule_text}), and {shown[('total', 'no_release')]} had no release time, so whether they were "
        f"overnight is not known. {funnel['refused_bail']} children were charged and refused bail; "
        f"a s38(6) request was made for {funnel['requested']}, and {funnel['transferred']} were transferred "
        f"to local-authority accommodation. The median time held was {shown[('total', 'median')]} hours."
    )
