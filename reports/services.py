"""Every change to reports and findings goes through these functions: views, the API, the CLI and the demo."""

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction

from directory.models import Force, Inspectorate, ReportType
from reports.models import Finding, Report


class FindingRefused(Exception):
    """A finding cannot be stored as given; the message says why."""


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
) -> Report:
    """Store a report with its findings, all or nothing."""
    report = Report.objects.create(
        title=title,
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
    add_findings(report=report, findings=findings)
    return report


@transaction.atomic
def update_report(*, report: Report, inspectorates=None, forces=None, **fields) -> Report:
    """Change a report's details; findings are changed one by one with the finding services."""
    for name, value in fields.items():
        setattr(report, name, value)
    report.save()
    if inspectorates is not None:
        report.inspectorates.set(inspectorates)
    if forces is not None or report.all_forces:
        report.forces.set([] if report.all_forces else forces)
    return report


@transaction.atomic
def add_findings(*, report: Report, findings: list[FindingInput]) -> list[Finding]:
    """Append findings to a report, resolving each parent label against the report's findings."""
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
            position=position,
        )
        by_label[finding.label] = finding
        created.append(finding)
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
    return finding


def delete_finding(*, finding: Finding) -> None:
    """Remove a finding; findings that belonged to it move up to its own parent."""
    with transaction.atomic():
        finding.children.update(parent=finding.parent)
        finding.delete()
