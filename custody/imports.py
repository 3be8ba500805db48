"""Importing detentions: every row checked, all or nothing, re-imports update.

One pass over the file inside one transaction: rows are checked as they are read and written in chunks
while none has failed; after the first error, checking carries on (so the report names every bad row and
column) but nothing more is written, and the transaction is rolled back at the end. The batch row records
the outcome either way, outside that transaction. A record already imported (the same force and custody
record number) is updated in place and moves to the new batch.
"""

import functools
import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.conf import settings
from django.db import connection, transaction

from custody import reading, rules, schema, summaries
from custody.models import Detention, ImportBatch, OvernightFlag, OvernightRule
from directory.models import LocalAuthority

CHUNK = 2000
KEPT_ERRORS = 500


class ImportRefused(Exception):
    """The file cannot be imported at all (a refused or missing column); nothing was stored."""


def keyed_hash(*parts: str) -> str:
    """HMAC-SHA256 under SCRUTINY_CUSTODY_KEY, cut to 128 bits: the same input always gives the same key,
    and nobody without the key can go back from it, or test a guess."""
    message = "\x1f".join(part.strip() for part in parts).encode()
    digest = keyed(settings.SCRUTINY_CUSTODY_KEY).copy()  # the key's pads are worked out once
    digest.update(message)
    return digest.hexdigest()[:32]


@functools.lru_cache(maxsize=4)
def keyed(key: str):
    return hmac.new(key.encode(), digestmod=hashlib.sha256)


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
    errors: list = field(default_factory=list)
    error_count: int = 0
    warnings: list = field(default_factory=list)

    def error(self, row: int, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < KEPT_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})


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
        return readers.get(column.kind, lambda value: str(value).strip()[:300])

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
                outcome.warnings.append(
                    {"row": number, "column": "released_at", "message": "is empty: time held is not known"}
                )
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
        }


# Rows are written with one INSERT … ON CONFLICT DO UPDATE per chunk (executemany), which SQLite and
# PostgreSQL both have: Django's bulk_create spent more time building SQL than the database took.
FIELDS = [field for field in Detention._meta.concrete_fields if not field.primary_key]


def upsert_sql() -> str:
    quote = connection.ops.quote_name
    columns = [field.column for field in FIELDS]
    updates = [f"{quote(c)} = excluded.{quote(c)}" for c in columns if c not in ("office_id", "record_key")]
    return (
        f"INSERT INTO {quote(Detention._meta.db_table)} ({', '.join(map(quote, columns))}) "
        f"VALUES ({', '.join(['%s'] * len(columns))}) "
        f"ON CONFLICT ({quote('office_id')}, {quote('record_key')}) DO UPDATE SET {', '.join(updates)}"
    )


def adapters() -> list:
    """How each column's Python value goes to the database (datetimes as the backend stores them)."""
    ops = connection.ops
    found = []
    for column in FIELDS:
        kind = column.get_internal_type()
        found.append(
            ops.adapt_datetimefield_value
            if kind == "DateTimeField"
            else ops.adapt_datefield_value
            if kind == "DateField"
            else None
        )
    return found


def write(chunk: list[dict], batch: ImportBatch, outcome: Outcome, numbers: list[int]) -> None:
    keys = [detention["record_key"] for detention in chunk]
    existing = dict(
        Detention.objects.filter(office=batch.office_id, record_key__in=keys).values_list(
            "record_key", "batch"
        )
    )
    seen = set()
    for key, number in zip(keys, numbers, strict=True):
        if existing.get(key) == batch.pk or key in seen:
            outcome.error(number, "custody_record_number", "appears earlier in the file too")
        seen.add(key)
    if outcome.error_count:
        return
    adapt = adapters()
    names = [field.attname for field in FIELDS]
    rows = [
        [
            value if to_db is None or value is None else to_db(value)
            for value, to_db in zip((d[n] for n in names), adapt, strict=True)
        ]
        for d in chunk
    ]
    with connection.cursor() as cursor:
        cursor.executemany(upsert_sql(), rows)
    outcome.updated += len(existing)
    outcome.created += len(chunk) - len(existing)


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
    total = reading.count_rows(path, kind)
    with disable_auditlog():  # audited once, when it has an outcome (finish)
        batch = ImportBatch.objects.create(
            office=office,
            force=office.force,
            source_name=source_name[:255],
            imported_by=user if user is not None and user.pk else None,
            mapping=mapping or {},
        )
    outcome = Outcome()
    try:
        with reading.rows_of(path, kind) as (headings, rows), transaction.atomic():
            columns = resolve_headings(headings, mapping or {})
            converter = Converter(batch)
            chunk, numbers = [], []
            for number, values in rows:
                outcome.rows += 1
                cells = {name: value for name, value in zip(columns, values, strict=False) if name}
                detention = converter.convert(outcome, number, cells)
                if detention is not None and not outcome.error_count:
                    chunk.append(detention)
                    numbers.append(number)
                if len(chunk) >= CHUNK:
                    write(chunk, batch, outcome, numbers)
                    chunk, numbers = [], []
                if on_progress and outcome.rows % CHUNK == 0:
                    on_progress(outcome.rows, total)
            if chunk and not outcome.error_count:
                write(chunk, batch, outcome, numbers)
            if outcome.error_count:
                raise ImportRefused(f"{outcome.error_count} problem{'s' if outcome.error_count > 1 else ''}")
            if not outcome.rows:
                raise ImportRefused("the file has headings but no rows")
            flag_office_rules(batch)
            summaries.rebuild([batch.office_id])
    except ImportRefused as refusal:
        if not outcome.error_count:
            outcome.error(1, "", str(refusal))
        return finish(batch, outcome, ImportBatch.State.REFUSED)
    if on_progress:
        on_progress(outcome.rows, total)
    return finish(batch, outcome, ImportBatch.State.IMPORTED)


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
    made, flags = 0, []
    as_rules = [(rule, as_rule(rule)) for rule in office_rules]
    for pk, arrived, released in detentions.values_list("pk", "arrived_at", "released_at").iterator(CHUNK):
        for rule, checked in as_rules:
            if rules.applies(checked, arrived, released):
                flags.append(OvernightFlag(detention_id=pk, rule=rule))
        if len(flags) >= CHUNK:
            OvernightFlag.objects.bulk_create(flags)
            made, flags = made + len(flags), []
    OvernightFlag.objects.bulk_create(flags)
    return made + len(flags)


def as_rule(rule: OvernightRule) -> rules.Rule:
    return rules.Rule(rule.key, rule.name, rule.kind, rule.starts, rule.ends, rule.minimum_minutes)
