"""Tables as Excel workbooks and CSV files, for every app's exports. Every value written goes through
`core.text.for_xml`: openpyxl refuses control characters, which letters and pasted text can hold; a CSV
cell that a spreadsheet would run as a formula (=, +, -, @) is written as text."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from core.text import for_xml, one_line

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell(value):
    if value is None:
        return ""
    if isinstance(value, str):
        return for_xml(value)
    return value


def sheet(workbook: Workbook, title: str, header: list[str], rows) -> None:
    """A sheet with a bold, frozen header row. Text that opens with "=" is kept as text: openpyxl would
    otherwise write it as a formula for the spreadsheet to run. A write-only workbook
    (`Workbook(write_only=True)`) streams its rows: for long lists."""
    worksheet = workbook.create_sheet(title[:31])
    worksheet.freeze_panes = "A2"
    bold = Font(bold=True)
    if workbook.write_only:
        headings = [WriteOnlyCell(worksheet, heading) for heading in header]
        for heading in headings:
            heading.font = bold
        worksheet.append(headings)
        for row in rows:
            worksheet.append([text_cell(worksheet, cell(value)) for value in row])
        return
    worksheet.append(header)
    for heading in worksheet[1]:
        heading.font = bold
    for number, row in enumerate(rows, start=2):
        values = [cell(value) for value in row]
        worksheet.append(values)
        for column, value in enumerate(values, start=1):
            if isinstance(value, str) and value.startswith("="):
                worksheet.cell(row=number, column=column).data_type = "s"


def text_cell(worksheet, value):
    """The value, or a cell that holds it as text when openpyxl would take it for a formula."""
    if isinstance(value, str) and value.startswith("="):
        written = WriteOnlyCell(worksheet, value)
        written.data_type = "s"
        return written
    return value


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    response = HttpResponse(workbook_bytes(workbook), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{one_line(filename)}"'
    return response


def csv_cell(value) -> str:
    text = "" if value is None else str(value)
    text = for_xml(text)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def csv_response(header: list[str], rows, filename: str) -> HttpResponse:
    """A CSV file (UTF-8 with a byte-order mark, so Excel reads accents right)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{one_line(filename)}"'
    return response
