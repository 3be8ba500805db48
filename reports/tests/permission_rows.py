"""Who may open each of reports' pages and call its API operations (see core/matrix.py)."""

from django.core.files.base import ContentFile

from core.tests.matrix import API_READ, DENIED, MISSING, UNAUTHENTICATED, outcomes
from reports.models import SourceDocument

READS_REPORTS = outcomes(partnership=DENIED)
CHANGES_REPORTS = outcomes(force=DENIED, partnership=DENIED, panel=DENIED)  # reports are shared by offices
API_REPORT = outcomes(anonymous=UNAUTHENTICATED, partnership=MISSING)  # partnerships see no reports yet
API_CHANGE = outcomes(anonymous=UNAUTHENTICATED, force=DENIED, partnership=DENIED, panel=DENIED)

PAGES = {
    "reports:report-list": ("get", lambda w: {}, READS_REPORTS),
    "reports:finding-list": ("get", lambda w: {}, READS_REPORTS),
    "reports:finding-list-export": ("get", lambda w: {"kind": "csv"}, READS_REPORTS),
    "reports:report-findings-export": (
        "get",
        lambda w: {"pk": w["report"].pk, "kind": "xlsx"},
        READS_REPORTS,
    ),
    "reports:report-detail": ("get", lambda w: {"pk": w["report"].pk}, READS_REPORTS),
    "reports:source-file": ("get", lambda w: {"pk": w["source"].pk}, READS_REPORTS),
    "reports:report-add": ("get", lambda w: {}, CHANGES_REPORTS),
    "reports:report-upload": ("get", lambda w: {}, CHANGES_REPORTS),
    "reports:report-edit": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:finding-add": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:report-review": ("get", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:report-reviewed": ("post", lambda w: {"pk": w["report"].pk}, CHANGES_REPORTS),
    "reports:finding-edit": ("get", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-delete": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-accept": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-merge": ("post", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
    "reports:finding-split": ("get", lambda w: {"pk": w["finding"].pk}, CHANGES_REPORTS),
}

OPERATIONS = {
    "reports_api_list_reports": (lambda w: {}, API_READ),
    "reports_api_get_report": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
    "reports_api_add_report": (lambda w: {}, API_CHANGE),
    "reports_api_list_findings": (lambda w: {}, API_READ),
    "reports_api_upload_report": (lambda w: {}, API_CHANGE),
    "reports_api_get_intake_status": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
    "reports_api_list_report_findings": (lambda w: {"report_id": w["report"].pk}, API_REPORT),
}

ADMIN_SAMPLE = [
    ("admin:reports_report_changelist", lambda w: {}),
    ("admin:reports_report_change", lambda w: {"object_id": w["report"].pk}),
]


def world(world: dict) -> None:
    report = world["report"]
    source = SourceDocument(report=report, original_name="report.txt", media_type="text/plain", size=9)
    source.file.save("report.txt", ContentFile(b"A report."), save=False)
    source.sha256 = "0" * 64
    source.save()
    world["source"] = source
    world["finding"] = report.findings.get(label="5a")
