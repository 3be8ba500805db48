"""Tables as Excel workbooks and CSV files, for every app's exports. Every value written goes through
`core.text.for_xml`: openpyxl refuses control characters, which letters and pasted text can hold; a CSV
cell that a spreadsheet would run as a formula (=, +, -, @) is written as text."""

import csv
import io

from django.http import HttpResponse
from openpyxl import Workbook
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
    """A sheet with a bold, frozen header row."""
    worksheet = workbook.create_sheet(title[:31])
    worksheet.append(header)
    for heading in worksheet[1]:
        heading.font = Font(bold=True)
    for row in rows:
        worksheet.append([cell(value) for value in row])
    worksheet.freeze_panes = "A2"


def workbook_response(workbook: Workbook, filename: str) -> HttpResponse:
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
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
