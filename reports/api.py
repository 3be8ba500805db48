"""Reports and findings over the API. The same services and visibility rules as the pages."""

from datetime import date, datetime
from typing import Annotated

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from ninja import Field, File, FilterSchema, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import AfterValidator

from accounts.api_auth import office_staff
from core.api import JobOut, Pages
from core.forms import FIRST_YEAR, LAST_YEAR
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
    publisher: str
    subject: str
    subject_kind: str
    inspection_dates: str
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
    q: str = Field("", max_length=200)
    type: str = Field("", max_length=50)
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR)
    force: str = Field("", max_length=50)
    kind: str = Field("", max_length=50)

    def as_kwargs(self) -> dict:
        return {key: value for key, value in self.dict().items() if value}


def in_range(day: date | None) -> date | None:
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"must be between {FIRST_YEAR} and {LAST_YEAR}")
    return day


class FindingIn(Schema):
    kind: Finding.Kind
    label: str = Field(max_length=100)
    text: str = Field(min_length=1, max_length=20_000)
    addressees: list[Annotated[str, Field(max_length=200)]] = Field(default=[], max_length=30)
    deadline_text: str = Field(default="", max_length=200)
    deadline_on: Annotated[date | None, AfterValidator(in_range)] = None
    parent_label: str = Field(default="", max_length=100)


class ReportIn(Schema):
    """A report recorded by hand, with its findings. Lengths are those the service keeps."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "title": "An inspection of how forces respond to children who go missing",
                    "report_type": "national-thematic",
                    "published_on": "2025-03-03",
                    "inspectorates": ["hmicfrs"],
                    "all_forces": True,
                    "findings": [
                        {
                            "kind": "recommendation",
                            "label": "Recommendation 1",
                            "text": "By 30 September 2025, chief constables should review every missing child case.",
                        }
                    ],
                }
            ]
        }
    }

    title: str = Field(min_length=1, max_length=500)
    report_type: str = Field(max_length=50)
    published_on: Annotated[date, AfterValidator(in_range)]
    inspectorates: list[Annotated[str, Field(max_length=50)]] = Field(max_length=10)
    all_forces: bool = False
    forces: list[Annotated[str, Field(max_length=50)]] = Field(default=[], max_length=50)
    summary: str = Field(default="", max_length=20_000)
    source_url: str = Field(default="", max_length=500)
    findings: list[FindingIn] = Field(default=[], max_length=2000)
    history: bool = Field(
        default=False,
        description="A past report loaded for the record: its responses are history, never overdue.",
    )


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
@paginate(Pages, page_size=50)
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
            history=payload.history,
        )
    except (ReportRefused, FindingRefused) as error:
        raise HttpError(422, str(error)) from error
    return Status(201, get_report(request, report.pk))


@router.get("/findings", response=list[FindingOut], summary="List findings with the list filters")
@paginate(Pages, page_size=100)
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
    "problem when it is too big, empty or not a kind Scrutiny reads. `history=true` records a past "
    "report for the record: its responses are history, never overdue. A response letter or press release "
    "fails the job with the reason; the same report in another format becomes another source of it.",
)
def upload_report(
    request,
    document: File[UploadedFile],
    published_on: Form[date | None] = None,
    history: Form[bool] = False,
):
    try:
        job, existing = start_reading(document, user=request.user, published_on=published_on, history=history)
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
