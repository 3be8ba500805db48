"""Actions, their updates and exports over the API: the same services and visibility as the pages."""

import copy
import json
from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate
from pydantic import ValidationError, field_validator

from accounts import access
from accounts.api_auth import Session, Token, office_staff
from core.api import Pages
from core.forms import FIRST_YEAR, LAST_YEAR
from documents import DocumentError
from tracking import evidence as evidence_files
from tracking import exports, queries
from tracking.access import READS, UPDATES, reads_tracking, updates_actions
from tracking.models import Action, ActionUpdate
from tracking.models import Status as TrackingStatus
from tracking.services import ActionRefused, Change, record_update, revise_target

router = Router(tags=["tracking"])


class UpdaterCheck:
    """403 unless the caller may update actions (office staff, a force contributor), before the body is
    read; which actions they may update is then `visible_to`'s answer."""

    def authenticate(self, request, *args):
        user = super().authenticate(request, *args)
        if user is not None:
            access.require(user, updates_actions, UPDATES)
        return user


updaters = [type("Token", (UpdaterCheck, Token), {})(), type("Session", (UpdaterCheck, Session), {})()]


class ActionOut(Schema):
    id: int
    report_id: int = Field(..., alias="finding.report_id")
    finding_id: int
    label: str = Field(..., alias="finding.label")
    force: str = Field(..., alias="force.code")
    owner: str
    original_target_on: date | None
    target_on: date | None
    force_status: str | None = Field(None, alias="force_status.name")
    opcc_status: str | None = Field(None, alias="opcc_status.name")
    inspectorate_status: str | None = Field(None, alias="inspectorate_status.name")
    category: str
    progress: int
    waiting_on: str
    rag: str
    rag_override_reason: str
    last_update_on: date | None


class UpdateOut(Schema):
    id: int
    effective_on: date
    created_at: datetime
    author_name: str
    text: str
    view: str
    status: str | None = Field(None, alias="status.name")
    source: str
    progress: int | None
    justification: str
    evidence: list[str]

    @staticmethod
    def resolve_evidence(update):
        return [item.original_name for item in update.evidence.all() if not item.removed]


class RevisionOut(Schema):
    previous_on: date | None
    new_on: date
    agreed_on: date
    agreed_by: str
    reason: str
    recorded_at: datetime


class ActionDetailOut(ActionOut):
    finding_text: str = Field(..., alias="finding.text")
    updates: list[UpdateOut]
    revisions: list[RevisionOut]

    @staticmethod
    def resolve_updates(action, context):
        user = context["request"].user
        return (
            ActionUpdate.objects.visible_to(user)
            .filter(action=action)
            .select_related("status")
            .prefetch_related("evidence")
        )

    @staticmethod
    def resolve_revisions(action):
        return action.revisions.all()


class ActionFilters(Schema):
    q: str = Field("", max_length=200)
    report: int | None = Field(None, ge=1, le=2**31 - 1)
    force: str = Field("", max_length=50)
    category: str = Field("", max_length=10)
    rag: str = Field("", max_length=5)
    late: str = Field("", max_length=20)
    owner: str = Field("", max_length=200)
    sort: str = Field("target", max_length=10)

    def filters(self) -> queries.Filters:
        return queries.Filters(**self.dict(exclude={"format"}))


class ExportFilters(ActionFilters):
    format: str = Field("csv", pattern="^(csv|xlsx)$")


def in_range(day: date | None) -> None:
    if day is not None and not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise HttpError(422, f"dates must be between {FIRST_YEAR} and {LAST_YEAR}")


MAX_FILES = 10  # evidence files on one update
UPDATE_EXAMPLE = {
    "effective_on": "2026-06-01",
    "text": "The chief officer group agreed the custody training plan; the first course runs in July.",
    "progress": 40,
}


class UpdateIn(Schema):
    """An update's fields: the same as JSON or as the fields of a multipart form (with `evidence`)."""

    model_config = {"json_schema_extra": {"examples": [UPDATE_EXAMPLE]}}

    effective_on: date
    text: str = Field("", max_length=20_000)
    status_id: int | None = Field(None, ge=1, le=2**31 - 1)
    source: str = Field("", max_length=300)
    progress: int | None = Field(None, ge=0, le=100)
    waiting_on: str | None = Field(None, max_length=200)
    justification: str = Field("", max_length=20_000)
    public: bool = False

    @field_validator("text", "source", "waiting_on", "justification")
    @classmethod
    def no_nul(cls, value):
        if value and "\x00" in value:
            raise ValueError("a NUL character (\\x00) is not allowed")
        return value


def update_request_body() -> dict:
    """The update operation's body in the OpenAPI document: JSON, or a multipart form whose `evidence`
    field carries the files (Ninja describes one kind of body per operation, so this is written out)."""
    fields = UpdateIn.model_json_schema()
    fields.pop("title", None)
    form = copy.deepcopy(fields)
    form.pop("examples", None)
    form["properties"]["evidence"] = {
        "type": "array",
        "items": {"type": "string", "format": "binary"},
        "maxItems": MAX_FILES,
        "description": "Evidence files (PDF, Word, HTML or text), each checked by its content and size.",
    }
    return {
        "required": True,
        "content": {
            "application/json": {"schema": fields, "example": UPDATE_EXAMPLE},
            "multipart/form-data": {
                "schema": form,
                "encoding": {"evidence": {"contentType": "application/octet-stream"}},
            },
        },
    }


TEXT_FIELDS = {"text", "source", "waiting_on", "justification"}


def update_payload(request) -> tuple[UpdateIn, list]:
    """The update and its evidence files, from a JSON body or a multipart form; 422 saying what is wrong."""
    if request.content_type == "multipart/form-data":
        # A form sends every field as text: an empty number, date or flag is "not given", but an empty
        # `waiting_on` clears it, as `"waiting_on": ""` does in JSON.
        data = {
            key: request.POST.get(key)
            for key in request.POST
            if request.POST.get(key) != "" or key in TEXT_FIELDS
        }
        files = request.FILES.getlist("evidence")
        others = sorted(set(request.FILES) - {"evidence"})
        if others:
            raise HttpError(422, f"files go in the `evidence` field, not {', '.join(others)}")
    elif request.content_type == "application/json":
        try:
            data = json.loads(request.body or b"null")
        except ValueError as error:
            raise HttpError(422, f"the body is not JSON: {error}") from error
        files = []
    else:
        raise HttpError(415, "send the update as JSON or as multipart/form-data")
    if not isinstance(data, dict):
        raise HttpError(422, "the body must be an object of the update's fields")
    if len(files) > MAX_FILES:
        raise HttpError(422, f"at most {MAX_FILES} evidence files on one update; {len(files)} were sent")
    try:
        return UpdateIn.model_validate(data), files
    except ValidationError as error:
        problems = [f"{'.'.join(map(str, e['loc'])) or 'body'}: {e['msg']}" for e in error.errors()]
        raise HttpError(422, "; ".join(problems)) from None


class TargetIn(Schema):
    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "new_on": "2027-03-31",
                    "agreed_by": "The commissioner at the accountability board",
                    "reason": "The new custody suite opens in February; training follows it.",
                }
            ]
        }
    }

    new_on: date
    agreed_by: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=20_000)

    @field_validator("agreed_by", "reason")
    @classmethod
    def no_nul(cls, value):
        if "\x00" in value:
            raise ValueError("a NUL character (\\x00) is not allowed")
        return value


def readable(request):
    access.require(request.user, reads_tracking, READS)
    return Action.objects.visible_to(request.user)


def one(request, action_id: int) -> Action:
    return get_object_or_404(
        queries.with_rag(readable(request), timezone.localdate()).select_related(
            "finding", "force", "force_status", "opcc_status", "inspectorate_status"
        ),
        pk=action_id,
    )


@router.get(
    "/actions", response=list[ActionOut], summary="List the caller's actions, with the tracker's filters"
)
@paginate(Pages, page_size=100)
def list_actions(request, filters: Query[ActionFilters]):
    actions = queries.matching(readable(request), filters.filters(), timezone.localdate())
    return queries.for_display(actions)


@router.get("/actions/export", summary="The filtered list as Excel or CSV (`format=xlsx` or `csv`)")
def export_actions(request, filters: Query[ExportFilters]):
    today = timezone.localdate()
    actions = queries.matching(readable(request), filters.filters(), today)
    return exports.download(actions, today, filters.format)


@router.get("/actions/{action_id}", response=ActionDetailOut, summary="One action with its updates and dates")
def get_action(request, action_id: int):
    return one(request, action_id)


@router.post(
    "/actions/{action_id}/updates",
    response={201: UpdateOut},
    summary="Add an update (immutable): a note, a status in one view, progress, evidence files",
    description="Office staff may record any view; a force contributor records the force's view of its own "
    "force's actions. Send JSON, or a multipart form with the same fields and the files in `evidence` "
    f"(at most {MAX_FILES}; each checked by its content and size, and virus-scanned when a scanner is "
    "configured, as on the action's page; 422 naming the file when one is refused, and then nothing is "
    "saved). Closing (an office status in the closed category) needs evidence, attached now or before, or "
    "a `justification`.",
    auth=updaters,
    openapi_extra={"requestBody": update_request_body()},
)
def add_update(request, action_id: int):
    action = one(request, action_id)  # 404 before the body (and any file) is read
    payload, files = update_payload(request)
    in_range(payload.effective_on)
    status = None
    if payload.status_id is not None:
        status = TrackingStatus.objects.filter(office=action.office_id, pk=payload.status_id).first()
        if status is None:
            raise HttpError(422, "unknown status for this office")
    try:
        with evidence_files.staged_files(files) as staged:
            update = record_update(
                action=action,
                change=Change(
                    effective_on=payload.effective_on,
                    text=payload.text,
                    view=status.view if status else "",
                    status=status,
                    source=payload.source,
                    progress=payload.progress,
                    waiting_on=payload.waiting_on,
                    justification=payload.justification,
                    public=payload.public and access.is_office_staff(request.user),
                    files=staged,
                ),
                user=request.user,
            )
    except (ActionRefused, DocumentError) as error:
        raise HttpError(422, str(error)) from error
    return Status(201, update)


@router.post(
    "/actions/{action_id}/target",
    response={200: ActionOut},
    summary="Revise the target date, with who agreed it and why (office staff)",
    auth=office_staff,
)
def change_target(request, action_id: int, payload: TargetIn):
    action = one(request, action_id)
    in_range(payload.new_on)
    try:
        revise_target(action=action, user=request.user, today=timezone.localdate(), **payload.dict())
    except ActionRefused as error:
        raise HttpError(422, str(error)) from error
    return one(request, action_id)
