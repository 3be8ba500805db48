from pathlib import Path

import openpyxl
import pytest
from auditlog.models import LogEntry

from custody.imports import import_file, keyed_hash
from custody.models import Detention, ImportBatch
from custody.testing import cheshire, detention_row, import_rows, write_csv

pytestmark = pytest.mark.django_db


def test_it_imports_a_file_and_works_out_each_record(tmp_path):
    batch = import_rows(tmp_path, [detention_row(), detention_row(custody_record_number="T/0002", age=12)])
    assert batch.state == ImportBatch.State.IMPORTED
    assert (batch.rows, batch.created, batch.updated) == (2, 2, 0)
    first = Detention.objects.get(record_key=keyed_hash("cheshire", "record", "T/0001"))
    assert first.minutes_held == 12 * 60 + 35
    assert first.overnight is True  # 00:00 to 08:00 in custody
    assert first.local_authority.name == "Warrington"
    assert first.arrived_at.isoformat() == "2024-03-01T21:40:00+00:00"  # GMT in March: UTC as written
    assert Detention.objects.get(age=12).age_band == "10-12"


def test_the_source_ids_are_never_stored(tmp_path):
    import_rows(tmp_path, [detention_row(person_id="SECRET-77", custody_record_number="CRN-55")])
    detention = Detention.objects.get()
    stored = " ".join(str(value) for value in Detention.objects.values().get().values())
    assert "SECRET-77" not in stored and "CRN-55" not in stored
    assert detention.child_key == keyed_hash("cheshire", "child", "SECRET-77") != "SECRET-77"


def test_the_keyed_hash_depends_on_the_key(settings):
    first = keyed_hash("cheshire", "child", "A1")
    settings.SCRUTINY_CUSTODY_KEY = "another key"
    assert keyed_hash("cheshire", "child", "A1") != first


def test_errors_name_the_row_and_the_column(tmp_path):
    rows = [
        detention_row(),
        detention_row(custody_record_number="T/0002", age="19"),
        detention_row(
            custody_record_number="T/0003", arrived_at="yesterday", home_local_authority="Atlantis"
        ),
        detention_row(custody_record_number="T/0004", released_at="2024-03-01 20:00"),
    ]
    batch = import_rows(tmp_path, rows)
    assert batch.state == ImportBatch.State.REFUSED
    found = {(error["row"], error["column"]) for error in batch.errors}
    assert found == {(3, "age"), (4, "arrived_at"), (4, "home_local_authority"), (5, "released_at")}
    assert "19 is not the age of a child" in batch.errors[0]["message"]
    assert Detention.objects.count() == 0


def test_a_bad_row_leaves_the_database_as_it_was(tmp_path):
    import_rows(tmp_path, [detention_row(suite="North")], name="first.csv")
    before = list(Detention.objects.values())
    rows = [
        detention_row(suite="Changed"),
        *[detention_row(custody_record_number=f"N/{n}") for n in range(3000)],
    ]
    rows.append(detention_row(custody_record_number="bad", sex="kangaroo"))
    batch = import_rows(tmp_path, rows, name="second.csv")
    assert batch.state == ImportBatch.State.REFUSED
    assert batch.errors == [
        {"row": 3003, "column": "sex", "message": "“kangaroo” is not female, male or other"}
    ]
    assert list(Detention.objects.values()) == before


def test_a_reimport_updates_the_records_instead_of_duplicating_them(tmp_path):
    import_rows(tmp_path, [detention_row(suite="North")], name="first.csv")
    again = import_rows(tmp_path, [detention_row(suite="South"), detention_row(custody_record_number="T/9")])
    assert (again.created, again.updated) == (1, 1)
    assert Detention.objects.count() == 2
    assert Detention.objects.get(record_key=keyed_hash("cheshire", "record", "T/0001")).suite == "South"


def test_the_same_record_twice_in_one_file_is_an_error(tmp_path):
    batch = import_rows(tmp_path, [detention_row(), detention_row()])
    assert batch.errors == [
        {"row": 3, "column": "custody_record_number", "message": "appears earlier in the file too"}
    ]


@pytest.mark.parametrize("heading", ["Forename", "surname", "Date of Birth", "DOB", "child_name", "born_on"])
def test_a_column_of_names_or_dates_of_birth_refuses_the_file(tmp_path, heading):
    row = detention_row() | {heading: "x"}
    path = write_csv(tmp_path / "names.csv", [row], [*row.keys()])
    batch = import_file(path=path, office=cheshire())
    assert batch.state == ImportBatch.State.REFUSED
    assert heading in batch.errors[0]["message"] and "name or a date of birth" in batch.errors[0]["message"]
    assert Detention.objects.count() == 0


def test_a_missing_release_time_is_warned_about_not_guessed(tmp_path):
    batch = import_rows(tmp_path, [detention_row(released_at="")])
    assert batch.state == ImportBatch.State.IMPORTED and batch.missing_release == 1
    assert batch.warnings == [
        {"row": 2, "column": "released_at", "message": "is empty: time held is not known"}
    ]
    detention = Detention.objects.get()
    assert detention.released_at is None and detention.minutes_held is None and detention.overnight is None


def test_a_missing_required_column_names_it(tmp_path):
    row = {key: value for key, value in detention_row().items() if key != "age"}
    batch = import_file(path=write_csv(tmp_path / "a.csv", [row], [*row.keys()]), office=cheshire())
    assert "no age column" in batch.errors[0]["message"]


def test_a_column_mapping_reads_a_force_export_with_its_own_headings(tmp_path):
    renamed = {"Custody Ref": "custody_record_number", "Arrival Time": "arrived_at", "Suite Name": "suite"}
    row = detention_row()
    source = {next((s for s, t in renamed.items() if t == key), key): value for key, value in row.items()}
    path = write_csv(tmp_path / "force.csv", [source], [*source.keys()])
    batch = import_file(path=path, office=cheshire(), mapping=renamed)
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    assert batch.mapping == renamed


def test_a_time_the_clocks_skip_is_an_error(tmp_path):
    batch = import_rows(tmp_path, [detention_row(arrived_at="2024-03-31 01:30", released_at="")])
    assert batch.errors[0]["column"] == "arrived_at"
    assert "does not exist in UK time" in batch.errors[0]["message"]


def test_an_excel_workbook_imports(tmp_path):
    book = openpyxl.Workbook()
    sheet = book.active
    row = detention_row()
    sheet.append(list(row))
    sheet.append(list(row.values()))
    path = Path(tmp_path) / "detentions.xlsx"
    book.save(path)
    batch = import_file(path=path, office=cheshire())
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    assert Detention.objects.count() == 1


def test_an_import_is_one_audited_event(tmp_path):
    import_rows(tmp_path, [detention_row(custody_record_number=f"A/{n}") for n in range(50)])
    entries = LogEntry.objects.filter(content_type__app_label="custody")
    assert entries.count() == 1 and entries.get().content_type.model == "importbatch"


def test_times_are_stored_in_utc_and_read_in_uk_time_across_the_clock_change(tmp_path):
    # 25 October 2020: the clocks went back at 02:00 BST. 00:00 BST to 04:00 GMT is five real hours.
    rows = [
        detention_row(
            custody_record_number="A", arrived_at="2020-10-25 00:00", released_at="2020-10-25 04:00"
        ),
        detention_row(custody_record_number="B", arrived_at="2020-10-24T23:30+01:00", released_at=""),
    ]
    import_rows(tmp_path, rows)
    first = Detention.objects.get(record_key=keyed_hash("cheshire", "record", "A"))
    assert first.arrived_at.isoformat() == "2020-10-24T23:00:00+00:00"
    assert first.minutes_held == 300 and first.overnight is True
    assert first.month.isoformat() == "2020-10-01"
    second = Detention.objects.get(record_key=keyed_hash("cheshire", "record", "B"))
    assert second.arrived_at.isoformat() == "2020-10-24T22:30:00+00:00"


def test_custody_files_have_their_own_size_limit_above_documents(settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from custody.tasks import stage_spreadsheet
    from documents import DocumentError
    from documents.uploads import discard

    content = b"force,custody_record\n" + b"cheshire,CR1\n" * 200  # 2,621 bytes
    settings.SCRUTINY_MAX_UPLOAD_BYTES = 1024  # a report this big would be refused
    settings.SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES = 1024 * 1024
    staged = stage_spreadsheet(SimpleUploadedFile("detentions.csv", content))
    assert staged.path.read_bytes() == content
    discard(staged.path)
    settings.SCRUTINY_CUSTODY_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(DocumentError, match="detentions.csv"):
        stage_spreadsheet(SimpleUploadedFile("detentions.csv", content))
