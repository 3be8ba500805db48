"""Factories for custody: files in the import schema, imported through the real import, for tests, the
benchmarks and the demo."""

import csv
import functools
import io
from datetime import date
from pathlib import Path

from custody import synth
from custody.imports import import_file
from custody.schema import COLUMNS, EXAMPLE
from directory.models import LocalPolicingBody

REQUIRED_AND_RELEASE = {"age", "sex", "home_local_authority", "arrived_at", "released_at"}
# The template's example row, without the s38(6) story: a child released without charge.
BASE_ROW = {
    **{name: value for name, value in EXAMPLE.items() if name in REQUIRED_AND_RELEASE},
    "custody_record_number": "T/0001",
    "person_id": "CHILD-0001",
    "suite": "North",
    "ethnicity": "W1",
    "looked_after": "no",
    "bail": "none",
}


def cheshire():
    return LocalPolicingBody.objects.filter(force__code="cheshire").current().get()


def detention_row(**fields) -> dict:
    return {**BASE_ROW, **{name: str(value) for name, value in fields.items()}}


def write_csv(path: Path, rows: list[dict], headings: list[str] | None = None) -> Path:
    headings = headings or [column.name for column in COLUMNS]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=headings, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path


def import_rows(folder: Path, rows: list[dict], *, office=None, name="detentions.csv", **options):
    path = write_csv(Path(folder) / name, rows)
    return import_file(path=path, office=office or cheshire(), **options)


def synthetic_csv(
    *, rows: int, seed: int = 1, start=date(2019, 3, 1), months: int = 12, force="cheshire"
) -> str:
    from custody.management.commands.custody import areas_of

    return written_synthetic(rows, seed, tuple(areas_of(force)), start, months)


@functools.lru_cache(maxsize=16)
def written_synthetic(rows: int, seed: int, authorities: tuple, start: date, months: int) -> str:
    """The generator is deterministic, so the same file is written once per process: the demo and the
    tests that load it ask for the same year of detentions again and again."""
    handle = io.StringIO()
    synth.write_synthetic(
        handle, rows=rows, seed=seed, authorities=list(authorities), start=start, months=months
    )
    return handle.getvalue()


def import_synthetic(folder: Path, *, rows: int, seed: int = 1, office=None, **options):
    path = Path(folder) / f"synthetic-{seed}.csv"
    path.write_text(synthetic_csv(rows=rows, seed=seed, **options), encoding="utf-8")
    return import_file(path=path, office=office or cheshire())
