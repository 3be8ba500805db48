"""core.exports writes what records say as text, never as something a spreadsheet runs."""

import io

from openpyxl import Workbook, load_workbook

from core.exports import csv_response, sheet, workbook_bytes


def test_a_workbook_cell_opening_with_equals_is_text_not_a_formula():
    book = Workbook()
    sheet(book, "Things", ["Name", "Count"], [["=1+2", 3], ["plain\x07text", 4]])
    read = load_workbook(io.BytesIO(workbook_bytes(book)))["Things"]
    assert read["A2"].data_type == "s" and read["A2"].value == "=1+2"
    assert read["B2"].value == 3
    assert read["A3"].value == "plaintext"


def test_a_csv_cell_opening_like_a_formula_is_quoted():
    response = csv_response(["Name"], [["=1+2"], ["-3"], ["fine"]], "things.csv")
    assert response.content.decode("utf-8-sig").splitlines() == ["Name", "'=1+2", "'-3", "fine"]


def test_a_write_only_workbook_has_the_same_bold_header_frozen_row_and_text():
    book = Workbook(write_only=True)
    sheet(book, "Long list", ["Name", "Count"], [["=1+2", 3], ["plain", 4]])
    read = load_workbook(io.BytesIO(workbook_bytes(book)))["Long list"]
    assert read["A1"].font.b and read.freeze_panes == "A2"
    assert read["A2"].data_type == "s" and read["A2"].value == "=1+2"
    assert [c.value for c in read[3]] == ["plain", 4]
