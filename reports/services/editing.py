"""Every change to reports and findings goes through these functions: views, the API, the CLI and the demo."""

from dataclasses import dataclass, field
from datetime import date

from django.db import models, transaction
from django.utils import timezone

from core.dates import check_happened
from core.refusals import Refused
from core.together import saved_together
from directory.models import Force, Inspectorate, ReportType
from reports import events
from reports.models import Finding, Report


class ReportRefused(Refused):
    """A report cannot be stored as given; the message says why."""


class FindingRefused(Refused):
    """A finding cannot be stored as given; the message says why."""


def check_coverage(*, all_forces: bool, forces) -> None:
    """A report concerns all forces or names the forces it concerns: the obligations follow from it."""
    if not all_forces and not forces:
        raise ReportRefused("select the forces the report names, or say it concerns all forces")


@dataclass
class FindingInput:
    kind: str
    label: str
    text: str
    addressees: list[str] = field(default_factory=list)
    deadline_text: str = ""
    deadline_on: date | None = None
    parent_label: str = ""
    parent: Finding | None = None
    anchors: list[dict] = field(default_factory=list)
    confidence: float = 1.0
    reviewed: bool = False
    title: str = ""
    evidence: list[str] = field(default_factory=list)


@transaction.atomic
def create_report(
    *,
    title: str,
    report_type: ReportType,
    published_on: date,
    inspectorates: list[Inspectorate],
    forces: list[Force] = (),
    all_forces: bool = False,
    published_on_source: str = Report.DateSource.ENTERED,
    summary: str = "",
    source_url: str = "",
    file_hash: str = "",
    created_by=None,
    findings: list[FindingInput] = (),
    linked_reports: list[Report] = (),
    history: bool = False,
    publisher: str = "",
    subject: str = "",
    subject_kind: str = "",
    inspection_dates: str = "",
) -> Report:
    """Store a report with its findings, all or nothing, and announce it (responses records who owes
    comments on it: as history, kept for the record, when the report is a past one loaded as history)."""
    check_coverage(all_forces=all_forces, forces=forces)
    check_happened(published_on, "the publication date", ReportRefused)
    report = Report.objects.create(
        history=history,
        title=title,
        publisher=publisher[:200],
        subject=subject[:300],
        subject_kind=subject_kind,
        inspection_dates=inspection_dates[:200],
        report_type=report_type,
        published_on=published_on,
        published_on_source=published_on_source,
        all_forces=all_forces,
        summary=summary,
        source_url=source_url,
        file_hash=file_hash,
        created_by=created_by,
    )
    report.inspectorates.set(inspectorates)
    report.forces.set([] if all_forces else forces)
    report.linked_reports.set(linked_reports)
    add_findings(report=report, findings=findings, announce=False)
    events.report_recorded.send(sender=Report, report=report, created=True)
    return report


@transaction.atomic
def update_report(
    *, report: Report, inspectorates=None, forces=None, linked_reports=None, **fields
) -> Report:
    """Change a report's details; findings are changed one by one with the finding services. Its
    publication date stays once what is counted against it has been published (a response's on-time
    record)."""
    if "published_on" in fields:
        check_happened(fields["published_on"], "the publication date", ReportRefused)
    if "published_on" in fields and fields["published_on"] != report.published_on and report.pk:
        reasons = events.date_change_refusals(report)
        if reasons:
            raise ReportRefused(f"the publication date cannot change: {'; '.join(reasons)}")
    for name, value in fields.items():
        setattr(report, name, value)
    if forces is not None:
        check_coverage(all_forces=report.all_forces, forces=forces)
    report.save()
    if linked_reports is not None:
        report.linked_reports.set([linked for linked in linked_reports if linked.pk != report.pk])
    if inspectorates is not None:
        report.inspectorates.set(inspectorates)
    if forces is not None or report.all_forces:
        report.forces.set([] if report.all_forces else forces)
    events.report_recorded.send(sender=Report, report=report, created=False)
    return report


@transaction.atomic
@saved_together()  # the search index takes them in one go (core.together)
def add_findings(*, report: Report, findings: list[FindingInput], announce: bool = True) -> list[Finding]:
    """Append findings to a report, resolving each parent label against the report's findings. Each is
    announced as it is saved, but for those of a report being created: the report's own event, sent once
    they are all in, answers for them (tracking opens their actions together, not one finding at a
    time)."""
    by_label = {finding.label: finding for finding in report.findings.all()}
    position = max((finding.position for finding in by_label.values()), default=0)
    created = []
    for item in findings:
        parent = item.parent
        if parent is not None and parent.report_id != report.pk:
            raise FindingRefused(f"{item.label}: a finding can only belong to a finding of the same report")
        if parent is None and item.parent_label:
            parent = by_label.get(item.parent_label)
            if parent is None:
                raise FindingRefused(
                    f"{item.label}: no finding labelled {item.parent_label!r} in this report to belong to"
                )
        position += 1
        finding = Finding.objects.create(
            report=report,
            kind=item.kind,
            label=item.label,
            text=item.text.strip(),
            addressees=item.addressees,
            deadline_text=item.deadline_text,
            deadline_on=item.deadline_on,
            parent=parent,
            anchors=item.anchors,
            confidence=item.confidence,
            reviewed=item.reviewed,
            title=item.title[:300],
            evidence=item.evidence,
            position=position,
        )
        by_label[finding.label] = finding
        created.append(finding)
        if announce:
            events.finding_saved.send(sender=Finding, finding=finding, created=True)
    return created


@transaction.atomic
def update_finding(*, finding: Finding, parent: Finding | None = None, **fields) -> Finding:
    """Change one finding; its parent must be another finding of the same report."""
    if parent is not None and (parent.report_id != finding.report_id or parent.pk == finding.pk):
        raise FindingRefused("a finding can only belong to another finding of the same report")
    for name, value in fields.items():
        setattr(finding, name, value)
    finding.parent = parent
    finding.save()
    events.finding_saved.send(sender=Finding, finding=finding, created=False)
    return finding


def check_removable(finding: Finding) -> None:
    """What people wrote about a finding (an answer, an action's updates) is never lost with it: the
    apps that hold such work say so, and the finding stays."""
    reasons = events.removal_refusals(finding)
    if reasons:
        raise FindingRefused(
            f"{finding.label} cannot be removed: {'; '.join(reasons)}. Change its text instead"
        )


def delete_finding(*, finding: Finding) -> None:
    """Remove a finding; findings that belonged to it move up to its own parent. Untouched records other
    apps opened for it go with it."""
    check_removable(finding)
    with transaction.atomic():
        events.finding_removed.send(sender=Finding, finding=finding)
        finding.children.update(parent=finding.parent)
        finding.delete()


def mark_reviewed(*, report: Report, user) -> Report:
    """An officer has checked every finding against the source: the report and its findings are reviewed."""
    with transaction.atomic():
        report.findings.update(reviewed=True, updated_at=timezone.now())  # an open edit form sees the change
        report.reviewed_at = timezone.now()
        report.reviewed_by = user
        report.save(update_fields=["reviewed_at", "reviewed_by"])
    return report


def accept_finding(*, finding: Finding) -> Finding:
    finding.reviewed = True
    finding.save(update_fields=["reviewed", "updated_at"])
    return finding


@transaction.atomic
def merge_findings(*, first: Finding, second: Finding) -> Finding:
    """Join a finding the extractor cut in two: the second's text and anchors go to the first."""
    if first.report_id != second.report_id:
        raise FindingRefused("only findings of the same report can be merged")
    check_removable(second)
    events.finding_merged.send(sender=Finding, kept=first, removed=second)
    first.text = f"{first.text.rstrip()} {second.text.lstrip()}"
    first.anchors = first.anchors + [anchor for anchor in second.anchors if anchor not in first.anchors]
    first.reviewed = False
    first.save()
    second.children.update(parent=first)
    second.delete()
    return first


@transaction.atomic
def split_finding(*, finding: Finding, first_text: str, second_text: str, second_label: str) -> Finding:
    """Cut a finding the extractor joined: the second part becomes a new finding just after it."""
    if not first_text.strip() or not second_text.strip():
        raise FindingRefused("both parts of a split finding need text")
    finding.report.findings.filter(position__gt=finding.position).update(position=models.F("position") + 1)
    finding.text = first_text.strip()
    finding.reviewed = False
    finding.save()
    new = Finding.objects.create(
        report=finding.report,
        kind=finding.kind,
        label=second_label.strip() or f"{finding.label} (part 2)",
        text=second_text.strip(),
        parent=finding.parent,
        anchors=finding.anchors,
        confidence=finding.confidence,
        position=finding.position + 1,
    )
    events.finding_split.send(sender=Finding, original=finding, new=new)
    return new
