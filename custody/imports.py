"""Importing detentions: every row checked, all or nothing, re-imports update.

One streamed pass over the file, in chunks of rows read a column at a time (numpy for the times and
the overnight rules, each other column's reader remembering the few values it sees again and again); the
checked rows are written a chunk at a time by `custody.copying`, so memory stays flat: into a temporary
table (then published in one INSERT … SELECT … ON CONFLICT (office, record key) DO UPDATE once the whole
file is good, so a record already imported is updated in place and moves to the new batch), or, for an
office's first file on PostgreSQL, by one COPY straight into the detentions table inside one transaction.
After the first error, checking carries on (so the report names every bad row and column) but nothing
more is written, and nothing written stays. The figures' summaries are tallied from the same columns and
brought up to date in the publishing transaction. The batch row records the outcome either way, outside it.

A row that the fast path cannot read (a bad cell, a time written another way, a detention over a week)
is read by the careful one (`Converter.convert`), one row at a time, which names each bad cell: the two
read every row alike (tests compare them, on generated rows crowded around the clock changes).
"""

import functools
import hashlib
import hmac
import logging
import operator
import time
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection, transaction

from core.refusals import Refused
from custody import clock, copying, reading, rules, schema, summaries
from custody.copying import Staging  # noqa: F401 - where the import stages its rows (tests name it)
from custody.models import FIELDS, NAMES, Detention, ImportBatch, OvernightFlag, OvernightRule
from directory.models import LocalAuthority
from documents import tables

logger = logging.getLogger(__name__)
CHUNK = 5000  # rows read, checked and written at a time: numpy's work per call is spread wider
MISSING_RELEASE = "is empty: time held is not known"
KEPT_ERRORS = 500


class ImportRefused(Refused):
    """The file cannot be imported at all (a refused or missing column); nothing was stored."""


def keyed_hash(*parts: str) -> str:
    """HMAC-SHA256 under SCRUTINY_CUSTODY_KEY, cut to 128 bits: the same input always gives the same key,
    and nobody without the key can go back from it, or test a guess."""
    message = "\x1f".join(part.strip() for part in parts).encode()
    digest = keyed(settings.SCRUTINY_CUSTODY_KEY).copy()  # the key's pads are worked out once
    digest.update(message)
    return digest.hexdigest()[:32]


def hasher(*parts: str):
    """`keyed_hash` of the parts and one more (already stripped), with the parts hashed once: HMAC as
    RFC 2104 defines it, from SHA-256 states worked out once and copied for each value (hmac's own copy
    took twice as long; tests compare the two)."""
    key = settings.SCRUTINY_CUSTODY_KEY.encode()
    key = (hashlib.sha256(key).digest() if len(key) > BLOCK else key).ljust(BLOCK, b"\0")
    inner = hashlib.sha256(bytes(byte ^ 0x36 for byte in key))
    inner.update("".join(part.strip() + "\x1f" for part in parts).encode())
    outer = hashlib.sha256(bytes(byte ^ 0x5C for byte in key))

    def hashed(last: str) -> str:
        digest = inner.copy()
        digest.update(last.encode())
        result = outer.copy()
        result.update(digest.digest())
        return result.hexdigest()[:32]

    return hashed


BLOCK = 64  # SHA-256's block, in bytes


@functools.lru_cache(maxsize=4)
def keyed(key: str):
    return hmac.new(key.encode(), digestmod="sha256")  # (by name: OpenSSL's HMAC, copied in C)


def resolve_headings(headings: list, mapping: dict[str, str]) -> list[str | None]:
    """Each heading's column in the schema (None: ignored), after the mapping; refuses names and dates of
    birth, unknown targets and missing required columns, naming them."""
    lookup = {schema.normalise_heading(source): target for source, target in (mapping or {}).items()}
    resolved, seen = [], {}
    for position, heading in enumerate(headings, start=1):
        text = str(heading or "").strip()
        mapped = lookup.get(schema.normalise_heading(text))
        if schema.PERSONAL.search(text) and not (mapped in schema.BY_NAME and mapped != "person_id"):
            raise ImportRefused(
                f"column {position} (“{text[:60]}”) looks like a name or a date of birth: Scrutiny never "
                "stores these; remove the column and import again (or map it, if it holds something else)"
            )
        target = mapped or schema.normalise_heading(text)
        if target not in schema.BY_NAME:
            resolved.append(None)
            continue
        if target in seen:
            raise ImportRefused(f"columns {seen[target]} and {position} both hold {target}")
        seen[target] = position
        resolved.append(target)
    missing = [column.name for column in schema.COLUMNS if column.required and column.name not in seen]
    if missing:
        raise ImportRefused(
            f"the file has no {', '.join(missing)} column{'s' if len(missing) > 1 else ''} "
            "(map the force's own headings to them if they are named differently)"
        )
    return resolved


@dataclass
class Outcome:
    rows: int = 0
    created: int = 0
    updated: int = 0
    missing_release: int = 0
    errors: tables.Problems = field(default_factory=lambda: tables.Problems(kept=KEPT_ERRORS))
    warnings: list = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.add(row, column, message)

    @property
    def error_count(self) -> int:
        return self.errors.count


def plain_text(value) -> str:
    text = str(value).strip()
    if "\x00" in text:
        raise schema.Invalid("holds a NUL character, which no database stores; remove it")
    return text[:300]


class Converter:
    """Turns one row's cells into a Detention's fields, noting every bad cell."""

    def __init__(self, batch: ImportBatch):
        self.batch = batch
        self.authorities = {}
        for pk, code, name in LocalAuthority.objects.values_list("pk", "code", "name"):
            self.authorities[code.lower()] = pk
            self.authorities[name.lower()] = pk
        self.parsers = {column.name: self.parser(column) for column in schema.COLUMNS}

    def cell(self, outcome, number, name, value):
        if value is None or (value.__class__ is str and not value.strip()):
            if schema.BY_NAME[name].required:
                outcome.error(number, name, "is empty, and every row needs it")
            return None
        try:
            return self.parsers[name](value)
        except schema.Invalid as problem:
            outcome.error(number, name, str(problem))
            return None

    def parser(self, column):
        """How one column's non-empty cells are read."""
        if column.kind == "choice":
            return functools.partial(schema.parse_choice, choices=column.choices)
        readers = {
            "time": schema.parse_time,
            "age": schema.parse_age,
            "sex": schema.parse_sex,
            "ethnicity": schema.parse_ethnicity,
            "yesno": schema.parse_yesno,
            "authority": self.authority,
        }
        return readers.get(column.kind, plain_text)

    def authority(self, value):
        text = str(value).strip()
        if text.lower() not in self.authorities:
            raise schema.Invalid(f"“{text[:60]}” is not a local authority Scrutiny knows (ONS code or name)")
        return self.authorities[text.lower()]

    def convert(self, outcome: Outcome, number: int, values: dict) -> Detention | None:
        before = outcome.error_count
        cells = {name: self.cell(outcome, number, name, value) for name, value in values.items()}
        for name in schema.BY_NAME:
            cells.setdefault(name, None)
        for earlier, later in schema.TIME_ORDER:
            if cells[earlier] and cells[later] and cells[later] < cells[earlier]:
                outcome.error(number, later, f"is before {earlier}")
        if cells["transferred_at"] and not cells["transfer_requested_at"]:
            outcome.error(number, "transferred_at", "has a transfer but no transfer_requested_at")
        if outcome.error_count > before:
            return None
        if cells["released_at"] is None:
            outcome.missing_release += 1
            if len(outcome.warnings) < KEPT_ERRORS:
                outcome.warnings.append({"row": number, "column": "released_at", "message": MISSING_RELEASE})
        return self.detention(cells)

    def detention(self, cells: dict) -> dict:
        """The detention's columns (by attribute name), derived figures included."""
        batch, arrived, released = self.batch, cells["arrived_at"], cells["released_at"]
        code = cells["ethnicity"] or ""
        accommodation = cells["accommodation"] or ""
        return {
            "office_id": batch.office_id,
            "force_id": batch.force_id,
            "batch_id": batch.pk,
            "record_key": keyed_hash(batch.force.code, "record", cells["custody_record_number"]),
            "child_key": keyed_hash(batch.force.code, "child", cells["person_id"]),
            "suite": cells["suite"][:100],
            "age": cells["age"],
            "sex": cells["sex"],
            "ethnicity": code,
            "ethnic_group": schema.GROUP_OF[code[0]] if code else "",
            "looked_after": cells["looked_after"],
            "local_authority_id": cells["home_local_authority"],
            "arrived_at": arrived,
            "authorised_at": cells["authorised_at"],
            "charged_at": cells["charged_at"],
            "released_at": released,
            "bail": cells["bail"] or Detention.Bail.NONE,
            "aa_requested_at": cells["aa_requested_at"],
            "aa_arrived_at": cells["aa_arrived_at"],
            "transfer_requested_at": cells["transfer_requested_at"],
            "transfer_authority_id": cells["transfer_local_authority"],
            "secure_requested": None if not accommodation else accommodation == "secure",
            "reply": cells["reply"] or "",
            "placement": cells["placement"][:40] if cells["placement"] else "",
            "transferred_at": cells["transferred_at"],
            "certificate": cells["certificate"] or "",
            "certificate_reason": cells["certificate_reason"] or "",
            "month": rules.month_of(arrived),
            "age_band": rules.age_band(cells["age"]),
            "minutes_held": rules.minutes_between(arrived, released),
            "post_charge": cells["charged_at"] is not None,
            "overnight": rules.applies(rules.DEFAULT, arrived, released),
            "weekend": rules.applies(rules.WEEKEND, arrived, released),
            "transfer_minutes": rules.minutes_between(
                cells["transfer_requested_at"], cells["transferred_at"]
            ),
            "aa_minutes": rules.minutes_between(cells["aa_requested_at"], cells["aa_arrived_at"]),
        }


TIMES = [field.attname for field in FIELDS if field.get_internal_type() == "DateTimeField"]


class Slow(Exception):
    """The fast path cannot read the row; the careful one will say why."""


MISS = object()  # not yet seen by a column's reader
BAD = object()  # seen, and not readable by the fast path


def remembered(parse, required: bool):
    """A column reader for a whole column: what each value reads as, remembered (codes, ages, authorities:
    a few dozen values in a million rows), BAD for a value the fast path cannot read."""
    seen: dict = {}

    def read(value):
        if value is None or (value.__class__ is str and not value.strip()):
            return BAD if required else None
        try:
            return parse(value)
        except Exception:  # the careful path names it
            return BAD

    def column(values) -> list:
        found = list(map(seen.get, values, [MISS] * len(values)))
        if MISS in found:
            for index, value in enumerate(values):
                if found[index] is MISS:
                    try:
                        found[index] = seen[value]
                    except KeyError:
                        found[index] = read(value)
                        if len(seen) < 10_000:
                            seen[value] = found[index]
                    except TypeError:  # a value that cannot be a key (never from CSV or Excel)
                        found[index] = BAD
        return found

    return column


def text_column(required: bool):
    def column(values) -> list:
        texts = [
            (value if value.__class__ is str else "" if value is None else str(value)).strip()
            for value in values
        ]
        if "\x00" in "".join(texts):
            texts = [BAD if "\x00" in text else text for text in texts]
        if required:
            return [text[:300] if text.__class__ is str and text else BAD for text in texts]
        return [text[:300] if text.__class__ is str else text for text in texts]

    return column


NO_TIME = np.iinfo(np.int64).min
TEXT_OR_NONE = {str, type(None)}


def time_column(values) -> tuple[np.ndarray, np.ndarray]:
    """(UTC seconds, which cells the fast path cannot read) of a column of times. UK wall-clock times
    written "YYYY-MM-DD HH:MM" or "… HH:MM:SS" are read together; any other cell (with an offset, in
    another order, an Excel time) is read on its own."""
    count = len(values)
    seconds = np.full(count, NO_TIME, dtype=np.int64)
    if set(map(type, values)) <= TEXT_OR_NONE:
        odd = np.zeros(count, dtype=bool)
        cells = np.array([value or "" for value in values] if None in values else values, dtype=str)
    else:  # Excel times, numbers
        odd = np.fromiter((value is not None and value.__class__ is not str for value in values), bool, count)
        cells = np.array([value if value.__class__ is str else "" for value in values], dtype=str)
    lengths = np.char.str_len(cells)
    plain = (lengths == 16) | (lengths == 19)
    if plain.any():
        where = np.flatnonzero(plain)  # (only these are read: many columns are mostly empty)
        local, read = clock.wall_clock(cells[where].astype("U19"))
        fine = read & clock.in_range(local)
        usable = np.zeros(count, dtype=bool)
        usable[where[fine]] = True
        seconds[usable] = clock.to_utc(local[fine])
        odd |= (lengths > 0) & ~usable  # any other cell, an impossible date, another year: on its own
        odd[usable] |= clock.skipped(local[fine])  # an hour the clocks skip: refused, and named
    else:
        odd |= lengths > 0
    if odd.any():
        return one_at_a_time(values, seconds, odd)
    return seconds, odd


def one_at_a_time(values, seconds: np.ndarray, which: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    bad = np.zeros(len(values), dtype=bool)
    for index in np.flatnonzero(which):
        value = values[index]
        if value is None or (value.__class__ is str and not value.strip()):
            seconds[index] = NO_TIME
            continue
        try:
            moment = schema.parse_time(value)
        except Exception:
            bad[index] = True
            continue
        stamp = as_seconds(moment)
        if clock.START <= stamp < clock.END:
            seconds[index] = stamp
        else:
            bad[index] = True  # the careful path reads it (and works out its figures) one at a time
    return seconds, bad


def as_seconds(moment: datetime) -> int:
    """Whole seconds since 1970 (UTC) of an aware or naive-UTC time."""
    return (rules.as_naive_utc(moment) - EPOCH) // SECOND


class FastConverter:
    """Turns a chunk of rows into the tuples the import stages (NAMES' order, times as UTC seconds), a
    column at a time, and says which rows are out of the ordinary so the careful `Converter` can read them
    and name any problem."""

    def __init__(self, converter: "Converter", columns: list[str | None]):
        self.batch = converter.batch
        self.width = len(columns)
        # A column missing from the file reads the empty cells added after the row's own.
        position = {name: index for index, name in enumerate(columns) if name}
        self.plan = []
        for column in schema.COLUMNS:  # (resolve_headings has refused a file without a required column)
            if column.kind == "time":
                read = time_column
            elif column.kind == "text":
                read = text_column(column.required)
            else:
                read = remembered(converter.parsers[column.name], column.required)
            self.plan.append((column.name, position.get(column.name, self.width), read))
        self.record_hash = hasher(self.batch.force.code, "record")
        self.child_hash = hasher(self.batch.force.code, "child")
        self.fixed = (self.batch.office_id, self.batch.force_id, self.batch.pk)

    def convert(self, values: list) -> tuple:
        """One row (for tests and the odd row): raises Slow if the careful path must read it."""
        rows, slow = self.convert_chunk([values])
        if slow:
            raise Slow
        return rows[0]

    def convert_chunk(self, chunk: list[list]) -> tuple[list[tuple], list[int]]:
        """(the rows read, the positions in the chunk of those the careful path must read)."""
        columns, slow = self.convert_columns(chunk)
        return list(zip(*columns, strict=True)), slow

    def convert_columns(self, chunk: list[list]) -> tuple[list[list], list[int]]:
        """(the rows read, a column each in NAMES' order; the positions in the chunk of those the careful
        path must read)."""
        width, count = self.width, len(chunk)
        padded = chunk
        if set(map(len, chunk)) != {width}:
            padded = [
                values if len(values) == width else [*values[:width], *[None] * (width - len(values))]
                for values in chunk
            ]
        by_position = list(zip(*padded, strict=True)) if count else []
        by_position.append((None,) * count)
        cells, times, slow = {}, {}, np.zeros(count, dtype=bool)
        for name, position, read in self.plan:
            if read is time_column:
                times[name], bad = read(by_position[position])
                slow |= bad
            else:
                cells[name] = read(list(by_position[position]))
                if BAD in cells[name]:
                    slow |= np.fromiter((value is BAD for value in cells[name]), dtype=bool, count=count)
        has = {name: values != NO_TIME for name, values in times.items()}
        for earlier, later in schema.TIME_ORDER:
            slow |= has[earlier] & has[later] & (times[later] < times[earlier])
        slow |= has["transferred_at"] & ~has["transfer_requested_at"]
        arrived, released = times["arrived_at"], times["released_at"]
        with_release = has["released_at"]
        overnight = np.zeros(count, dtype=bool)
        weekend = np.zeros(count, dtype=bool)
        if with_release.any():
            safe = np.where(with_release & ~slow, released, arrived)
            default = rules.DEFAULT
            overnight, too_long = clock.held_overnight(
                arrived, safe, seconds_of(default.starts), seconds_of(default.ends), default.minimum * 60
            )
            weekend = clock.weekend(arrived, safe, rules.WEEKEND.minimum * 60)
            slow |= too_long & with_release  # held over a week: the careful path works it out
        keep = np.flatnonzero(~slow)
        if not len(keep):
            return [[] for _ in FAST_ORDER], list(range(count))

        picked = operator.itemgetter(*keep.tolist())

        def kept(values) -> list:
            if len(keep) == count:
                return values
            return [picked(values)] if len(keep) == 1 else list(picked(values))

        def kept_times(name) -> list:
            values = times[name][keep].astype(object)
            values[~has[name][keep]] = None
            return values.tolist()

        def kept_minutes(start, end) -> list:
            both = (has[start] & has[end])[keep]
            values = clock.minutes(times[start][keep], times[end][keep]).astype(object)
            values[~both] = None
            return values.tolist()

        def kept_flags(values) -> list:
            flags = values[keep].astype(object)
            flags[~with_release[keep]] = None
            return flags.tolist()

        size = len(keep)
        ethnicity = [code or "" for code in kept(cells["ethnicity"])]
        accommodation = kept(cells["accommodation"])
        ages = kept(cells["age"])
        columns = [
            *([value] * size for value in self.fixed),
            list(map(self.record_hash, kept(cells["custody_record_number"]))),
            list(map(self.child_hash, kept(cells["person_id"]))),
            [suite[:100] for suite in kept(cells["suite"])],
            ages,
            kept(cells["sex"]),
            ethnicity,
            [schema.GROUP_OF[code[0]] if code else "" for code in ethnicity],
            kept(cells["looked_after"]),
            kept(cells["home_local_authority"]),
            kept_times("arrived_at"),
            kept_times("authorised_at"),
            kept_times("charged_at"),
            kept_times("released_at"),
            [bail or Detention.Bail.NONE for bail in kept(cells["bail"])],
            kept_times("aa_requested_at"),
            kept_times("aa_arrived_at"),
            kept_times("transfer_requested_at"),
            kept(cells["transfer_local_authority"]),
            [None if not asked else asked == "secure" for asked in accommodation],
            [reply or "" for reply in kept(cells["reply"])],
            [placement[:40] if placement else "" for placement in kept(cells["placement"])],
            kept_times("transferred_at"),
            [certificate or "" for certificate in kept(cells["certificate"])],
            [reason or "" for reason in kept(cells["certificate_reason"])],
            clock.first_of_month(arrived[keep]),
            list(map(AGE_BANDS.__getitem__, ages)),
            kept_minutes("arrived_at", "released_at"),
            has["charged_at"][keep].tolist(),
            kept_flags(overnight),
            kept_flags(weekend),
            kept_minutes("transfer_requested_at", "transferred_at"),
            kept_minutes("aa_requested_at", "aa_arrived_at"),
        ]
        return columns, np.flatnonzero(slow).tolist()


AGE_BANDS = {age: rules.age_band(age) for age in range(10, 18)}


def seconds_of(moment) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


FAST_ORDER = [
    "office_id", "force_id", "batch_id", "record_key", "child_key", "suite", "age", "sex", "ethnicity",
    "ethnic_group", "looked_after", "local_authority_id", "arrived_at", "authorised_at", "charged_at",
    "released_at", "bail", "aa_requested_at", "aa_arrived_at", "transfer_requested_at",
    "transfer_authority_id", "secure_requested", "reply", "placement", "transferred_at", "certificate",
    "certificate_reason", "month", "age_band", "minutes_held", "post_charge", "overnight", "weekend",
    "transfer_minutes", "aa_minutes",
]  # fmt: skip


def as_row(detention: dict) -> tuple:
    """The careful path's detention as the tuple the fast path makes (times as UTC seconds)."""
    return tuple(
        as_seconds(detention[name]) if name in TIMES and detention[name] else detention[name]
        for name in NAMES
    )


EPOCH, SECOND = datetime(1970, 1, 1), timedelta(seconds=1)  # naive UTC times as whole seconds


def import_file(
    *,
    path: Path,
    office,
    user=None,
    source_name: str = "",
    mapping: dict[str, str] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> ImportBatch:
    """Import a CSV or Excel file of detentions for the office: the batch says how it went."""
    source_name = source_name or path.name
    kind = reading.kind_of(path, source_name)
    with disable_auditlog():  # audited once, when it has an outcome (finish)
        batch = ImportBatch.objects.create(
            office=office,
            force=office.force,
            source_name=source_name[:255],
            imported_by=user if user is not None and user.pk else None,
            mapping=mapping or {},
        )
    reader = Reader(batch, path, kind, mapping or {}, on_progress)
    outcome = Outcome()
    try:
        try:
            reader.load(outcome, direct=copying.copies_directly(office.pk))
        except copying.Clash:  # a record twice in the file: the staging path names each row
            outcome = Outcome()
            reader.load(outcome, direct=False)
    except ImportRefused as refusal:
        if not outcome.error_count:
            outcome.error(1, "", str(refusal))
        return finish(batch, outcome, ImportBatch.State.REFUSED)
    if on_progress:
        on_progress(outcome.rows, reader.total)
    per_row = {stage: round(seconds / outcome.rows * 1e6, 1) for stage, seconds in reader.seconds.items()}
    logger.info("imported %s rows, µs per row: %s", outcome.rows, per_row, extra={"per_row": per_row})
    return finish(batch, outcome, ImportBatch.State.IMPORTED)


class Reader:
    """One file read, checked and written a chunk at a time, then published (or refused) whole."""

    def __init__(self, batch, path: Path, kind: str, mapping: dict, on_progress):
        self.batch, self.path, self.kind, self.mapping = batch, path, kind, mapping
        self.on_progress = on_progress
        self.total = reading.count_rows(path, kind)
        self.seconds: Counter = Counter()  # stage → seconds, for the benchmark
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        """The time since the last lap, counted to `stage` (reading: the rows, and anything else)."""
        now = time.perf_counter()
        self.seconds[stage] += now - self.last
        self.last = now

    def load(self, outcome: Outcome, *, direct: bool) -> None:
        """Check every row (raising ImportRefused, naming every problem, if any is wrong), then publish."""
        batch, writer = self.batch, None
        self.seconds.clear()
        try:
            with reading.rows_of(self.path, self.kind, self.batch.source_name) as (headings, rows):
                self.columns = resolve_headings(headings, self.mapping)
                self.converter = Converter(batch)
                self.fast = FastConverter(self.converter, self.columns)
                writer = copying.Direct() if direct else copying.Staging()
                self.tally = summaries.Tally()
                with copying.aside(self.on_progress if direct else None) as aside, writer.transaction():
                    on_progress = aside if direct else self.on_progress
                    with writer.writing():
                        for raw, numbers in chunks(rows):
                            outcome.rows += len(raw)
                            self.check(outcome, writer, raw, numbers)
                            if on_progress and len(raw) == CHUNK:
                                on_progress(outcome.rows, self.total)
                    self.publish(outcome, writer)
        finally:
            if writer is not None:
                writer.drop()

    def check(self, outcome: Outcome, writer, raw: list[list], raw_numbers: list[int]) -> None:
        """Read a chunk of rows, write the good ones (until the first error), tally them."""
        self.lap("read")
        columns, slow = self.fast.convert_columns(raw)
        careful, rows = set(slow), []
        kept = [position for position in range(len(raw_numbers)) if position not in careful]
        numbers = [raw_numbers[position] for position in kept]
        unreleased = {kept[index] for index, value in enumerate(columns[RELEASED]) if value is None}
        for position in sorted(careful | unreleased):
            number = raw_numbers[position]
            if position not in careful:  # read by the fast path, without a release time
                outcome.missing_release += 1
                if len(outcome.warnings) < KEPT_ERRORS:
                    outcome.warnings.append(
                        {"row": number, "column": "released_at", "message": MISSING_RELEASE}
                    )
                continue
            # out of the ordinary: the careful path names any problem
            cells = {name: value for name, value in zip(self.columns, raw[position], strict=False) if name}
            detention = self.converter.convert(outcome, number, cells)
            if detention is not None:
                rows.append(as_row(detention))
                numbers.append(number)
        if rows:
            columns = [
                [*column, *more] for column, more in zip(columns, zip(*rows, strict=True), strict=True)
            ]
        self.lap("convert")
        if numbers and not outcome.error_count:
            writer.add(columns, numbers)
            self.lap("write")
            self.tally.add_columns(columns)
            self.lap("tally")

    def publish(self, outcome: Outcome, writer) -> None:
        if not outcome.rows:
            raise ImportRefused("the file has headings but no rows")
        if outcome.error_count:
            raise ImportRefused(f"{outcome.error_count} problem{'s' if outcome.error_count > 1 else ''}")
        batch = self.batch
        self.lap("read")
        with transaction.atomic(), page_cache():
            writer.publish(batch, outcome)
            if outcome.error_count:
                raise ImportRefused("the same record more than once")
            flag_office_rules(batch)
            if outcome.updated:  # records moved between groups: count them afresh
                summaries.rebuild([batch.office_id])
            else:
                summaries.add(batch.office_id, self.tally)
        self.lap("publish")


def chunks(rows):
    """(rows, their row numbers), CHUNK at a time."""
    raw, numbers = [], []
    for number, values in rows:
        raw.append(values)
        numbers.append(number)
        if len(raw) >= CHUNK:
            yield raw, numbers
            raw, numbers = [], []
    if raw:
        yield raw, numbers


RELEASED = NAMES.index("released_at")
PUBLISH_CACHE_KB = 64 * 1024


@contextmanager
def page_cache():
    """On SQLite, a larger page cache while the rows are published (64 MB, whatever the number of rows):
    each row goes into several indexes at places all over them, and SQLite's usual 2 MB cache made a
    million rows take twice as long."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{PUBLISH_CACHE_KB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


def finish(batch: ImportBatch, outcome: Outcome, state: str) -> ImportBatch:
    batch.state = state
    for name in ("rows", "created", "updated", "missing_release", "errors", "error_count", "warnings"):
        setattr(batch, name, getattr(outcome, name))
    if state == ImportBatch.State.REFUSED:
        batch.created = batch.updated = 0
    with disable_auditlog():
        batch.save()
    summary = {
        name: ["", str(getattr(batch, name))]
        for name in ("source_name", "state", "rows", "created", "updated")
    }
    LogEntry.objects.log_create(
        batch, force_log=True, action=LogEntry.Action.CREATE, changes=summary, actor=batch.imported_by
    )
    return batch


def flag_office_rules(batch: ImportBatch, rule_set=None) -> None:
    """Work out the office's own overnight rules for the batch's detentions (built-in rules are columns)."""
    office_rules = list(rule_set or OvernightRule.objects.filter(office=batch.office_id))
    if not office_rules:
        return
    detentions = Detention.objects.filter(batch=batch)
    OvernightFlag.objects.filter(detention__in=detentions.values("pk")).delete()
    flag_detentions(detentions, office_rules)


def flag_detentions(detentions, office_rules) -> int:
    """Flag the detentions each of the office's own rules finds overnight, a chunk at a time: the times
    read as whole seconds straight from the database, the rules worked out on arrays (as the import works
    out the built-in ones), the flags written with the database's bulk path."""
    checked = [(rule, as_rule(rule)) for rule in office_rules]
    if connection.vendor == "sqlite":
        seconds = "CAST(strftime('%%s', {}) AS INTEGER)"
    else:
        seconds = "CAST(EXTRACT(EPOCH FROM {}) AS BIGINT)"
    inner, params = (
        detentions.order_by().values_list("pk", "arrived_at", "released_at").query.sql_with_params()
    )
    query = (
        f"SELECT pk, {seconds.format('arrived_at')}, {seconds.format('released_at')} FROM ({inner}) AS chosen"
    )
    flags = connection.ops.quote_name(OvernightFlag._meta.db_table)
    made = 0
    # (a server-side cursor on PostgreSQL, inside the caller's transaction: rows come a chunk at a time)
    with connection.chunked_cursor() as reading, connection.cursor() as writing:
        reading.execute(query, params)
        while chunk := reading.fetchmany(CHUNK):
            keys = [pk for pk, _, _ in chunk]
            arrived = np.array([moment for _, moment, _ in chunk], dtype=np.int64)
            known = np.array([moment is not None for _, _, moment in chunk])
            released = np.array([moment or 0 for _, _, moment in chunk], dtype=np.int64)
            pairs = []
            for rule, as_checked in checked:
                found, alone = clock.applies(as_checked, arrived, released, known)
                for position in np.flatnonzero(alone):
                    _, arrival, release = chunk[position]
                    found[position] = bool(
                        rules.applies(
                            as_checked, EPOCH + arrival * SECOND, release and EPOCH + release * SECOND
                        )
                    )
                pairs += [(keys[position], rule.pk) for position in np.flatnonzero(found)]
            writing.executemany(f"INSERT INTO {flags} (detention_id, rule_id) VALUES (%s, %s)", pairs)
            made += len(pairs)
    return made


def as_rule(rule: OvernightRule) -> rules.Rule:
    return rules.Rule(rule.key, rule.name, rule.kind, rule.starts, rule.ends, rule.minimum_minutes)
