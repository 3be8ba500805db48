"""Partnerships, inspection coverage and referrals over the API: the same services and visibility rules as
the pages."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from ninja.security import SessionAuth

from accounts import access
from accounts.api_auth import Token, office_staff
from core.api import Pages
from core.forms import FIRST_YEAR, LAST_YEAR
from directory.models import Force, Inspectorate, LocalAuthority, SafeguardingPartnership
from partnerships import coverage, services
from partnerships.access import reads_referrals
from partnerships.models import Inspection, InspectionKind, Referral
from reports.models import Report

router = Router(tags=["partnerships"])


class ReferralsCheck:
    """403 unless the caller is the office's staff or a partnership contributor, before the body is read."""

    def authenticate(self, request, *args):
        user = super().authenticate(request, *args)
        if user is not None:
            access.require(user, reads_referrals, "Your role does not include referrals.")
        return user


referral_readers = [
    type("Token", (ReferralsCheck, Token), {})(),
    type("Session", (ReferralsCheck, SessionAuth), {})(),
]


class PartnershipOut(Schema):
    id: int
    name: str
    kind: str
    local_authorities: list[str]
    police_forces: list[str]
    health_partner: str
    contact_name: str
    contact_email: str
    arrangements_url: str
    yearly_report_url: str
    meetings: list[date]

    @staticmethod
    def resolve_local_authorities(partnership):
        return [authority.code for authority in partnership.local_authorities.all()]

    @staticmethod
    def resolve_police_forces(partnership):
        return [force.code for force in partnership.police_forces()]

    @staticmethod
    def resolve_meetings(partnership):
        return [meeting.held_on for meeting in partnership.meetings.all()]


class AreaFilter(Schema):
    force: str = Field("", max_length=50, description="A force's code: its area")
    local_authority: str = Field("", max_length=9, description="A local authority's GSS code")


class MatrixFilter(Schema):
    force: str = Field("cheshire", max_length=50)
    on: date | None = Field(None, description="The day the matrix is drawn for (default: today)")


def force_or_404(request, code: str) -> Force:
    return get_object_or_404(Force.objects.visible_to(request.user), code=code)


@router.get(
    "/partnerships", response=list[PartnershipOut], summary="Safeguarding partnerships, by force area"
)
def list_partnerships(request, filters: Query[AreaFilter]):
    force = filters.force
    partnerships = SafeguardingPartnership.objects.visible_to(request.user).prefetch_related(
        "local_authorities", "meetings"
    )
    if force:
        partnerships = partnerships.in_force_area(force_or_404(request, force))
    return partnerships


@router.get("/partnerships/{partnership_id}", response=PartnershipOut, summary="One partnership")
def get_partnership(request, partnership_id: int):
    return get_object_or_404(SafeguardingPartnership.objects.visible_to(request.user), pk=partnership_id)


class CellOut(Schema):
    kind: str
    last_published_on: date | None
    years_since: float | None
    gap: bool


class RowOut(Schema):
    local_authority: str
    name: str
    cells: list[CellOut]


class MatrixOut(Schema):
    force: str
    on: date
    rows: list[RowOut]


@router.get(
    "/coverage", response=MatrixOut, summary="A force's coverage matrix: local authorities × inspections"
)
def coverage_matrix(request, filters: Query[MatrixFilter]):
    force, on = filters.force, filters.on
    if on is not None and not FIRST_YEAR <= on.year <= LAST_YEAR:
        raise HttpError(422, f"the date must be between {FIRST_YEAR} and {LAST_YEAR}")
    matrix = coverage.coverage_matrix(force_or_404(request, force), on or date.today())
    return {
        "force": matrix.force.code,
        "on": matrix.on,
        "rows": [
            {
                "local_authority": row.authority.code,
                "name": row.authority.name,
                "cells": [
                    {
                        "kind": cell.kind,
                        "last_published_on": cell.latest.published_on if cell.latest else None,
                        "years_since": cell.years_since,
                        "gap": cell.gap,
                    }
                    for cell in row.cells
                ],
            }
            for row in matrix.rows
        ],
    }


class InspectionOut(Schema):
    id: int
    local_authority: str = Field(..., alias="local_authority.code")
    kind: str
    other_kind: str
    published_on: date
    inspectorates: list[str]
    theme: str
    report_url: str

    @staticmethod
    def resolve_inspectorates(inspection):
        return [item.code for item in inspection.inspectorates.all()]


class InspectionIn(Schema):
    local_authority: str = Field(..., max_length=9, description="GSS code, e.g. E06000006")
    kind: InspectionKind
    other_kind: str = Field("", max_length=200)
    published_on: date
    inspectorates: list[str] = Field(default_factory=list, max_length=10)
    theme: str = Field("", max_length=300)
    report_url: str = Field("", max_length=500)


@router.get("/coverage/inspections", response=list[InspectionOut], summary="Multi-agency inspections")
@paginate(Pages, page_size=100)
def list_inspections(request, filters: Query[AreaFilter]):
    local_authority, force = filters.local_authority, filters.force
    inspections = Inspection.objects.visible_to(request.user).select_related("local_authority")
    if local_authority:
        inspections = inspections.filter(local_authority__code=local_authority)
    if force:
        inspections = inspections.filter(local_authority__forces=force_or_404(request, force))
    return inspections.prefetch_related("inspectorates").order_by("-published_on", "id")


@router.post(
    "/coverage/inspections", response={201: InspectionOut}, summary="Record an inspection", auth=office_staff
)
def add_inspection(request, payload: InspectionIn):
    if not FIRST_YEAR <= payload.published_on.year <= LAST_YEAR:
        raise HttpError(422, f"published_on must be between {FIRST_YEAR} and {LAST_YEAR}")
    authority = LocalAuthority.objects.filter(code=payload.local_authority).first()
    if authority is None:
        raise HttpError(422, f"unknown local authority: {payload.local_authority}")
    inspectorates = list(Inspectorate.objects.filter(code__in=payload.inspectorates))
    if len(inspectorates) != len(set(payload.inspectorates)):
        raise HttpError(422, "unknown inspectorate among: " + ", ".join(payload.inspectorates))
    if payload.report_url and not coverage.URL.match(payload.report_url):
        raise HttpError(422, "report_url must be a web address starting https://")
    try:
        inspection = coverage.record_inspection(
            local_authority=authority,
            kind=payload.kind,
            other_kind=payload.other_kind,
            published_on=payload.published_on,
            inspectorates=inspectorates,
            theme=payload.theme,
            report_url=payload.report_url,
            user=request.user,
        )
    except coverage.CoverageRefused as error:
        raise HttpError(422, str(error)) from error
    return Status(201, inspection)


class ReferralOut(Schema):
    id: int
    report_id: int
    findings: list[int]
    partnership_id: int
    partnership: str = Field(..., alias="partnership.name")
    state: str
    sent_to: str
    sent_on: date
    acknowledged_on: date | None
    discussed_on: date | None
    outcome: str
    outcome_text: str
    outcome_on: date | None
    follow_up_on: date | None
    followed_up_on: date | None

    @staticmethod
    def resolve_findings(referral):
        return [finding.pk for finding in referral.findings.all()]


class ReferIn(Schema):
    report_id: int
    partnerships: list[int] = Field(
        default_factory=list, max_length=100, description="Partnership ids; empty with every_partnership"
    )
    every_partnership: bool = Field(False, description="Every partnership in the office's force area")
    findings: list[int] = Field(default_factory=list, max_length=500, description="Empty: the whole report")
    sent_on: date
    follow_up_on: date | None = None
    subject: str | None = Field(None, max_length=300, description="Default: the office's template")
    letter: str | None = Field(None, max_length=50_000, description="Default: the office's template")


class OutcomeIn(Schema):
    outcome: Referral.Outcome
    text: str = Field(..., min_length=1, max_length=20_000)
    on: date


def checked_dates(*days: date | None) -> None:
    if any(day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR for day in days):
        raise HttpError(422, f"dates must be between {FIRST_YEAR} and {LAST_YEAR}")


@router.get(
    "/referrals", response=list[ReferralOut], summary="Referrals the caller may see", auth=referral_readers
)
@paginate(Pages, page_size=100)
def list_referrals(request):
    return (
        Referral.objects.visible_to(request.user).select_related("partnership").prefetch_related("findings")
    )


@router.get("/referrals/{referral_id}", response=ReferralOut, summary="One referral", auth=referral_readers)
def get_referral(request, referral_id: int):
    return get_object_or_404(Referral.objects.visible_to(request.user), pk=referral_id)


@router.post(
    "/referrals",
    response={201: list[ReferralOut]},
    summary="Refer a report, or chosen findings, to partnerships in one step; e-mails each",
    auth=office_staff,
)
def refer(request, payload: ReferIn):
    office = request.user.office
    if office is None:
        raise HttpError(422, "referrals are sent by an office; deployment administrators have none")
    checked_dates(payload.sent_on, payload.follow_up_on)
    report = get_object_or_404(Report.objects.visible_to(request.user), pk=payload.report_id)
    area = services.partnerships_for_report(report, office)
    partnerships = (
        list(area)
        if payload.every_partnership
        else list(SafeguardingPartnership.objects.filter(pk__in=payload.partnerships))
    )
    if len(partnerships) != len(set(payload.partnerships)) and not payload.every_partnership:
        raise HttpError(422, "unknown partnership id among: " + ", ".join(map(str, payload.partnerships)))
    findings = services.findings_of(report, payload.findings)
    if len(findings) != len(set(payload.findings)):
        raise HttpError(422, "every finding must be one of this report's")
    template = services.template_for(office)
    try:
        referrals = services.refer(
            office=office,
            report=report,
            findings=findings,
            partnerships=partnerships,
            subject=payload.subject or template.subject,
            letter=payload.letter or template.letter,
            sent_on=payload.sent_on,
            follow_up_on=payload.follow_up_on,
            user=request.user,
        )
    except services.ReferralRefused as error:
        raise HttpError(422, str(error)) from error
    return Status(201, referrals)


@router.post(
    "/referrals/{referral_id}/outcome",
    response=ReferralOut,
    summary="Record the partnership's outcome (its contributors or the office)",
    auth=referral_readers,
)
def record_outcome(request, referral_id: int, payload: OutcomeIn):
    referral = get_object_or_404(Referral.objects.visible_to(request.user), pk=referral_id)
    checked_dates(payload.on)
    try:
        return services.record_outcome(
            referral=referral, outcome=payload.outcome, text=payload.text, on=payload.on, user=request.user
        )
    except services.ReferralRefused as error:
        raise HttpError(422, str(error)) from error
