"""Importing inspections from CSV: every row or none, each problem named by row and column."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.testing import client_as
from core.testing import get_page
from partnerships.coverage import import_coverage
from partnerships.models import CoverageImport, Inspection

pytestmark = pytest.mark.django_db

HEADER = "local_authority,inspection,published_on,inspectorates,theme,report_url\n"


def test_a_good_file_is_stored_and_recorded(db):
    content = (
        HEADER
        + "Warrington,JTAI,2021-03-05,ofsted;CQC;hmicfrs,Criminal exploitation,https://reports.example.org/1\n"
        + "E06000049,ILACS,14/02/2022,ofsted,,\n"
        + "Cardiff,jicpa,2023-01-20,ciw;hiw;estyn;hmicfrs,,\n"
    ).encode()
    record = import_coverage(content=content, name="coverage.csv", user=None)
    assert record.state == "imported" and record.created == 3 and not record.errors
    warrington = Inspection.objects.get(local_authority__name="Warrington")
    assert warrington.theme == "Criminal exploitation" and warrington.source_import == record
    assert sorted(item.code for item in warrington.inspectorates.all()) == ["cqc", "hmicfrs", "ofsted"]
    assert Inspection.objects.get(local_authority__code="E06000049").published_on == date(2022, 2, 14)
    again = import_coverage(content=content, name="coverage.csv", user=None)
    assert again.created == 0 and again.unchanged == 3 and Inspection.objects.count() == 3


def test_one_bad_row_stores_nothing_and_every_problem_names_its_row_and_column(db):
    content = (
        HEADER
        + "Warrington,JTAI,2021-03-05,ofsted,,\n"
        + "Atlantis,JTAI,2021-03-05,ofsted,,\n"
        + "Halton,inspection of sorts,31/02/2021,ofsted;nobody,,ftp://example.org\n"
        + "Halton,Other,2020-01-01,,,\n"
        + "Warrington,JTAI,2021-03-05,,,\n"
    ).encode()
    record = import_coverage(content=content, name="coverage.csv", user=None)
    assert record.state == "refused" and Inspection.objects.count() == 0
    places = [(error["row"], error["column"]) for error in record.errors]
    assert places == [
        (3, "local_authority"),
        (4, "inspection"),
        (4, "published_on"),
        (4, "inspectorates"),
        (4, "report_url"),
        (5, "other_name"),
        (6, "published_on"),
    ]
    assert all(set(error) == {"row", "column", "message"} for error in record.errors)  # the one shape
    assert "row 2 already" in record.errors[-1]["message"]


def test_a_missing_or_unknown_column_is_named_in_the_header_row(db):
    record = import_coverage(
        content=b"local_authority,kind,published_on\nHalton,JTAI,2019-08-23\n", name="c.csv", user=None
    )
    assert [(e["row"], e["column"]) for e in record.errors] == [(1, "inspection"), (1, "kind")]


def test_an_empty_file_and_a_row_too_long_are_refused(db):
    assert import_coverage(content=HEADER.encode(), name="c.csv", user=None).errors[0]["row"] == 2
    record = import_coverage(
        content=(HEADER + "Halton,JTAI,2019-08-23,,,,surplus\n").encode(), name="c.csv", user=None
    )
    assert record.errors[0]["column"] == "(extra)"


def test_the_page_imports_in_the_worker_and_shows_the_record(scenario):
    client = client_as(scenario["officer"])
    upload = SimpleUploadedFile("more.csv", (HEADER + "Warrington,JTAI,2021-03-05,ofsted,,\n").encode())
    response = client.post(reverse("partnerships:coverage-import"), {"file": upload})
    record = CoverageImport.objects.visible_to(scenario["officer"]).get(file_name="more.csv")
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert record.imported_by == scenario["officer"] and record.created == 1
    html = get_page(client, record.get_absolute_url())
    assert "1 inspection added" in html


def test_the_page_lists_the_problems_of_a_refused_file(scenario):
    client = client_as(scenario["officer"])
    upload = SimpleUploadedFile("bad.csv", (HEADER + "Atlantis,JTAI,2021-03-05,,,\n").encode())
    client.post(reverse("partnerships:coverage-import"), {"file": upload})
    record = CoverageImport.objects.get(file_name="bad.csv")
    html = get_page(client, record.get_absolute_url())
    assert "Nothing was stored" in html and "Atlantis" in html


def test_a_binary_file_is_refused_at_once_naming_it(scenario):
    client = client_as(scenario["officer"])
    upload = SimpleUploadedFile("coverage.csv", b"\x00\x01\x02binary" * 100)
    response = client.post(reverse("partnerships:coverage-import"), {"file": upload})
    assert response.status_code == 200 and "coverage.csv" in response.content.decode()
    assert not CoverageImport.objects.filter(file_name="coverage.csv").exists()


def test_the_command_imports_a_file_or_lists_its_problems(db, tmp_path, capsys):
    from django.core.management import CommandError, call_command

    good = tmp_path / "good.csv"
    good.write_text(HEADER + "Halton,JTAI,2019-08-23,ofsted,,\n")
    call_command("import_coverage", str(good))
    assert "1 inspections added" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text(HEADER + "Halton,JTAI,someday,,,\n")
    with pytest.raises(CommandError, match="nothing was stored"):
        call_command("import_coverage", str(bad))
    assert "bad.csv, row 2, column published_on" in capsys.readouterr().err


@pytest.mark.parametrize(
    "content, column, words",
    [
        (
            b"local_authority,inspection,published_on,inspection\nHalton,JTAI,2019-08-23,JTAI\n",
            "inspection",
            "twice",
        ),
        (
            b'local_authority,inspection,published_on\nHalton,"JTAI,2019-08-23\nWarrington,JTAI,2019-09-01\n',
            "(file)",
            "cannot be read",
        ),
        (
            b"local_authority,inspection,published_on\nHalton,JTAI," + b"9" * 200_000 + b"\n",
            "(file)",
            "cannot be read",
        ),
        (
            b"local_authority,inspection,published_on,other_name\nHalton,Other,2019-08-23,"
            + b"x" * 201
            + b"\n",
            "other_name",
            "longer than 200",
        ),
    ],
    ids=["a column twice", "a quote never closed", "a field past the limit", "a name too long"],
)
def test_a_malformed_coverage_file_is_refused_naming_row_and_column(db, content, column, words):
    from partnerships.coverage import parse_coverage_csv

    rows, errors = parse_coverage_csv(content, "coverage.csv")
    assert not rows and any(e["column"] == column and words in e["message"] for e in errors), errors


def test_the_coverage_import_reads_an_excel_workbook_too(db):
    import io

    import openpyxl

    from partnerships.coverage import parse_coverage_csv

    book = openpyxl.Workbook()
    book.active.append(["local_authority", "inspection", "published_on"])
    book.active.append(["Halton", "JTAI", "2019-08-23"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows, errors = parse_coverage_csv(buffer.getvalue(), "coverage.xlsx")
    assert errors == [] and [row.authority.name for row in rows] == ["Halton"]
