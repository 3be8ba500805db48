"""Actions, their updates and exports over the API: the same services and visibility as the pages."""

from datetime import date, datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError
from ninja.pagination import paginate

from accounts import access
from accounts.api_auth import Session, Token, office_staff
from core.api import Pages
from core.forms import FIRST_YEAR, LAST_YEAR
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


class UpdateIn(Schema):
    effective_on: date
    text: str = Field("", max_length=20_000)
    status_id: int | None = Field(None, ge=1, le=2**31 - 1)
    source: str = Field("", max_length=300)
    progress: int | None = Field(None, ge=0, le=100)
    waiting_on: str | None = Field(None, max_length=200)
    justification: str = Field("", max_length=20_000)
    public: bool = False


class TargetIn(Schema):
    new_on: date
    agreed_by: str = Field(min_length=1, max_length=200)
    reason: str = Field(min_length=1, max_length=20_000)


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
    summary="Add an update (immutable): a note, a status in one view, progress",
    description="Office staff may record any view; a force contributor records the force's view of its own "
    "force's actions. Closing (an office status in the closed category) needs evidence already attached, "
    "or a `justification`. Evidence files are attached on the action's page.",
    auth=updaters,
)
def add_update(request, action_id: int, payload: UpdateIn):
    action = one(request, action_id)
    in_range(payload.effective_on)
    status = None
    if payload.status_id is not None:
        status = TrackingStatus.objects.filter(office=action.office_id, pk=payload.status_id).first()
        if status is None:
            raise HttpError(422, "unknown status for this office")
    try:
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
            ),
            user=request.user,
        )
    except ActionRefused as error:
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
