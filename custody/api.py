"""Custody in the API: the figures (suppressed as on the page), and imports for those with the custody
permission."""

import json
from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status, UploadedFile
from ninja.errors import HttpError

from accounts import access
from accounts.api_auth import Session, Token
from core.api import JobOut
from custody import dashboard
from custody.models import ImportBatch, reads_custody_figures, reads_custody_records
from custody.schema import BY_NAME
from custody.tasks import import_later
from documents import DocumentError

router = Router(tags=["custody"])
RECORDS_ONLY = "Record-level custody data needs the custody permission."


class RecordsCheck:
    """Then 403 without the custody permission, before the request body is read."""

    def authenticate(self, request, *args):
        user = super().authenticate(request, *args)
        if user is not None:
            access.require(user, reads_custody_records, RECORDS_ONLY)
        return user


custody_users = [type("Token", (RecordsCheck, Token), {})(), type("Session", (RecordsCheck, Session), {})()]


class FiguresQuery(Schema):
    period: str = Field(
        "",
        max_length=10,
        pattern=r"^(|all|(fy)?\d{4}|\d{4}-[qQ][1-4])$",
        description="all, a calendar year (2024), a financial year (fy2024: April 2024 to March 2025) or a "
        "quarter (2024-q3); all years when absent. Without the custody permission, figures are for whole "
        "quarters that have ended.",
    )
    year: int | None = Field(None, ge=1990, le=2100, description="A calendar year (as period=2024).")
    rule: str = Field("default", max_length=20, description="default, weekend, or office-N.")


class TableOut(Schema):
    title: str
    columns: list[str]
    rows: list[list[str]]


class FiguresOut(Schema):
    period: str
    rule: str
    rule_means: str
    suppressed: bool
    funnel: dict[str, str]
    tables: list[TableOut]


@router.get(
    "/custody/figures",
    response=FiguresOut,
    summary="Custody figures for a period under a named overnight rule",
    description="The custody page's tables as text, exactly as the caller may see them: counts under 5 "
    "show as <5 and [c] hides a further cell for anyone without the custody permission.",
)
def figures(request, query: Query[FiguresQuery]):
    access.require(request.user, reads_custody_figures, "Your role does not include custody figures.")
    from custody.exports import FUNNEL_TITLE, sections

    choice = str(query.year) if query.year else query.period or "all"
    full = reads_custody_records(request.user)
    board = dashboard.build(request.user, dashboard.period_named(choice, None, full), query.rule)
    return {
        "period": board.period.label(),
        "rule": board.rule_name,
        "rule_means": board.rule_text,
        "suppressed": not board.full,
        "funnel": {key: shown for key, _, shown in board.funnel},
        "tables": [  # the funnel is given above; the appropriate adult delay is the last table
            {"title": title, "columns": head, "rows": rows}
            for title, head, rows in sections(board)
            if title != FUNNEL_TITLE
        ],
    }


class Problem(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    id: int
    source_name: str
    state: str
    created_at: datetime
    rows: int
    created: int
    updated: int
    missing_release: int
    error_count: int
    errors: list[Problem]


@router.get(
    "/custody/imports",
    response=list[ImportOut],
    summary="Custody imports, newest first (50)",
    auth=custody_users,
)
def list_imports(request):
    return list(ImportBatch.objects.visible_to(request.user)[:50])


@router.get(
    "/custody/imports/{batch_id}",
    response=ImportOut,
    summary="One custody import and its problems",
    auth=custody_users,
)
def get_import(request, batch_id: int):
    return get_object_or_404(ImportBatch.objects.visible_to(request.user), pk=batch_id)


@router.post(
    "/custody/imports",
    response={202: JobOut},
    summary="Import a CSV or Excel file of detentions",
    auth=custody_users,
    description="Multipart field `document`, optional `mapping` (JSON: the file's heading → our column). "
    "202 with the background job (follow it at `GET /api/jobs/{job_id}`; when it is done, "
    "`result.batch_id` is the import); 422 naming the file when it is too big, empty or not CSV or Excel.",
)
def start_import(request, document: File[UploadedFile], mapping: Form[str] = ""):
    if request.user.office_id is None:
        raise HttpError(422, "Imports belong to an office; deployment administrators have none")
    try:
        parsed = json.loads(mapping) if mapping.strip() else {}
    except ValueError:
        raise HttpError(422, "mapping: not JSON") from None
    if not isinstance(parsed, dict) or any(str(v) not in BY_NAME for v in parsed.values()):
        raise HttpError(422, "mapping: each value must be one of the import's columns")
    try:
        job = import_later(office=request.user.office, upload=document, mapping=parsed, user=request.user)
    except DocumentError as error:
        raise HttpError(422, str(error)) from error
    return Status(202, job)
