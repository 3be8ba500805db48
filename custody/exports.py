"""The custody figures as files: the quarterly return (Excel and CSV) and the commissioner's briefing
(Word, with charts and tables). They carry exactly what the page shows the person: suppressed unless
they hold the custody permission, and always with the overnight rule named. Also the record-level export
(CSV or Excel) for people with the custody permission. Workbooks and CSV files are written by
`core.exports`, as every app's are."""

import io
import re

from django.utils.safestring import mark_safe
from openpyxl import Workbook

from core.exports import csv_response, sheet, workbook_response
from core.text import for_xml
from custody import charts, figures, rules
from custody.dashboard import AUTHORITY_CHART, TREND_CHART, grid

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
        text = without_css("<svg" + svg.decode().split("<svg", 1)[1])
        text = re.sub(r'\sid="([^"]+)"', rf' id="{key}-\1"', text)
        text = text.replace("url(#", f"url(#{key}-").replace('href="#', f'href="#{key}-')
        text = text.replace("<svg", f'<svg role="img" aria-label="{CHART_LABELS[key]}"', 1)
        inline[key] = mark_safe(text)  # noqa: S308 - drawn by matplotlib from numbers and our own labels
    return inline


STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')
STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")


def as_attributes(declarations: str) -> str:
    """ "fill: none; stroke: #1d70b8" as SVG presentation attributes: ' fill="none" stroke="#1d70b8"'."""
    pairs = [part.split(":", 1) for part in declarations.split(";") if ":" in part]
    return "".join(f' {name.strip()}="{value.strip()}"' for name, value in pairs)


def without_css(svg: str) -> str:
    """matplotlib's SVG with its styling as presentation attributes (fill=, stroke=…), which a page under
    `style-src 'self'` draws, where it blocks `style=` attributes and `<style>` elements (the chart would
    be a black box). The one `<style>` rule matplotlib writes applies to every element: its properties are
    inherited, so they go on the root. The metadata (the time it was drawn) goes too."""
    root_rule = STYLE_ELEMENT.search(svg)
    svg = STYLE_ELEMENT.sub("", svg)
    svg = re.sub(r"\s*<metadata>.*?</metadata>", "", svg, flags=re.S)
    svg = STYLE_ATTRIBUTE.sub(lambda match: as_attributes(match[1]), svg)
    if root_rule:
        svg = svg.replace("<svg", "<svg" + as_attributes(root_rule[1]), 1)
    return svg


FUNNEL_TITLE = "The s38(6) funnel"
AUTHORITY_TITLE = "Transfers by local authority asked"


def sections(board):
    """(title, heading row, rows) of every table of the return."""
    head = [*MEASURE_NAMES, "Median hours held", "90th percentile hours"]
    for table in board.tables:
        yield table.title, [table.title, *head], grid(table, figures.COUNTS)
    authority_keys = [key for key, _ in figures.AUTHORITY_MEASURES]
    yield (
        AUTHORITY_TITLE,
        ["Local authority asked", *AUTHORITY_NAMES, "Median hours to transfer", "90th percentile hours"],
        grid(board.authorities, authority_keys),
    )
    yield FUNNEL_TITLE, ["Step", "Children"], [[label, shown] for _, label, shown in board.funnel]
    delay = board.aa_delay
    yield (
        "Appropriate adult delay",
        ["Requested to arrived", "Detentions recording both", "Median hours", "90th percentile hours"],
        [["All detentions", delay["counted"], delay["median"], delay["p90"]]],
    )


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


def return_csv(board, filename: str):
    """The return as one CSV file: the preamble, then each table under its title."""
    first, *rest = preamble(board)
    rows = [*rest]
    for title, head, table in sections(board):
        rows += [[], [title], head, *table]
    return csv_response(first, rows, filename)


def return_xlsx(board, filename: str):
    """The return as a workbook: the preamble, then a sheet a table (numbers as numbers)."""
    book = Workbook()
    book.remove(book.active)
    first, *rest = preamble(board)
    sheet(book, "Summary", first, rest)
    for title, head, rows in sections(board):
        sheet(
            book,
            re.sub(r"[^A-Za-z0-9 ()]", "", title),
            head,
            ([cell_value(text) for text in row] for row in rows),
        )
    return workbook_response(book, filename)


def cell_value(text: str):
    number = charts.number(text)
    return number if number is not None and not text.startswith(("<", "[")) else str(text)


# The record-level export: what the records page shows and every other field Scrutiny keeps, never the
# force's identifiers (Scrutiny holds only keyed hashes of them).
RECORD_COLUMNS = [
    ("Child key (keyed hash)", "child_key"),
    ("Record key (keyed hash)", "record_key"),
    ("Import", "batch_id"),
    ("Suite", "suite"),
    ("Age", "age"),
    ("Sex", "sex"),
    ("Ethnicity (18+1)", "ethnicity"),
    ("Ethnicity (5 groups)", "ethnic_group"),
    ("Looked after", "looked_after"),
    ("Home local authority", "local_authority__name"),
    ("Arrived (UK time)", "arrived_at"),
    ("Detention authorised", "authorised_at"),
    ("Charged", "charged_at"),
    ("Released", "released_at"),
    ("Bail", "bail"),
    ("Appropriate adult requested", "aa_requested_at"),
    ("Appropriate adult arrived", "aa_arrived_at"),
    ("s38(6) request", "transfer_requested_at"),
    ("Local authority asked", "transfer_authority__name"),
    ("Secure accommodation asked for", "secure_requested"),
    ("Reply", "reply"),
    ("Placement", "placement"),
    ("Transferred", "transferred_at"),
    ("s38(7) certificate", "certificate"),
    ("Certificate reason", "certificate_reason"),
    ("Hours held", "minutes_held"),
    (f"Overnight: {rules.DEFAULT.name}", "overnight"),
    (f"Overnight: {rules.WEEKEND.name}", "weekend"),
    ("Hours from request to transfer", "transfer_minutes"),
    ("Hours to the appropriate adult", "aa_minutes"),
]
RECORD_LIMIT = 250_000  # a spreadsheet's worth; more asks for a shorter period


def record_rows(detentions):
    """Each detention as a row of RECORD_COLUMNS: times in UK local time, durations in hours."""
    from django.utils import timezone

    from custody.schema import UK

    fields = [field for _, field in RECORD_COLUMNS]
    for values in detentions.values_list(*fields).iterator(chunk_size=2000):
        row = []
        for field, value in zip(fields, values, strict=True):
            if field.endswith("_at") and value is not None:
                value = timezone.localtime(value, UK).strftime("%Y-%m-%d %H:%M")
            elif field.endswith("minutes") or field == "minutes_held":
                value = None if value is None else round(value / 60, 2)
            elif isinstance(value, bool):
                value = "yes" if value else "no"
            row.append(value)
        yield row


def records_file(detentions, kind: str, filename: str):
    header = [heading for heading, _ in RECORD_COLUMNS]
    if kind == "csv":
        return csv_response(header, record_rows(detentions), filename)
    book = Workbook()
    book.remove(book.active)
    sheet(book, "Detentions", header, record_rows(detentions))
    return workbook_response(book, filename)


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
