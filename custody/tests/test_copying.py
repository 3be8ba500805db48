"""An office's first import COPYs straight into the detentions table on PostgreSQL (`custody.copying`):
the same rows and figures as the staging path, nothing left when it fails half-way, and progress written
on a connection of its own while the rows are copied. On SQLite every import stages, and these tests
check the staging path says the same."""

import threading

import pytest
from django.db import connection

from custody import copying, imports
from custody.models import Detention, FigureSummary, ImportBatch
from custody.testing import cheshire, detention_row, import_rows, synthetic_csv

pytestmark = pytest.mark.django_db


def imported(tmp_path, monkeypatch, *, direct: bool) -> tuple[ImportBatch, list, list]:
    """Import the same file into an office with no detentions, by one path or the other: the batch, and
    what it stored (rows without their keys, summaries)."""
    Detention.objects.all().delete()
    FigureSummary.objects.all().delete()
    if not direct:
        monkeypatch.setattr(copying, "copies_directly", lambda office_id: False)
    path = tmp_path / "year.csv"
    path.write_text(synthetic_csv(rows=imports.CHUNK * 2 + 300, seed=41, months=14), encoding="utf-8")
    batch = imports.import_file(path=path, office=cheshire())
    monkeypatch.undo()
    rows = Detention.objects.order_by("record_key").values_list(
        *[name for name in imports.NAMES if name != "batch_id"]
    )
    stored = FigureSummary.objects.order_by("dimension", "month", "key").values_list(
        "dimension", "month", "key", "detentions", "overnight", "weekend", "post_charge", "requested",
        "transferred", "no_release", "extra", "held", "aa",
    )  # fmt: skip
    return batch, list(rows), [(*row[:-2], bytes(row[-2]), bytes(row[-1])) for row in stored]


def test_a_first_import_copies_directly_on_postgresql_and_stages_on_sqlite():
    assert copying.copies_directly(cheshire().pk) == (connection.vendor == "postgresql")


def test_copying_directly_stores_the_same_rows_and_figures_as_staging(tmp_path, monkeypatch):
    direct, direct_rows, direct_figures = imported(tmp_path, monkeypatch, direct=True)
    staged, staged_rows, staged_figures = imported(tmp_path, monkeypatch, direct=False)
    assert direct.state == staged.state == ImportBatch.State.IMPORTED, direct.errors
    fields = ["rows", "created", "updated", "missing_release", "warnings"]
    assert [getattr(direct, name) for name in fields] == [getattr(staged, name) for name in fields]
    assert direct.created == imports.CHUNK * 2 + 300 and direct.missing_release
    assert direct_rows == staged_rows
    assert direct_figures == staged_figures


def test_a_first_import_that_fails_half_way_leaves_nothing(tmp_path):
    rows = [detention_row(custody_record_number=f"H/{n}") for n in range(imports.CHUNK * 2 + 5)]
    rows.append(detention_row(custody_record_number="bad", age="21"))
    rows += [detention_row(custody_record_number=f"J/{n}") for n in range(10)]
    batch = import_rows(tmp_path, rows)
    assert batch.state == ImportBatch.State.REFUSED
    assert [(error["row"], error["column"]) for error in batch.errors] == [(len(rows) - 9, "age")]
    assert (batch.created, batch.updated) == (0, 0)
    assert not Detention.objects.exists() and not FigureSummary.objects.exists()


def test_a_record_twice_in_a_first_import_names_every_later_row(tmp_path):
    rows = [detention_row(custody_record_number=f"R/{n}") for n in range(imports.CHUNK + 20)]
    rows += [detention_row(custody_record_number="R/3"), detention_row(custody_record_number="R/2005")]
    batch = import_rows(tmp_path, rows)
    assert batch.state == ImportBatch.State.REFUSED
    assert [(error["row"], error["message"]) for error in batch.errors] == [
        (len(rows), "appears earlier in the file too"),
        (len(rows) + 1, "appears earlier in the file too"),
    ]
    assert not Detention.objects.exists() and not FigureSummary.objects.exists()


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = tmp_path / "year.csv"
    path.write_text(synthetic_csv(rows=600, seed=43, months=6), encoding="utf-8")
    first = imports.import_file(path=path, office=cheshire())
    rows = list(Detention.objects.order_by("pk").values_list(*imports.NAMES[3:]))
    figures = list(
        FigureSummary.objects.order_by("pk").values_list("dimension", "month", "key", "detentions")
    )
    again = imports.import_file(path=path, office=cheshire())
    assert (first.created, again.created, again.updated) == (600, 0, 600)
    assert list(Detention.objects.order_by("pk").values_list(*imports.NAMES[3:])) == rows
    assert sorted(FigureSummary.objects.values_list("dimension", "month", "key", "detentions")) == sorted(
        figures
    )


@pytest.mark.django_db(transaction=True)  # as in the worker: no caller's transaction around the import
def test_progress_is_written_on_a_connection_of_its_own_while_rows_are_copied(tmp_path):
    seen = []

    def progress(done, total):
        here = threading.current_thread() is threading.main_thread()
        seen.append((done, here, Detention.objects.count()))

    rows = [detention_row(custody_record_number=f"P/{n}") for n in range(imports.CHUNK * 2 + 10)]
    batch = import_rows(tmp_path, rows, on_progress=progress)
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    aside = connection.vendor == "postgresql"  # (SQLite stages, committing a chunk at a time, here)
    total = len(rows)
    # Nothing is seen from elsewhere before the file's one transaction ends; then all of it.
    assert seen == [(imports.CHUNK, not aside, 0), (imports.CHUNK * 2, not aside, 0), (total, True, total)]


def test_times_outside_the_years_the_clock_covers_are_copied_as_read(tmp_path):
    rows = [
        detention_row(arrived_at="2024-07-01 10:00", released_at="2024-07-01 12:30"),
        detention_row(custody_record_number="OLD", arrived_at="1985-06-01 10:00", released_at=""),
    ]
    batch = import_rows(tmp_path, rows)
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    times = sorted(Detention.objects.values_list("arrived_at", "released_at", "minutes_held"))
    assert [
        (arrived.isoformat(), released and released.isoformat(), held) for arrived, released, held in times
    ] == [
        ("1985-06-01T09:00:00+00:00", None, None),  # British Summer Time, as in 2024
        ("2024-07-01T09:00:00+00:00", "2024-07-01T11:30:00+00:00", 150),
    ]
