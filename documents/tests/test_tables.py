"""The one table reader: CSV whatever its separator and encoding, or Excel, a row at a time, with
problems named by file and row."""

import io

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents import DocumentError
from documents.tables import CSV, XLSX, Problems, kind_of, read_table, rows_of

LIMIT = 10 * 1024 * 1024


@pytest.mark.parametrize("separator", [",", ";", "\t", "|"])
def test_a_file_separated_by_commas_semicolons_tabs_or_bars_is_read_as_its_columns(separator):
    content = (
        separator.join(["area", "kind", "day"]) + "\n" + separator.join(["Halton", "JTAI", "2019-08-23"])
    )
    headings, rows = read_table(content.encode(), "t.csv", max_bytes=LIMIT, max_rows=10)
    assert headings == ["area", "kind", "day"] and rows == [(2, ["Halton", "JTAI", "2019-08-23"])]


def test_a_windows_1252_file_and_a_byte_order_mark_are_read():
    headings, rows = read_table("name\nCaf\xe9\n".encode("cp1252"), "w.csv", max_bytes=LIMIT, max_rows=10)
    assert rows == [(2, ["Café"])]
    headings, _ = read_table("\ufeffname\nx\n".encode(), "b.csv", max_bytes=LIMIT, max_rows=10)
    assert headings == ["name"]


def test_a_workbook_is_read_row_by_row_with_dates_and_whole_numbers_as_typed():
    from datetime import datetime

    book = openpyxl.Workbook()
    book.active.append(["name", "day", "count"])
    book.active.append(["Halton", datetime(2019, 8, 23), 4.0])
    buffer = io.BytesIO()
    book.save(buffer)
    assert kind_of(buffer.getvalue(), "b.xlsx", max_bytes=LIMIT) == XLSX
    headings, rows = read_table(buffer.getvalue(), "b.xlsx", max_bytes=LIMIT, max_rows=10)
    assert rows == [(2, ["Halton", "2019-08-23", "4"])]


def test_a_quote_never_closed_is_refused_naming_the_file_and_row():
    content = b'name,kind\nHalton,"JTAI\nWarrington,JTAI\n'
    with (
        pytest.raises(DocumentError, match=r"q\.csv: row \d+ cannot be read as CSV"),
        rows_of(content, CSV, "q.csv") as (_, rows),
    ):
        list(rows)


def test_blank_rows_are_skipped_and_rows_keep_their_spreadsheet_numbers():
    _, rows = read_table(b"name,kind\nA,x\n\n,\nB,y\n", "n.csv", max_bytes=LIMIT, max_rows=10)
    assert rows == [(2, ["A", "x"]), (5, ["B", "y"])]


def test_too_many_rows_or_not_a_table_is_refused_naming_the_file():
    with pytest.raises(DocumentError, match="m.csv: it has more than 2 rows"):
        read_table(b"n\n1\n2\n3\n", "m.csv", max_bytes=LIMIT, max_rows=2)
    with pytest.raises(DocumentError, match="p.csv: this is not a CSV file or an Excel workbook"):
        read_table(bytes(range(256)), "p.csv", max_bytes=LIMIT, max_rows=2)


CELL = (
    st.text(
        alphabet=st.characters(codec="cp1252", exclude_categories=["Cc", "Cs", "Zl", "Zp"]),
        min_size=0,
        max_size=12,
    )
    .map(str.strip)
    .filter(lambda cell: not cell.startswith("="))
)  # (Excel would take "=…" as a formula)


@settings(max_examples=60, deadline=None)
@given(
    table=st.integers(1, 5).flatmap(
        lambda width: st.lists(st.lists(CELL, min_size=width, max_size=width), min_size=1, max_size=8)
    ),
    separator=st.sampled_from(list(",;\t|")),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
    excel=st.booleans(),
)
def test_any_table_written_as_csv_or_excel_reads_back_as_written(table, separator, encoding, excel):
    """Whatever the cells (quotes, separators and accents inside them), the separator and the encoding, a
    table written by a spreadsheet program reads back cell for cell, blank rows aside."""
    import csv

    headings = [f"column {n}" for n in range(len(table[0]))]
    if excel:
        book = openpyxl.Workbook()
        for row in [headings, *table]:
            book.active.append([cell or None for cell in row])
        buffer = io.BytesIO()
        book.save(buffer)
        content = buffer.getvalue()
    else:
        text = io.StringIO()
        csv.writer(text, delimiter=separator, lineterminator="\r\n").writerows([headings, *table])
        content = text.getvalue().encode(encoding)
    read_headings, rows = read_table(content, "t", max_bytes=LIMIT, max_rows=100)
    expected = [(n, row) for n, row in enumerate(table, start=2) if any(row)]
    assert read_headings == headings
    assert [(n, values[: len(headings)]) for n, values in rows] == [
        (n, [cell if cell else "" for cell in row]) for n, row in expected
    ]


def test_every_import_reports_its_problems_in_one_shape_counting_all_and_keeping_the_first():
    problems = Problems(kept=2)
    problems.add(3, "status", "'Done-ish' is not one of the office's statuses")
    problems.add(1, "", "choose the column for: Report")
    problems.add(9, "progress", "'120%' is not a percentage from 0 to 100")
    assert problems.count == 3 and len(problems) == 2  # a million bad rows are counted, not all kept
    assert problems[1] == {"row": 1, "column": "", "message": "choose the column for: Report"}
    assert problems.first() == "row 3, column status: 'Done-ish' is not one of the office's statuses"
    assert Problems.line(problems[1], "tracker.xlsx") == "tracker.xlsx, row 1: choose the column for: Report"
    assert Problems().first() == ""
