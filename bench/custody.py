"""Custody at scale: import synthetic detentions beside the database's own bulk path, then time the
custody page's figures for one year and for all years.

Rows: `--rows N`, or SCRUTINY_BENCH_CUSTODY_ROWS, spread over five years; `make bench` uses 100,000 (five
years of a large force, a few minutes a database); `python bench/custody.py --rows 1000000` is the full
run. The baseline loads the same CSV with no checking at all: one executemany transaction into a table
of text columns on SQLite, COPY on PostgreSQL. The write floor is the time to write the imported rows
again, unchanged, into a table made like the detentions table, in one statement. The import runs as the background task does (through
`core.jobs`, with progress), streamed: the process's peak memory (getrusage) is printed before and after
it, so runs of different sizes show whether it grows with the rows. Prints one JSON object a case.
"""

import argparse
import csv
import json
import logging
import os
import resource
import shutil
import statistics
import sys
import time
import uuid
from datetime import date
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ["SCRUTINY_TASKS"] = "immediate"  # the task runs here, exactly as the worker would run it
# A million rows make a file of about 170 MB, over the default upload limit (100 MB).
os.environ.setdefault("SCRUTINY_CUSTODY_MAX_UPLOAD_MB", "1024")  # a million rows is some 150 MB
from pages import configure  # noqa: E402

DEFAULT_ROWS = 100_000
FIGURE_REQUESTS = 20


def cpu_seconds() -> float:
    """This process's CPU time, user and system: on a busy machine, steadier than the clock (on SQLite
    it is nearly all the import's work; on PostgreSQL the server's share is not in it)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def baseline(paths: list[Path]) -> float:
    """The database's own bulk path, no validation: executemany in one transaction, or COPY; every file."""
    from django.db import connection, transaction

    from custody.schema import COLUMNS

    columns = ", ".join(f"{column.name} text" for column in COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE bench_raw ({columns})")
    start = time.perf_counter()
    for path in paths:
        with transaction.atomic(), connection.cursor() as cursor, path.open(newline="") as handle:
            if connection.vendor == "postgresql":
                with cursor.cursor.copy("COPY bench_raw FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
                    for block in iter(lambda: handle.read(1 << 20), ""):  # noqa: B023
                        copy.write(block)
            else:
                rows = csv.reader(handle)
                next(rows)
                marks = ", ".join(["%s"] * len(COLUMNS))
                cursor.executemany(f"INSERT INTO bench_raw VALUES ({marks})", rows)
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_raw")
    return seconds


def write_floor() -> float:
    """Writing the imported detentions again, as they are, into a table made like the detentions table
    (its indexes and constraints) in one statement: no reading, no checking. What any import that lands
    its rows in that table costs at least."""
    from django.db import connection, transaction

    from custody.models import Detention

    table = Detention._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"CREATE TABLE bench_floor (LIKE {table} INCLUDING ALL)")
        else:
            cursor.execute("SELECT sql FROM sqlite_master WHERE tbl_name = %s AND sql IS NOT NULL", [table])
            for (statement,) in cursor.fetchall():
                statement = statement.replace(f'"{table}"', '"bench_floor"')
                statement = statement.replace('INDEX "', 'INDEX "bench_floor_')
                cursor.execute(statement)
    start = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cursor:
        # (the WHERE stops SQLite copying the table's pages as they are, which no import could do: the
        # rows go in one by one, in the file's order, as an import's do)
        cursor.execute(f"INSERT INTO bench_floor SELECT * FROM {table} WHERE 1 = 1")
    seconds = time.perf_counter() - start
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_floor")
    return seconds


class Stages(logging.Handler):
    """The import's own account of where its time went (`custody.imports` logs µs per row by stage)."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.seconds: dict[str, float] = {}

    def emit(self, record):
        rows = int(record.args[0])
        for stage, micro in getattr(record, "per_row", {}).items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + micro * rows / 1e6

    def per_row(self, rows: int, seconds: float) -> dict:
        """µs per row by stage; "other": the rest of the task's time (counting the rows for the progress
        bar, the batch, the job)."""
        timed = {**self.seconds, "other": seconds - sum(self.seconds.values())}
        return {stage: round(spent / rows * 1e6, 1) for stage, spent in timed.items()}


def import_in_task(path: Path, office) -> tuple[float, object]:
    from core import jobs
    from custody.tasks import import_detentions
    from documents.uploads import staging_root

    folder = staging_root() / uuid.uuid4().hex
    folder.mkdir(mode=0o700)
    staged = folder / path.name
    shutil.copy(path, staged)
    start = time.perf_counter()
    job = jobs.start(
        import_detentions,
        kind="custody-import",
        label="Benchmark import",
        office_id=office.pk,
        path=str(staged),
        original_name=path.name,
        mapping={},
    )
    return time.perf_counter() - start, job


def time_figures(user, period, rule_key: str = "default") -> dict:
    from custody import dashboard

    timings = []
    for _ in range(FIGURE_REQUESTS):
        start = time.perf_counter()
        dashboard.build(user, period, rule_key)
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return {
        "median ms": round(statistics.median(timings)),
        "p95 ms": round(timings[int(len(timings) * 0.95) - 1]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--rows", type=int, default=int(os.environ.get("SCRUTINY_BENCH_CUSTODY_ROWS") or DEFAULT_ROWS)
    )
    parser.add_argument(
        "--offices",
        type=int,
        default=1,
        help="Offices to share the rows (one file each, imported one after another): the national shape.",
    )
    arguments = parser.parse_args()
    rows, office_count = arguments.rows, max(1, arguments.offices)
    configure()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from accounts.testing import make_user
    from custody import synth
    from custody.figures import Period
    from custody.management.commands.custody import areas_of
    from custody.models import ImportBatch
    from custody.testing import cheshire
    from directory.models import LocalPolicingBody
    from directory.services import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    others = (
        LocalPolicingBody.objects.current()
        .filter(force__local_authorities__isnull=False)
        .exclude(force__code="cheshire")
        .select_related("force")
        .distinct()
        .order_by("force__code")
    )
    offices = [cheshire(), *others[: office_count - 1]]
    if len(offices) < office_count:
        raise SystemExit(f"only {len(offices)} offices have force areas in the reference data")
    shares = [rows // office_count + (1 if n < rows % office_count else 0) for n in range(office_count)]
    # The worker controls an office's published figures after its import, as a task of its own: here it
    # is put off and timed on its own, so that the import's time is the import's.
    from custody import tasks

    put_off = []
    tasks.control_quarters = SimpleNamespace(enqueue=lambda **arguments: put_off.append(arguments))
    stages = Stages()
    logging.getLogger("custody.imports").addHandler(stages)
    logging.getLogger("custody.imports").setLevel(logging.INFO)
    before = peak_mb()  # the imports first, so that nothing before them has raised the peak
    seconds, cpu, paths = 0.0, 0.0, []
    for number, (office, share) in enumerate(zip(offices, shares, strict=True)):
        path = Path(settings.MEDIA_ROOT).parent / f"custody-bench-{number}.csv"
        with path.open("w", newline="") as handle:
            synth.write_synthetic(
                handle,
                rows=share,
                seed=number + 1,
                authorities=areas_of(office.force.code),
                start=date(2019, 1, 1),
                months=60,
            )
        started = cpu_seconds()
        took, job = import_in_task(path, office)
        seconds += took
        cpu += cpu_seconds() - started
        job.refresh_from_db()
        assert job.state == "done", job.message
        batch = ImportBatch.objects.get(office=office)
        assert batch.created == share, batch.errors[:3]
        paths.append(path)
    after = peak_mb()
    from custody.disclosure import control_office

    start = time.perf_counter()
    for arguments in put_off:
        control_office(arguments["office_id"])
    controls = time.perf_counter() - start
    base = baseline(paths)
    floor = write_floor()
    ratio = seconds / floor
    print(
        json.dumps(
            {
                "case": "custody import" + (f", {office_count} offices" if office_count > 1 else ""),
                "rows": rows,
                "seconds": round(seconds, 1),
                "this process's CPU s": round(cpu, 1),
                "baseline s": round(base, 1),
                "× baseline": round(seconds / base, 1),
                "write floor s": round(floor, 1),
                "× floor": round(ratio, 2),
                "µs/row above floor": round((seconds - floor) / rows * 1e6, 1),
                "µs/row by stage": stages.per_row(rows, seconds),
                "rows/s": round(rows / seconds),
                "peak MB before": before,
                "peak MB after": after,
                "then the worker's disclosure control s": round(controls, 1),
            }
        )
    )
    print(
        f"custody_import db={connection.vendor} rows={rows} seconds={seconds:.1f} floor_ratio={ratio:.2f} "
        f"peak_mb={after:.0f}",
        file=sys.stderr,
    )
    # Disclosure control of every quarter (the worker's work after an import), against reading the
    # quarters' figures alone.
    from custody import disclosure
    from custody.models import ControlledQuarter, FigureSummary

    start = time.perf_counter()
    quarters = disclosure.atoms(FigureSummary.objects.all())
    reading = time.perf_counter() - start
    ControlledQuarter.objects.all().delete()
    start = time.perf_counter()
    disclosure.control_office(cheshire().pk)
    control = time.perf_counter() - start
    hidden = sum(len(row.hidden) for row in ControlledQuarter.objects.all())
    cells = sum(len(cells) for cells in quarters.values())
    print(
        json.dumps(
            {
                "case": "custody disclosure control, every quarter",
                "rows": rows,
                "quarters": len(quarters),
                "seconds": round(control, 2),
                "reading the quarters s": round(reading, 2),
                "s per quarter": round(control / max(len(quarters), 1), 3),
                "cells hidden": f"{hidden} of {cells}",
            }
        )
    )
    officer = make_user(username="bench-officer")
    for name, period in [("one year", Period.year(2021)), ("all years", Period())]:
        figures = time_figures(officer, period)
        print(json.dumps({"case": f"custody figures controlled, {name}", "rows": rows, **figures}))
    user = make_user(username="bench-custody", custody_access=True)
    for name, period in [("one year", Period.year(2021)), ("all years", Period())]:
        print(json.dumps({"case": f"custody figures, {name}", "rows": rows, **time_figures(user, period)}))
    # An office's own rule: flagged afresh (the background task's work), then its figures for one year.
    from datetime import time as clock_time

    from custody import services

    rule = services.add_rule(
        office=cheshire(), name="Held 22:00 to 06:00", kind="held", starts=clock_time(22), ends=clock_time(6),
        minimum_minutes=120,
    )  # fmt: skip
    start = time.perf_counter()
    flagged = services.rebuild_rule(rule=rule)
    print(
        json.dumps(
            {
                "case": "custody office rule, flagged afresh",
                "rows": rows,
                "seconds": round(time.perf_counter() - start, 1),
                "flagged": flagged,
            }
        )
    )
    figures = time_figures(user, Period.year(2021), rule.key)
    print(json.dumps({"case": "custody figures, one year, office rule", "rows": rows, **figures}))
    for path in paths:
        path.unlink()


if __name__ == "__main__":
    main()
