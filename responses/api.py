"""The chief officer's comments over the API: recorded as typed text and linked to the recommendations as
on the page (the same reader, matcher and rules), and the proposed links read back."""

from datetime import date

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.errors import HttpError

from accounts.api_auth import office_staff
from core.forms import FIRST_YEAR
from responses.comments import addressed_elsewhere, recommendation_sections
from responses.forms import COMMENTS_MAX_CHARACTERS
from responses.models import ResponseObligation
from responses.services import ObligationRefused
from responses.tasks import receive_comments

router = Router(tags=["responses"])


class CommentsIn(Schema):
    received_on: date = Field(..., description="The day the comments arrived: not after today.")
    text: str = Field(
        ...,
        min_length=1,
        max_length=COMMENTS_MAX_CHARACTERS,
        description="The comments as written; each recommendation's answer is found in them as in a letter.",
        examples=["Recommendation 1: Accepted. Overnight detentions are now flagged on the custody system."],
    )


class LinkOut(Schema):
    section_id: int
    label: str
    recommendation: str
    stance: str = Field(
        ..., description="accepted, partially accepted, not accepted, noted, none; empty if not linked"
    )
    passage: str = Field(..., description="The part of the comments proposed (or confirmed) as the answer.")
    confidence: float | None
    reason: str = Field(..., description="The words the stance was read from.")
    evidence: str = Field(
        ..., description="How the passage was found: after its restatement, by number, by likeness."
    )
    confirmed: bool
    addressed_elsewhere: list[str] = Field(
        ...,
        description="The bodies it is addressed to when none is the force: its comments need not answer it.",
    )


class CommentsOut(Schema):
    obligation_id: int
    received_on: date | None
    text: str
    has_document: bool
    links: list[LinkOut]


def obligation_of(request, obligation_id: int) -> ResponseObligation:
    return get_object_or_404(
        ResponseObligation.objects.visible_to(request.user).select_related("report", "body__force"),
        pk=obligation_id,
    )


def comments_out(obligation: ResponseObligation) -> CommentsOut:
    sections = recommendation_sections(obligation, prepare=False)
    return CommentsOut(
        obligation_id=obligation.pk,
        received_on=obligation.comments_received_on,
        text=obligation.comments_text,
        has_document=bool(obligation.comments_document),
        links=[
            LinkOut(
                section_id=section.pk,
                label=section.finding.label,
                recommendation=section.finding.text,
                stance=section.comments_stance,
                passage=section.comments_passage,
                confidence=section.comments_confidence,
                reason=section.comments_stance_reason,
                evidence=section.comments_link_evidence,
                confirmed=section.comments_confirmed_at is not None,
                addressed_elsewhere=addressed_elsewhere(section, obligation),
            )
            for section in sections
        ],
    )


@router.get(
    "/obligations/{obligation_id}/comments",
    response=CommentsOut,
    summary="The chief officer's comments and how they link to each recommendation (office staff)",
    auth=office_staff,
)
def get_comments(request, obligation_id: int):
    return comments_out(obligation_of(request, obligation_id))


@router.post(
    "/obligations/{obligation_id}/comments",
    response={201: CommentsOut},
    summary="Record the chief officer's comments as text; they are linked to the recommendations at once",
    description="The same as typing them into the page: read into blocks as a text file is, linked to each "
    "recommendation with a stance for an officer to confirm on the linking page. A link an officer has "
    "confirmed is kept. 422 when the response can no longer change, the comments would arrive before the "
    "invitation, or the day is after today. A document goes through the page, where the worker reads it.",
    auth=office_staff,
)
def post_comments(request, obligation_id: int, payload: CommentsIn):
    obligation = obligation_of(request, obligation_id)
    if payload.received_on > timezone.localdate():
        raise HttpError(422, "received_on: the comments cannot have arrived after today")
    if payload.received_on.year < FIRST_YEAR:
        raise HttpError(422, f"received_on: dates must be in {FIRST_YEAR} or later")
    if not payload.text.strip():
        raise HttpError(422, "text: give the comments' words")
    try:
        receive_comments(
            obligation=obligation, received_on=payload.received_on, text=payload.text, user=request.user
        )
    except ObligationRefused as error:
        raise HttpError(422, str(error)) from error
    obligation.refresh_from_db()
    return Status(201, comments_out(obligation))
