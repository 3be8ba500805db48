"""A reviewed report as a labelled example, in the development set's format: its source document copied
beside `<name>.expected.json`, holding the report's details and the findings as the officer left them.
An office's own examples can then join training (`scrutiny intake train FOLDER…`), so the second report of
a new family is read right."""

import json
import shutil
from pathlib import Path

from django.utils.text import slugify

from reports.models import Report

KIND_NAMES = {"area-for-improvement": "area_for_improvement", "cause-of-concern": "cause_of_concern"}


def export_labels(report_id: int, folder: Path) -> list[Path]:
    """Write the report's first source document and its labels into `folder`; the paths written."""
    report = Report.objects.filter(pk=report_id).prefetch_related("findings", "inspectorates").first()
    if report is None:
        raise LookupError(f"There is no report {report_id}.")
    source = report.documents.order_by("uploaded_at").first()
    if source is None or not source.file:
        raise LookupError(f"Report {report_id} has no source document to label.")
    if report.reviewed_at is None:
        raise LookupError(f"Report {report_id} has not been reviewed: its findings are not yet labels.")
    folder.mkdir(parents=True, exist_ok=True)
    name = f"{slugify(report.title)[:80] or 'report'}-{report.pk}"
    suffix = Path(source.original_name).suffix.lower() or ".pdf"
    document = folder / f"{name}{suffix}"
    with source.file.open("rb") as stored, document.open("wb") as copy:
        shutil.copyfileobj(stored, copy)
    labels = folder / f"{name}.expected.json"
    labels.write_text(json.dumps(as_labels(report, document.name), indent=1, ensure_ascii=False) + "\n")
    return [document, labels]


def as_labels(report: Report, document_name: str) -> dict:
    return {
        "document": document_name,
        "family": f"office-{report.report_type.code}",
        "input": Path(document_name).suffix.lstrip("."),
        "metadata": {
            "title": report.title,
            "published_on": report.published_on.isoformat(),
            "inspectorates": [inspectorate.code for inspectorate in report.inspectorates.all()],
        },
        "findings": [
            {
                "kind": KIND_NAMES.get(finding.kind, finding.kind),
                "label": finding.label or None,
                "text": finding.text,
                "pages": [anchor["page"] for anchor in finding.anchors or [] if anchor.get("page")],
                "parent": finding.parent.label if finding.parent_id else None,
                "addressees": finding.addressees,
                "deadline_text": finding.deadline_text or None,
            }
            for finding in report.findings.order_by("position")
        ],
        "notes": ["Exported from Scrutiny after an officer reviewed the report's findings."],
    }
