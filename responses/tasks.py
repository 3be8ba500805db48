"""The chief officer's comments, read and linked in the background worker: matching a long letter to
every recommendation never holds the database, or the request, while it runs."""

from datetime import date
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django_tasks import task

from core import jobs
from documents import DocumentError
from documents.uploads import discard, stage, staged_at
from responses.comments import (
    force_may_submit,
    read_and_link,
    record_and_link_typed,
    submitted_by_force,
)
from responses.comments import relink_comments as relink
from responses.models import ResponseObligation
from responses.services import ObligationRefused, check_comments


@task()
def link_comments(
    *,
    job_id: int,
    obligation_id: int,
    path: str,
    original_name: str,
    received_on: str,
    text: str,
    user_id=None,
    by_force: bool = False,
) -> None:

    with jobs.running(job_id) as progress:
        try:
            obligation = ResponseObligation.objects.get(pk=obligation_id)
            if by_force and obligation.comments_received_on is not None:
                raise jobs.JobFailed(  # another submission was recorded while this one waited
                    "The comments had already been recorded when this letter was read; nothing was changed. "
                    f"To change them, contact {obligation.body.name}."
                )
            progress.step(0, 2, f"Reading {original_name}")
            read_and_link(
                obligation=obligation,
                path=staged_at(path),
                original_name=original_name,
                received_on=date.fromisoformat(received_on),
                text=text,
                user=get_user_model().objects.filter(pk=user_id).first(),
            )
            if by_force:
                submitted_by_force(obligation, get_user_model().objects.get(pk=user_id))
        except DocumentError as error:
            raise jobs.JobFailed(str(error)) from None  # it starts with the file's own name
        except ObligationRefused as error:
            raise jobs.JobFailed(error.sentence) from None
        finally:
            discard(Path(path))
        if by_force:
            progress.finish(
                url=reverse("responses:force-comments", kwargs={"pk": obligation_id}),
                message="The comments are submitted: the office has been told.",
            )
        else:
            progress.finish(
                url=reverse("responses:comment-links", kwargs={"pk": obligation_id}),
                message="The comments are recorded and linked: check each link, then confirm them.",
            )


def link_comments_later(
    *, obligation, upload=None, staged=None, received_on: date, text: str, user, by_force: bool = False
):
    """Stage the comments document (refused at once, naming it, if too big, empty or of the wrong kind),
    unless it is `staged` already, and have the worker read and link it. `by_force`: someone at the force
    submitted it."""
    staged = staged or stage(upload)
    page = "responses:force-comments" if by_force else "responses:obligation-comments"
    return jobs.start(
        link_comments,
        kind="comments",
        label=f"Reading the chief officer's comments: {staged.original_name}",
        owner=user,
        back_url=reverse(page, kwargs={"pk": obligation.pk}),
        by_force=by_force,
        obligation_id=obligation.pk,
        path=str(staged.path),
        original_name=staged.original_name,
        received_on=received_on.isoformat(),
        text=text,
        user_id=user.pk if user else None,
    )


@task()
def relink_comments(*, job_id: int, obligation_id: int) -> None:
    with jobs.running(job_id) as progress:
        try:
            relink(obligation=ResponseObligation.objects.get(pk=obligation_id))
        except ObligationRefused as error:
            raise jobs.JobFailed(error.sentence) from None
        progress.finish(
            url=reverse("responses:comment-links", kwargs={"pk": obligation_id}),
            message="Links proposed afresh from the comments (those already confirmed are kept): check them, "
            "then confirm them.",
        )


def relink_later(*, obligation, user):
    return jobs.start(
        relink_comments,
        kind="comments",
        label="Linking the chief officer's comments afresh",
        owner=user,
        back_url=reverse("responses:comment-links", kwargs={"pk": obligation.pk}),
        obligation_id=obligation.pk,
    )


# Typed comments are recorded (and linked) at once; a letter goes to the worker.


def receive_comments(*, obligation: ResponseObligation, received_on, text: str = "", upload=None, user):
    """Record the comments. Typed text is recorded and linked to the recommendations at once; a document
    is checked (size, kind) and handed to the worker, which reads it, records it and links its parts
    (`read_and_link`). Either way the links wait for an officer to confirm them. Returns the worker's
    job, or None for typed text."""
    check_comments(
        obligation=obligation, received_on=received_on, text=text, with_document=upload is not None
    )
    if upload is None:
        record_and_link_typed(obligation=obligation, received_on=received_on, text=text, user=user)
        return None
    return link_comments_later(
        obligation=obligation, upload=upload, received_on=received_on, text=text, user=user
    )


def submit_force_comments(
    *, obligation: ResponseObligation, text: str = "", upload=None, staged=None, user, today
):
    """The force's own submission of the chief officer's comments: typed text is recorded at once; a
    letter goes to the worker like one the office records. The office is told. Returns the worker's job,
    or None."""
    if not force_may_submit(user, obligation):
        raise ObligationRefused(
            "the comments on this report have already been recorded; contact the office to change them"
            if obligation.comments_received_on
            else "your force has not been invited to comment on this response"
        )
    if upload is None and staged is None:
        with transaction.atomic():
            obligation = ResponseObligation.objects.select_for_update().get(pk=obligation.pk)
            if obligation.comments_received_on is not None:  # another submission got there first
                raise ObligationRefused(
                    "the comments on this report have already been recorded; contact the office to change them"
                )
            record_and_link_typed(obligation=obligation, received_on=today, text=text, user=user)
            submitted_by_force(obligation, user)
        return None
    check_comments(obligation=obligation, received_on=today, text=text, with_document=True)
    return link_comments_later(
        obligation=obligation,
        upload=upload,
        staged=staged,
        received_on=today,
        text=text,
        user=user,
        by_force=True,
    )
