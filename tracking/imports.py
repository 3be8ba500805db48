"""Importing an existing tracker from Excel or CSV: read the table, map its columns to ours (guessed from
the headings' words, or as the office last confirmed for the same headings), check every row, then import
all of it or nothing.

Each row names a report (by title), a finding (by label) and a force (by name or code); they are matched
to ours, and a row that matches nothing is listed with its row and column. Importing a row sets the
owner, revises the target date (recorded as agreed in the import) and adds an update with what is new in
the status, progress and note: the same services as the pages, inside one transaction. A row that says
what the tracker already says writes nothing, so importing the same file twice changes nothing.
"""

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from core.dates import check_happened
from core.refusals import Refused
from documents import DocumentError, tables
from documents.uploads import check_size, safe_name
from reports.models import Report
from tracking.models import Action, ColumnMapping, ImportBatch, Status
from tracking.services import ActionRefused, Change, record_update, revise_target, set_owner

MAX_ROWS = 5000
MAX_UNPACKED = 200 * 1024 * 1024  # a workbook of 5,000 actions unpacks to a few megabytes
FIELDS = [
    ("report", "Report title", True),
    ("label", "Finding label (e.g. Recommendation 3)", True),
    ("force", "Force (name or code)", False),
    ("owner", "Owner", False),
    ("target_on", "Target date", False),
    ("status", "Status (one of the office's)", False),
    ("progress", "Per cent complete", False),
    ("note", "Update or note", False),
    ("effective_on", "Date of the update", False),
]
# The words trackers use in their headings for each of our fields, surest first. A heading made of a
# phrase's words and nothing else is a sure match; one that says more besides is a weaker one.
PHRASES = {
    "report": ("report", "report title", "report name", "inspection report", "inspection", "title"),
    "label": (
        "ref",
        "reference",
        "label",
        "rec no",
        "recommendation no",
        "recommendation number",
        "recommendation ref",
        "finding",
        "recommendation",
        "no",
        "number",
    ),
    "force": ("force", "police force", "constabulary"),
    "owner": ("owner", "action owner", "lead", "lead officer", "responsible officer", "responsible"),
    "target_on": ("target date", "target", "due date", "due", "deadline", "completion date", "due by"),
    "status": ("status", "current status", "state"),
    "progress": ("% complete", "progress", "%", "percent complete", "per cent complete", "complete"),
    "note": (
        "update",
        "latest update",
        "progress update",
        "note",
        "notes",
        "comment",
        "comments",
        "commentary",
        "narrative",
    ),
    "effective_on": (
        "date of update",
        "update date",
        "date updated",
        "updated",
        "updated on",
        "last updated",
        "as at",
    ),
}
# Words that say a heading is about something else: "Recommendation text" is not the label.
NOT_FOR = {
    "report": {"date", "published"},
    "label": {"text", "description", "detail", "details", "wording"},
    "status": {"date"},
    "progress": {"date"},
    "note": {"date", "by"},
}
CLEAR = 0.3  # a guess must account for this share of its heading's words


class ImportRefused(Refused):
    def __init__(self, message: str, problems: tables.Problems | None = None):
        super().__init__(message)
        self.problems = problems if problems is not None else tables.Problems()


def read_table(upload) -> tuple[str, list[str], list[list[str]]]:
    """The upload's name, heading row and rows, as text (the one table reader, `documents.tables`);
    refused naming the file when it is not a table."""
    from django.conf import settings

    name = safe_name(getattr(upload, "name", "") or "tracker")
    check_size(name, upload.size or 0)
    data = upload.read()
    headings, rows = tables.read_table(
        data, name, max_bytes=settings.SCRUTINY_MAX_UPLOAD_BYTES, max_rows=MAX_ROWS, max_unpacked=MAX_UNPACKED
    )
    if not rows:
        raise DocumentError(name, "there is no heading row with rows under it")
    heading = distinct([cell or f"Column {n + 1}" for n, cell in enumerate(headings)])
    width = len(heading)
    return name, heading, [(values + [""] * width)[:width] for _, values in rows]


def distinct(heading: list[str]) -> list[str]:
    """Headings that name one column each: a repeated heading gets its place ("Notes (column 7)")."""
    seen = [column.casefold() for column in heading]
    return [
        f"{column} (column {n + 1})" if seen.count(column.casefold()) > 1 else column
        for n, column in enumerate(heading)
    ]


def stage(*, upload, office, user) -> ImportBatch:
    name, heading, rows = read_table(upload)
    kept = remembered(office, heading)
    return ImportBatch.objects.create(
        office=office,
        uploaded_by=user,
        original_name=name,
        columns=heading,
        rows=rows,
        mapping=kept.mapping if kept else guess(heading),
    )


def words(text: str) -> list[str]:
    return re.findall(r"%|[a-z0-9]+", text.casefold())


def guess(heading: list[str]) -> dict[str, str]:
    """Our fields matched to the file's columns by the words of their headings: each pair scored by how
    much of the heading one of the field's phrases accounts for (its surer phrases first), and the best
    pairs taken first, one column to a field."""
    order = list(PHRASES)
    pairs = []
    for position, column in enumerate(heading):
        said = words(column)
        for key, phrases in PHRASES.items():
            scores = [
                len(phrase) / len(said) - rank / 100
                for rank, phrase in enumerate(map(words, phrases))
                if said and set(phrase) <= set(said) and not NOT_FOR.get(key, set()) & set(said)
            ]
            if scores and max(scores) >= CLEAR:
                pairs.append((-max(scores), order.index(key), position, key, column))
    mapping: dict[str, str] = {}
    for *_, key, column in sorted(pairs):
        if key not in mapping and column not in mapping.values():
            mapping[key] = column
    return mapping


def headings_key(heading: list[str]) -> str:
    return hashlib.sha256("\x1f".join(" ".join(words(column)) for column in heading).encode()).hexdigest()


def remembered(office, heading: list[str]) -> ColumnMapping | None:
    """The mapping the office last confirmed for a file with these headings (case and spacing aside),
    its columns named as this file names them; None when there is none, or it no longer fits."""
    kept = ColumnMapping.objects.filter(office=office, headings_key=headings_key(heading)).first()
    if kept is None or len(kept.headings) != len(heading):
        return None
    named = dict(zip(kept.headings, heading, strict=True))
    if not (set(kept.mapping) <= {key for key, _, _ in FIELDS} and set(kept.mapping.values()) <= set(named)):
        return None
    kept.mapping = {key: named[column] for key, column in kept.mapping.items()}
    return kept


def remember(*, batch: ImportBatch, user) -> None:
    """Keep the batch's mapping, as confirmed, for the office's next file with the same headings."""
    ColumnMapping.objects.update_or_create(
        office=batch.office,
        headings_key=headings_key(batch.columns),
        defaults={"headings": batch.columns, "mapping": batch.mapping, "confirmed_by": user},
    )


def parse_date(text: str) -> date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d %B %Y", "%d %b %Y"):
        try:
            day = datetime.strptime(text, pattern).date()
        except ValueError:
            continue
        if 1900 <= day.year <= 2100:
            return day
    raise ValueError(f"{text!r} is not a date like 31/03/2026")


@dataclass
class Plan:
    row: int  # the spreadsheet's row number (the heading is row 1)
    action: Action
    owner: str = ""
    target_on: date | None = None
    status: Status | None = None
    progress: int | None = None
    note: str = ""
    effective_on: date | None = None


@dataclass
class Checked:
    plans: list[Plan] = field(default_factory=list)
    errors: tables.Problems = field(default_factory=tables.Problems)
    unmatched_reports: list[str] = field(default_factory=list)
    unmatched_findings: list[str] = field(default_factory=list)


def check(batch: ImportBatch, user) -> Checked:
    """Every row checked against our reports, findings, forces and statuses; nothing is stored."""
    mapping = batch.mapping
    missing = [label for key, label, needed in FIELDS if needed and not mapping.get(key)]
    result = Checked()
    if missing:
        result.errors.add(1, "", "choose the column for: " + ", ".join(missing))
        return result
    known = Known.load(batch, user)
    index = {column: n for n, column in enumerate(batch.columns)}
    for offset, row in enumerate(batch.rows):
        value = {key: row[index[column]] for key, column in mapping.items() if column in index}
        plan = check_row(offset + 2, value, mapping, known, result)
        if plan is not None:
            result.plans.append(plan)
    return result


@dataclass
class Known:
    """What the rows are matched against, read once: the reports the person can see, the office's
    statuses, and its actions by (report, finding label)."""

    reports: dict
    statuses: dict
    actions: dict

    @classmethod
    def load(cls, batch: ImportBatch, user) -> "Known":
        reports = {report.title.casefold(): report for report in Report.objects.visible_to(user)}
        statuses = {status.name.casefold(): status for status in Status.objects.filter(office=batch.office)}
        actions = {}
        for action in Action.objects.filter(office=batch.office).select_related("finding", "force"):
            actions.setdefault((action.finding.report_id, action.finding.label.casefold()), []).append(action)
        return cls(reports, statuses, actions)


def check_row(number: int, value: dict, mapping: dict, known: Known, result: Checked) -> Plan | None:
    """One row: its action found (report, label and, where the office follows it for several, force) and
    each value read; every problem is added to `result` by the row's column. The plan, or None."""
    errors_before = result.errors.count

    def refuse(key, message):
        result.errors.add(number, mapping.get(key, ""), message)

    report = known.reports.get(value.get("report", "").casefold())
    if report is None:
        refuse("report", f"no report called {value.get('report', '')!r}")
        result.unmatched_reports.append(value.get("report", ""))
        return None
    candidates = known.actions.get((report.pk, value.get("label", "").casefold()), [])
    force = value.get("force", "").casefold()
    if force:
        candidates = [
            a for a in candidates if force in (a.force.name.casefold(), a.force.code, a.force.area.casefold())
        ]
    if not candidates:
        refuse(
            "label",
            f"no action of the office for {value.get('label', '')!r} of that report{' and force' if force else ''}",
        )
        result.unmatched_findings.append(f"{value.get('label', '')} ({report.title})")
        return None
    if len(candidates) > 1:
        refuse("force", "name the force: the office follows this finding for more than one")
        return None
    plan = Plan(row=number, action=candidates[0], owner=value.get("owner", ""), note=value.get("note", ""))
    for key in ("target_on", "effective_on"):
        if value.get(key):
            try:
                setattr(plan, key, parse_date(value[key]))
            except ValueError as error:
                refuse(key, str(error))
    try:  # an update's date is the day something happened: not to come, not before the report
        check_happened(
            plan.effective_on,
            "the date of an update",
            ImportRefused,
            follows=report.published_on,
            follows_what="the report was published",
        )
    except ImportRefused as error:
        refuse("effective_on", str(error))
    if value.get("status"):
        plan.status = known.statuses.get(value["status"].casefold())
        if plan.status is None:
            refuse("status", f"{value['status']!r} is not one of the office's statuses")
    if value.get("progress"):
        text = value["progress"].rstrip("%").strip()
        if not (text.isdigit() and 0 <= int(text) <= 100):
            refuse("progress", f"{value['progress']!r} is not a percentage from 0 to 100")
        else:
            plan.progress = int(text)
    return plan if result.errors.count == errors_before else None


@dataclass
class Outcome:
    """What an import did, row by row: gave an action its first record, changed one, or nothing."""

    added: int = 0
    updated: int = 0
    unchanged: int = 0


def apply(*, batch: ImportBatch, user) -> Outcome:
    """Import every row, or none: any refusal undoes the whole import and names its row."""
    checked = check(batch, user)
    if checked.errors:
        raise ImportRefused(checked.errors.first(), checked.errors)
    today = timezone.localdate()
    outcome = Outcome()
    with transaction.atomic():
        if ImportBatch.objects.select_for_update().get(pk=batch.pk).state != ImportBatch.State.MAPPING:
            raise ImportRefused("it has already been imported")  # a second click, a second job
        for plan in checked.plans:
            try:
                done = apply_row(plan, batch, user, today)
            except ActionRefused as error:
                problems = tables.Problems()
                problems.add(plan.row, "", str(error))
                raise ImportRefused(f"row {plan.row}: {error}", problems) from error
            setattr(outcome, done, getattr(outcome, done) + 1)
        batch.state, batch.imported_count, batch.imported_at = (
            ImportBatch.State.IMPORTED,
            len(checked.plans),
            timezone.now(),
        )
        batch.added, batch.updated, batch.unchanged = outcome.added, outcome.updated, outcome.unchanged
        batch.problems, batch.problem_count = [], 0
        batch.save()
    return outcome


def record_failure(*, batch: ImportBatch, problems: tables.Problems) -> None:
    """Keep what stopped the import (after its transaction is undone), for the page that lists it."""
    batch.problems, batch.problem_count = list(problems), problems.count
    batch.save(update_fields=["problems", "problem_count"])


def apply_row(plan: Plan, batch: ImportBatch, user, today: date) -> str:
    """Write what the row changes, and say which it was: "added" (the action's first record), "updated",
    or "unchanged" (it says what the tracker already says, and nothing is written)."""
    action = plan.action
    first = not (action.updates.exists() or action.revisions.exists())
    changed = False
    if plan.owner.strip() and plan.owner.strip() != action.owner:
        set_owner(action=action, owner=plan.owner, user=user, today=today)
        changed = True
    if plan.target_on and plan.target_on != action.target_on:
        revise_target(
            action=action,
            new_on=plan.target_on,
            agreed_by="the imported tracker",
            reason=f"Imported from {batch.original_name}, row {plan.row}",
            user=user,
            today=today,
        )
        changed = True
    action = Action.objects.get(pk=action.pk)
    change = Change(
        effective_on=plan.effective_on or today,
        source=f"as recorded in the imported tracker {batch.original_name}",
        justification=f"Closed in the imported tracker ({batch.original_name}, row {plan.row})",
    )
    if plan.status and plan.status.pk != getattr(action, f"{plan.status.view}_status_id"):
        change.view, change.status = plan.status.view, plan.status
    if plan.progress is not None and plan.progress != action.progress:
        change.progress = plan.progress
    if plan.note.strip() and not action.updates.filter(text=plan.note.strip()).exists():
        change.text = plan.note
    if change.status or change.progress is not None or change.text:
        record_update(action=action, change=change, user=user)
        changed = True
    return "unchanged" if not changed else "added" if first else "updated"
