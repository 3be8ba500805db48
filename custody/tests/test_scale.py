"""The import's fast path and bulk writing, and the summaries it keeps, agree with the careful, plain
ways of doing the same thing; the record-level export and the appropriate adult delay."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.urls import reverse

from accounts.roles import Role
from accounts.testing import client_as, make_user
from custody import figures, imports, rules, summaries
from custody.models import Detention, FigureSummary, ImportBatch
from custody.schema import COLUMNS
from custody.testing import (
    cheshire,
    detention_row,
    import_rows,
    import_synthetic,
    synthetic_csv,
    write_csv,
)
from custody.tests import oracle

pytestmark = pytest.mark.django_db


def test_the_import_writes_every_column_in_the_models_order():
    assert imports.NAMES == imports.FAST_ORDER


def careful_and_fast(rows: list[dict]):
    """Each row read by the fast path and by the careful one (as the import compares them)."""
    office = cheshire()
    batch = ImportBatch.objects.create(office=office, force=office.force, source_name="t.csv")
    names = [column.name for column in COLUMNS]
    careful = imports.Converter(batch)
    fast = imports.FastConverter(careful, names)
    for number, row in enumerate(rows, start=2):
        values = [row.get(name, "") for name in names]
        outcome = imports.Outcome()
        expected = careful.convert(outcome, number, dict(zip(names, values, strict=True)))
        assert not outcome.errors, outcome.errors
        yield fast.convert(list(values)), imports.as_row(expected)


def test_the_fast_path_reads_every_row_as_the_careful_path_does():
    rows = list(csv.DictReader(io.StringIO(synthetic_csv(rows=400, seed=5))))
    rows += [
        # an hour the clocks go back (with its offset), a time with seconds, a name for the authority
        detention_row(custody_record_number="E1", arrived_at="2020-10-25T01:30+01:00", released_at=""),
        detention_row(
            custody_record_number="E2",
            arrived_at="2024-03-30 23:59:30",
            released_at="2024-03-31 04:00",
            home_local_authority="warrington",
            sex=" F ",
            age="15.0",
        ),
    ]
    pairs = list(careful_and_fast(rows))
    assert len(pairs) == len(rows)
    for fast, careful in pairs:
        assert fast == careful


def test_a_bad_cell_goes_to_the_careful_path_which_names_it():
    office = cheshire()
    batch = ImportBatch.objects.create(office=office, force=office.force, source_name="t.csv")
    names = [column.name for column in COLUMNS]
    fast = imports.FastConverter(imports.Converter(batch), names)
    bad = detention_row(age="9")
    with pytest.raises(Exception):  # noqa: B017 - any failure sends the row to the careful path
        fast.convert([bad.get(name, "") for name in names])


def test_a_record_twice_far_apart_in_a_file_is_found_when_the_rows_are_published(tmp_path):
    rows = [detention_row(custody_record_number=f"D/{n}") for n in range(imports.CHUNK + 50)]
    rows.append(detention_row(custody_record_number="D/7"))
    batch = import_rows(tmp_path, rows)
    assert batch.state == ImportBatch.State.REFUSED
    assert batch.errors == [
        {
            "row": len(rows) + 1,
            "column": "custody_record_number",
            "message": "appears earlier in the file too",
        }
    ]
    assert not Detention.objects.exists() and not FigureSummary.objects.exists()


def test_progress_is_reported_as_rows_are_checked_and_the_staging_table_is_gone(tmp_path):
    rows = [detention_row(custody_record_number=f"P/{n}") for n in range(imports.CHUNK * 2 + 10)]
    seen = []
    batch = import_rows(tmp_path, rows, on_progress=lambda done, total: seen.append((done, total)))
    assert batch.state == ImportBatch.State.IMPORTED, batch.errors
    total = len(rows)
    assert seen == [(imports.CHUNK, total), (imports.CHUNK * 2, total), (total, total)]
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor, include_views=False)
    assert imports.Staging.TABLE not in tables


def stored_summaries() -> dict:
    rows = FigureSummary.objects.values(*summaries.STORED)
    return {
        key: {
            "counts": entry["counts"],
            "extra": entry["extra"],
            "held": summaries.pack(entry["held"]),
            "aa": summaries.pack(entry["aa"]),
        }
        for key, entry in summaries.merge({}, rows).items()
    }


def test_summaries_added_import_by_import_are_those_counted_afresh(tmp_path):
    import_synthetic(tmp_path, rows=300, seed=31)
    path = tmp_path / "more.csv"
    path.write_text(synthetic_csv(rows=200, seed=32).replace("SYN/", "MORE/"), encoding="utf-8")
    batch = imports.import_file(path=path, office=cheshire())
    assert (batch.created, batch.updated) == (200, 0)
    added = stored_summaries()
    summaries.rebuild([cheshire().pk])
    assert stored_summaries() == added


def test_a_reimport_that_moves_records_between_groups_counts_the_summaries_afresh(tmp_path):
    import_rows(tmp_path, [detention_row(suite="North"), detention_row(custody_record_number="T/2")])
    again = import_rows(tmp_path, [detention_row(suite="South")], name="again.csv")
    assert again.updated == 1
    suites = dict(FigureSummary.objects.filter(dimension="suite").values_list("key", "detentions"))
    assert suites == {"North": 1, "South": 1}
    assert FigureSummary.objects.get(dimension="total").detentions == 2


def test_the_funnel_transfers_and_adult_delay_from_the_summaries_match_the_detentions(tmp_path):
    import_synthetic(tmp_path, rows=600, seed=41)
    detentions, kept = Detention.objects.all(), FigureSummary.objects.all()
    assert figures.summary_funnel(kept) == oracle.funnel(detentions)
    live, stored = oracle.by_transfer_authority(detentions), figures.summary_by_transfer_authority(kept)
    assert sorted((r.label, r.values, r.median, r.p90) for r in stored.rows) == sorted(
        (r.label, r.values, r.median, r.p90) for r in live.rows
    )
    assert (stored.total.values, stored.total.median, stored.total.p90) == (
        live.total.values,
        live.total.median,
        live.total.p90,
    )
    waits = sorted(
        rules.minutes_between(requested, arrived) // 6
        for requested, arrived in detentions.filter(aa_arrived_at__isnull=False).values_list(
            "aa_requested_at", "aa_arrived_at"
        )
    )
    delay = figures.aa_delay(kept)
    assert delay.counted == len(waits) > 0
    assert delay.median == waits[-(-len(waits) * 5 // 10) - 1] / 10
    assert delay.p90 == waits[-(-len(waits) * 9 // 10) - 1] / 10


def test_the_adult_delay_is_on_the_page_and_in_the_return(tmp_path):
    import_rows(
        tmp_path,
        [
            detention_row(
                custody_record_number=f"A/{n}", aa_requested_at="2024-03-01 22:00", aa_arrived_at=arrived
            )  # half an hour, an hour twice, an hour and a half, two hours
            for n, arrived in enumerate(
                [
                    "2024-03-01 22:30",
                    "2024-03-01 23:00",
                    "2024-03-01 23:00",
                    "2024-03-01 23:30",
                    "2024-03-02 00:00",
                ]
            )
        ],
    )
    analyst = make_user(username="analyst", custody_access=True)
    client = client_as(analyst)
    html = client.get(reverse("custody:figures") + "?year=2024").content.decode()
    assert "Waiting for an appropriate adult" in html and "1.0 hours" in html and "2.0 hours" in html
    text = client.get(reverse("custody:return", args=["csv"]) + "?quarter=2024-Q1").content.decode()
    assert "Appropriate adult delay" in text and "All detentions,5,1.0,2.0" in text


def test_the_record_level_export_is_for_the_custody_permission_and_audited_once(tmp_path):
    import_rows(
        tmp_path,
        [detention_row(person_id="SECRET-1", custody_record_number="CRN-9"), detention_row(person_id="B")],
        name="two.csv",
    )
    assert Detention.objects.count() == 2
    officer = make_user(username="officer")
    assert client_as(officer).get(reverse("custody:records-export", args=["csv"])).status_code == 403
    panel = make_user(username="panel", role=Role.PANEL_MEMBER)
    assert client_as(panel).get(reverse("custody:records-export", args=["xlsx"])).status_code == 403
    analyst = make_user(username="analyst", custody_access=True)
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    response = client_as(analyst).get(reverse("custody:records-export", args=["csv"]) + "?year=all")
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Child key (keyed hash)" and len(rows) == 3
    assert "SECRET-1" not in text and "CRN-9" not in text
    assert rows[1][rows[0].index("Arrived (UK time)")] == "2024-03-01 21:40"
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS)
    assert entries.count() == before + 1 and entries.latest("pk").changes == {"records": ["", "2"]}
    book = client_as(analyst).get(reverse("custody:records-export", args=["xlsx"]) + "?year=all")
    sheet = openpyxl.load_workbook(io.BytesIO(book.content))["Detentions"]
    assert sheet["A1"].value == "Child key (keyed hash)" and sheet.max_row == 3
    assert entries.count() == before + 2


def test_times_are_staged_as_seconds_and_come_back_as_the_same_times(tmp_path):
    import_rows(tmp_path, [detention_row(arrived_at="2024-07-01 21:40:30", released_at="2024-07-02 08:00")])
    detention = Detention.objects.get()
    assert detention.arrived_at.isoformat() == "2024-07-01T20:40:30+00:00"  # BST in July
    assert detention.released_at == datetime.fromisoformat("2024-07-02T07:00:00+00:00")
    assert detention.month.isoformat() == "2024-07-01"


def test_a_nul_in_a_text_cell_is_an_error_naming_the_cell(tmp_path):
    rows = [detention_row(custody_record_number=f"N/{n}") for n in range(60)]  # past the sniffed start
    path = write_csv(tmp_path / "nul.csv", [*rows, detention_row(suite="No\x00rth")])
    batch = imports.import_file(path=path, office=cheshire())
    assert batch.errors == [
        {
            "row": 62,
            "column": "suite",
            "message": "holds a NUL character, which no database stores; remove it",
        }
    ]
