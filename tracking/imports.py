"""Importing an existing tracker from Excel or CSV: read the table, map its columns to ours with a
preview, check every row, then import all of it or nothing.

Each row names a report (by title), a finding (by label) and a force (by name or code); they are matched
to ours, and a row that matches nothing is listed with its row and column. Importing a row sets the
owner, revises the target date (recorded as agreed in the import) and adds an update with the status,
progress and note: the same services as the pages, inside one transaction.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from documents import DocumentError, tables
from documents.uploads import check_size, safe_name
from reports.models import Report
from tracking.models import Action, ImportBatch, Status
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
GUESSES = {
    "report": ("report",),
    "label": ("label", "ref", "recommendation", "finding"),
    "force": ("force",),
    "owner": ("owner", "lead"),
    "target_on": ("target", "due", "deadline"),
    "status": ("status",),
    "progress": ("progress", "%", "complete"),
    "note": ("update", "note", "comment"),
    "effective_on": ("date of update", "updated", "as at"),
}


class ImportRefused(Refused):
    pass


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
    heading = [cell or f"Column {n + 1}" for n, cell in enumerate(headings)]
    width = len(heading)
    return name, heading, [(values + [""] * width)[:width] for _, values in rows]


def stage(*, upload, office, user) -> ImportBatch:
    name, heading, rows = read_table(upload)
    return ImportBatch.objects.create(
        office=office,
        uploaded_by=user,
        original_name=name,
        columns=heading,
        rows=rows,
        mapping=guess(heading),
    )


def guess(heading: list[str]) -> dict[str, str]:
    """Our fields matched to the file's columns by their headings, where one obviously fits."""
    mapping = {}
    for key, words in GUESSES.items():
        for column in heading:
            if column not in mapping.values() and any(word in column.lower() for word in words):
                mapping[key] = column
                break
    return mapping


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


def apply(*, batch: ImportBatch, user) -> int:
    """Import every row, or none: any refusal undoes the whole import and names its row."""
    checked = check(batch, user)
    if checked.errors:
        raise ImportRefused(checked.errors.first())
    today = timezone.localdate()
    with transaction.atomic():
        for plan in checked.plans:
            try:
                apply_row(plan, batch, user, today)
            except ActionRefused as error:
                raise ImportRefused(f"row {plan.row}: {error}") from error
        batch.state, batch.imported_count, batch.imported_at = (
            ImportBatch.State.IMPORTED,
            len(checked.plans),
            timezone.now(),
        )
        batch.save(update_fields=["state", "imported_count", "imported_at"])
    return len(checked.plans)


def apply_row(plan: Plan, batch: ImportBatch, user, today: date) -> None:
    action = plan.action
    if plan.owner and plan.owner != action.owner:
        set_owner(action=action, owner=plan.owner, user=user, today=today)
    if plan.target_on and plan.target_on != action.target_on:
        revise_target(
            action=action,
            new_on=plan.target_on,
            agreed_by="the imported tracker",
            reason=f"Imported from {batch.original_name}, row {plan.row}",
            user=user,
            today=today,
        )
    if plan.status or plan.progress is not None or plan.note:
        record_update(
            action=Action.objects.get(pk=action.pk),
            change=Change(
                effective_on=plan.effective_on or today,
                text=plan.note,
                view=plan.status.view if plan.status else "",
                status=plan.status,
                progress=plan.progress,
                source=f"as recorded in the imported tracker {batch.original_name}",
                justification=f"Closed in the imported tracker ({batch.original_name}, row {plan.row})",
            ),
            user=user,
        )
