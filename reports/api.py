"""Reports and findings over the API. The same services and visibility rules as the pages."""

from datetime import date, datetime

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, File, FilterSchema, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import PageNumberPagination, paginate

from accounts.api_auth import office_staff
from core.api import JobOut
from directory.models import Force, Inspectorate, ReportType
from documents import DocumentError
from reports.models import Finding, Report
from reports.services import FindingInput, FindingRefused, ReportRefused, create_report
from reports.tasks import start_reading

router = Router(tags=["reports"])


class FindingOut(Schema):
    id: int
    report_id: int
    kind: str
    label: str
    title: str
    text: str
    addressees: list[str]
    deadline_text: str
    deadline_on: date | None
    parent_id: int | None
    anchors: list[dict]
    confidence: float
    evidence: list[str]
    reviewed: bool


class ReportOut(Schema):
    id: int
    title: str
    report_type: str = Field(..., alias="report_type.code")
    published_on: date
    published_on_source: str
    inspectorates: list[str]
    all_forces: bool
    forces: list[str]
    source_url: str

    @staticmethod
    def resolve_inspectorates(report):
        return [inspectorate.code for inspectorate in report.inspectorates.all()]

    @staticmethod
    def resolve_forces(report):
        return [force.code for force in report.forces.all()]


class ReportDetailOut(ReportOut):
    summary: str
    findings: list[FindingOut]

    @staticmethod
    def resolve_findings(report):
        return report.findings.all()


class ListFilters(FilterSchema):
    q: str = ""
    type: str = ""
    year: int | None = None
    force: str = ""
    kind: str = ""

    def as_kwargs(self) -> dict:
        return {key: value for key, value in self.dict().items() if value}


class FindingIn(Schema):
    kind: Finding.Kind
    label: str
    text: str
    addressees: list[str] = []
    deadline_text: str = ""
    deadline_on: date | None = None
    parent_label: str = ""


class ReportIn(Schema):
    title: str
    report_type: str
    published_on: date
    inspectorates: list[str]
    all_forces: bool = False
    forces: list[str] = []
    summary: str = ""
    source_url: str = ""
    findings: list[FindingIn] = []


def visible_reports(user):
    return (
        Report.objects.visible_to(user)
        .select_related("report_type")
        .prefetch_related("inspectorates", "forces")
    )


def known(model, codes: list[str], what: str) -> list:
    rows = list(model.objects.filter(code__in=codes))
    missing = sorted(set(codes) - {row.code for row in rows})
    if missing:
        raise HttpError(422, f"unknown {what}: {', '.join(missing)}")
    return rows


@router.get("/reports", response=list[ReportOut], summary="List reports, newest first, with the list filters")
@paginate(PageNumberPagination, page_size=50)
def list_reports(request, filters: Query[ListFilters]):
    return visible_reports(request.user).matching(**filters.as_kwargs()).order_by("-published_on", "title")


@router.get("/reports/{report_id}", response=ReportDetailOut, summary="One report with its findings")
def get_report(request, report_id: int):
    findings = Prefetch(
        "findings", queryset=Finding.objects.visible_to(request.user).order_by("position", "id")
    )
    return get_object_or_404(visible_reports(request.user).prefetch_related(findings), pk=report_id)


@router.post(
    "/reports",
    response={201: ReportDetailOut},
    summary="Record a report and its findings by hand",
    auth=office_staff,
)
def add_report(request, payload: ReportIn):
    report_type = known(ReportType, [payload.report_type], "report type")[0]
    try:
        report = create_report(
            title=payload.title,
            report_type=report_type,
            published_on=payload.published_on,
            inspectorates=known(Inspectorate, payload.inspectorates, "inspectorate"),
            forces=known(Force, payload.forces, "force"),
            all_forces=payload.all_forces,
            summary=payload.summary,
            source_url=payload.source_url,
            created_by=request.user,
            findings=[FindingInput(**finding.dict()) for finding in payload.findings],
        )
    except (ReportRefused, FindingRefused) as error:
        raise HttpError(422, str(error)) from error
    return Status(201, get_report(request, report.pk))


@router.get("/findings", response=list[FindingOut], summary="List findings with the list filters")
@paginate(PageNumberPagination, page_size=100)
def list_findings(request, filters: Query[ListFilters]):
    return (
        Finding.objects.visible_to(request.user)
        .matching(**filters.as_kwargs())
        .order_by("-report__published_on", "report_id", "position")
    )


class IntakeOut(Schema):
    report_id: int
    created: bool
    title: str
    published_on: date
    source: str
    findings: int
    unreviewed: int
    reviewed_at: datetime | None


def intake_status(report: Report, created: bool = False) -> dict:
    source = report.documents.first()
    return {
        "report_id": report.pk,
        "created": created,
        "title": report.title,
        "published_on": report.published_on,
        "source": source.original_name if source else "",
        "findings": report.findings.count(),
        "unreviewed": report.findings.filter(reviewed=False).count(),
        "reviewed_at": report.reviewed_at,
    }


@router.post(
    "/intake",
    response={202: JobOut, 200: IntakeOut},
    summary="Upload a report to read and store",
    auth=office_staff,
    description="A PDF, Word, HTML or text file (multipart field `document`). 202 with the background job "
    "that reads it (follow it at `GET /api/jobs/{job_id}`: when it is done, `result.report_id` is the new "
    "report); 200 with the report when the same file was stored before; 422 naming the file and the "
    "problem when it is too big, empty or not a kind Scrutiny reads.",
)
def upload_report(request, document: File[UploadedFile], published_on: Form[date | None] = None):
    try:
        job, existing = start_reading(document, user=request.user, published_on=published_on)
    except DocumentError as error:
        raise HttpError(422, str(error)) from error
    if existing is not None:
        return Status(200, intake_status(existing))
    return Status(202, job)


@router.get(
    "/reports/{report_id}/intake", response=IntakeOut, summary="Where checking a report's findings stands"
)
def get_intake_status(request, report_id: int):
    return intake_status(get_object_or_404(Report.objects.visible_to(request.user), pk=report_id))


@router.get("/reports/{report_id}/findings", response=list[FindingOut], summary="The findings of one report")
def list_report_findings(request, report_id: int):
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=report_id)
    return Finding.objects.visible_to(request.user).filter(report=report).order_by("position", "id")
