"""Writing an import's checked rows, a chunk at a time, with the database's bulk path.

Two ways, both all or nothing for the file:

- `Staging`: into a temporary table of this connection (executemany on SQLite, COPY on PostgreSQL), each
  chunk committed as it goes, so the detentions table is touched only once the whole file has been
  checked: then one INSERT … SELECT … ON CONFLICT (office, record key) DO UPDATE publishes them all.
- `Direct` (PostgreSQL, an office's first import: no record of the office can be updated): COPY straight
  into the detentions table, inside one transaction held for the whole file and rolled back if anything
  is wrong. That skips writing every row twice. Progress is then written on a connection of its own
  (`aside`), since nothing this connection writes is seen before the end. A record twice in the file
  stops the COPY (`Clash`), and the import starts again by the staging path, which names the rows.

Rows come a column at a time, in NAMES' order, times as whole seconds since 1970 (UTC).
"""

import functools
import operator
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from itertools import repeat

import numpy as np
from django.db import DatabaseError, IntegrityError, connection, connections, transaction

from custody import clock
from custody.models import FIELDS, NAMES, Detention

TIMES = {index for index, field in enumerate(FIELDS) if field.get_internal_type() == "DateTimeField"}
MONTH = NAMES.index("month")
COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


class Clash(Exception):
    """The direct COPY met a record the office already holds (the same record twice in the file)."""


def kinds(*, times_as_text: bool) -> list[str]:
    def kind(index, field) -> str:
        internal = field.get_internal_type()
        if index in TIMES and times_as_text:
            return "time"
        return "bool" if "Boolean" in internal else "text" if internal == "CharField" else "plain"

    return [kind(index, field) for index, field in enumerate(FIELDS)]


def copy_text(columns: list[list], column_kinds: list[str], numbers: list[int] | None = None) -> str:
    """Rows given a column at a time, in PostgreSQL's COPY text format (led by their row numbers if
    given): each column formatted whole, psycopg's per-value dumping took longer than the rest."""
    written = [list(map(str, numbers))] if numbers is not None else []
    for kind, values in zip(column_kinds, columns, strict=True):
        if kind == "time":
            written.append(time_texts(values))
            continue
        if kind == "bool":
            written.append(list(map(BOOLEAN.__getitem__, values)))
            continue
        if kind == "text":
            joined = "".join(values if None not in values else [value or "" for value in values])
            if any(mark in joined for mark in "\\\t\n\r"):
                values = [None if value is None else value.translate(COPY_ESCAPES) for value in values]
        else:  # numbers and dates: each value written once (most columns hold a few hundred at most)
            texts = {value: "\\N" if value is None else str(value) for value in set(values)}
            values = list(map(texts.__getitem__, values))
        written.append(["\\N" if value is None else value for value in values] if None in values else values)
    return "\n".join(map("\t".join, zip(*written, strict=True))) + "\n"


BOOLEAN = {None: "\\N", True: "t", False: "f"}


def time_texts(seconds: list) -> list[str]:
    """UTC seconds (or None) as times in UTC that PostgreSQL reads, a column at a time: each day's and
    each second of the day's text are made once, and joined for each time."""
    known = np.fromiter(map(operator.is_not, seconds, repeat(None)), dtype=bool, count=len(seconds))
    if not known.any():
        return ["\\N"] * len(seconds)
    if known.all():
        stamps = np.array(seconds, dtype=np.int64)
    else:
        stamps = np.array(seconds, dtype=object)
        stamps[~known] = 0
        stamps = stamps.astype(np.int64)
    first, days, times = clock_texts()
    day, second = np.divmod(stamps, DAY)
    day -= first
    if ((day >= 0) & (day < len(days)) | ~known).all():
        texts = days[np.where(known, day, 0)] + times[second]
    else:  # (a time the careful path read, outside the years the clock covers)
        texts = np.datetime_as_string(stamps.astype("datetime64[s]"), timezone="UTC").astype(object)
    texts[~known] = "\\N"
    return texts.tolist()


DAY = 86400


@functools.cache
def clock_texts() -> tuple[int, np.ndarray, np.ndarray]:
    """(the first day, as days since 1970; each day's text from then; each second of a day's text)."""
    days = np.arange(
        np.datetime64(f"{clock.FIRST_YEAR}-01-01"), np.datetime64(f"{clock.LAST_YEAR + 1}-01-01")
    )
    day_texts = np.array([f"{text} " for text in np.datetime_as_string(days).tolist()], dtype=object)
    second_texts = np.array(
        [f"{second // 3600:02}:{second // 60 % 60:02}:{second % 60:02}+00" for second in range(DAY)],
        dtype=object,
    )
    return int(days[0].astype(np.int64)), day_texts, second_texts


def quoted_columns() -> str:
    return ", ".join(connection.ops.quote_name(field.column) for field in FIELDS)


class Staging:
    """The checked rows of one import, in a temporary table of this connection until the whole file has
    been checked, then published into the detentions in one statement."""

    TABLE = "custody_staged"

    def __init__(self):
        quote = connection.ops.quote_name
        self.postgres = connection.vendor == "postgresql"
        self.columns = quoted_columns()
        self.staged = 0
        self.kinds = kinds(times_as_text=False)
        # Times are staged as whole seconds since 1970 (UTC), turned back into times by the database as
        # they are published: formatting a million times in Python took longer than the rest of the row.
        as_time = "to_timestamp({})" if self.postgres else "datetime({}, 'unixepoch')"
        self.selected = ", ".join(
            as_time.format(quote(field.column)) if index in TIMES else quote(field.column)
            for index, field in enumerate(FIELDS)
        )
        definitions = ", ".join(
            f"{quote(field.column)} "
            + ("bigint" if index in TIMES else "integer" if field.is_relation else field.db_type(connection))
            for index, field in enumerate(FIELDS)
        )
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")
            cursor.execute(f"CREATE TEMPORARY TABLE {self.TABLE} (row_number integer, {definitions})")

    def transaction(self):
        return nullcontext()  # each chunk is committed as it is staged

    def writing(self):
        return nullcontext()

    def add(self, columns: list[list], numbers: list[int]) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f"COPY {self.TABLE} (row_number, {self.columns}) FROM STDIN") as copy:
                    copy.write(copy_text(columns, self.kinds, numbers))
            else:
                columns = list(columns)
                months = {month: str(month) for month in set(columns[MONTH])}  # as Django writes dates
                columns[MONTH] = list(map(months.__getitem__, columns[MONTH]))
                marks = ", ".join(["?"] * (len(FIELDS) + 1))
                # (sqlite3's own executemany: Django's peeks at each row through itertools.tee, a third
                # of the staging's time)
                with connection.wrap_database_errors:
                    connection.connection.executemany(
                        f"INSERT INTO {self.TABLE} VALUES ({marks})", zip(numbers, *columns, strict=True)
                    )
        self.staged += len(numbers)

    def publish(self, batch, outcome) -> None:
        """Insert or update every staged row (inside the caller's transaction); a record twice in the file
        is an error on each later row."""
        quote = connection.ops.quote_name
        table = quote(Detention._meta.db_table)
        updates = ", ".join(
            f"{quote(f.column)} = excluded.{quote(f.column)}"
            for f in FIELDS
            if f.column not in ("office_id", "record_key")
        )
        office = Detention.objects.filter(office=batch.office_id)
        before = office.count()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} ({self.columns}) SELECT {self.selected} FROM {self.TABLE} WHERE 1 = 1 "
                    f"ON CONFLICT ({quote('office_id')}, {quote('record_key')}) DO UPDATE SET {updates}"
                )
        except DatabaseError:  # PostgreSQL refuses to update one row twice in one statement
            if not self.duplicates(outcome):
                raise
            return
        if Detention.objects.filter(batch=batch).count() != self.staged and self.duplicates(outcome):
            return
        outcome.created = office.count() - before
        outcome.updated = self.staged - outcome.created

    def duplicates(self, outcome) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT row_number FROM (SELECT row_number, ROW_NUMBER() OVER (PARTITION BY record_key "
                f"ORDER BY row_number) AS seen FROM {self.TABLE}) AS ranked WHERE seen > 1 ORDER BY row_number"
            )
            found = [number for (number,) in cursor.fetchall()]
        for number in found:
            outcome.error(number, "custody_record_number", "appears earlier in the file too")
        return bool(found)

    def drop(self) -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE IF EXISTS {self.TABLE}")


def copies_directly(office_id: int) -> bool:
    """Whether an import for the office can COPY straight into the detentions table: on PostgreSQL,
    when the office holds no detentions yet (so no record can be updated)."""
    return connection.vendor == "postgresql" and not Detention.objects.filter(office=office_id).exists()


class Direct:
    """An office's first import on PostgreSQL: one COPY into the detentions table, written a chunk at a
    time as the rows are checked (the server writes one chunk while the next is checked), inside the one
    transaction the import holds for the whole file."""

    def __init__(self):
        table = connection.ops.quote_name(Detention._meta.db_table)
        self.statement = f"COPY {table} ({quoted_columns()}) FROM STDIN"
        self.kinds = kinds(times_as_text=True)
        self.staged = 0
        self.copy = None

    def transaction(self):
        return transaction.atomic()

    @contextmanager
    def writing(self):
        try:
            # (psycopg's own cursor, its errors wrapped as Django's)
            with (
                connection.cursor() as cursor,
                connection.wrap_database_errors,
                cursor.cursor.copy(self.statement) as self.copy,
            ):
                yield
        except IntegrityError as clash:
            raise Clash from clash
        finally:
            self.copy = None

    def add(self, columns: list[list], numbers: list[int]) -> None:
        try:
            with connection.wrap_database_errors:
                self.copy.write(copy_text(columns, self.kinds))
        except IntegrityError as clash:
            raise Clash from clash
        self.staged += len(numbers)

    def publish(self, batch, outcome) -> None:
        outcome.created, outcome.updated = self.staged, 0

    def drop(self) -> None:
        pass


@contextmanager
def aside(report: Callable | None):
    """`report` run on a connection of its own (a thread's, as Django gives each thread its own), so
    that the progress it writes is seen while this connection's transaction is still open. Unless this
    connection is already inside the caller's transaction: then the caller's rows, the job among them,
    are not seen by any other connection either, and `report` runs here."""
    if report is None or connection.in_atomic_block:
        yield report
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="custody-progress") as thread:
        waiting = []

        def later(*arguments) -> None:
            if waiting:
                waiting.pop().result()  # one at a time, and its failure raised here
            waiting.append(thread.submit(report, *arguments))

        try:
            yield later
            if waiting:
                waiting.pop().result()
        finally:
            thread.submit(connections.close_all).result()
