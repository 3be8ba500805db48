"""Findings as CSV and Excel (through core.exports): one report's, or every finding the list shows."""

import re

from django.utils.text import slugify
from openpyxl import Workbook

from core.exports import csv_response, sheet, workbook_response

FINDING_COLUMNS = [
    "Label",
    "Kind",
    "Heading",
    "Text",
    "Belongs to",
    "Addressed to",
    "Deadline as printed",
    "Deadline",
    "Where printed",
    "Extraction",
    "Checked",
]
REPORT_COLUMNS = ["Report", "Report published"]


def finding_rows(findings, *, with_report: bool = False):
    for finding in findings:
        row = [
            finding.label,
            finding.get_kind_display(),
            finding.title,
            finding.text,
            finding.parent.label if finding.parent_id else "",
            "; ".join(finding.addressees),
            finding.deadline_text,
            finding.deadline_on,
            finding.anchor_display,
            finding.certainty,
            "yes" if finding.reviewed else "no",
        ]
        yield [finding.report.title, finding.report.published_on, *row] if with_report else row


def findings_download(findings, *, kind: str, name: str, with_report: bool = False):
    """The findings as a CSV file, or as an Excel workbook with one sheet of them."""
    findings = findings.select_related("report", "parent").order_by(
        "report__published_on", "report_id", "position", "id"
    )
    header = (REPORT_COLUMNS if with_report else []) + FINDING_COLUMNS
    if kind == "csv":
        return csv_response(header, finding_rows(findings, with_report=with_report), f"{name}.csv")
    workbook = Workbook()
    workbook.remove(workbook.active)
    sheet(workbook, "Findings", header, finding_rows(findings, with_report=with_report))
    return workbook_response(workbook, f"{name}.xlsx")


def file_name(title: str) -> str:
    """A short, safe file name from a report's title: "findings-peel-2023-25-lincolnshire-police"."""
    words = re.sub(r"[^\w]+", " ", title)  # "2023–25" keeps its parts apart: "2023-25"
    return f"findings-{slugify(words)[:60].strip('-') or 'report'}"
