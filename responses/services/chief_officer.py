"""The chief officer's comments: the invitation, the date they are wanted by, and recording them
(an approval no longer stands when they change)."""

import smtplib
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.dates import check_happened
from core.text import one_line, render_subject
from responses.models import (
    OfficeSettings,
    ResponseObligation,
    ResponseVersion,
)
from responses.services.drafting import check_editable
from responses.services.obligations import ObligationRefused


def invitation_email(
    *, obligation: ResponseObligation, sender, comments_due_on: date, submit_url: str = ""
) -> tuple[str, str]:
    """The invitation's subject and text as Scrutiny would send them, for the officer to read and edit."""
    context = {
        "obligation": obligation,
        "report": obligation.report,
        "sender": sender,
        "comments_due_on": comments_due_on,
        "settings": OfficeSettings.objects.filter(body=obligation.body_id).first(),
        "submit_url": submit_url,
    }
    return (
        render_subject("responses/email/invitation_subject.txt", context),
        render_to_string("responses/email/invitation.txt", context).strip() + "\n",
    )


def comments_wanted_by(
    sent_on: date, comments_due_on: date | None = None, response_due: date | None = None
) -> date:
    """The date the office gives, or its usual period after sending: never later than the response is due
    while that is still to come (the comments are published with it)."""
    if comments_due_on:
        return comments_due_on
    usual = sent_on + timedelta(days=settings.SCRUTINY_COMMENTS_DAYS)
    return min(usual, response_due) if response_due and response_due >= sent_on else usual


def check_comments_date(*, obligation: ResponseObligation, sent_on: date, due: date, chosen: bool) -> None:
    """The date for comments: not before the invitation goes, and (when the office chose it, while the
    response's due date is still to come) not after the response is due, as they are published with it."""
    if due < sent_on:
        raise ObligationRefused("the date for comments must be on or after the day the invitation is sent")
    if chosen and obligation.due_on >= sent_on and due > obligation.due_on:
        raise ObligationRefused(
            f"the date for comments must be on or before {obligation.due_on:%-d %B %Y}, when the response "
            "is due (the office publishes them with it)"
        )


def changed_since_submitted(obligation: ResponseObligation) -> bool:
    """While it waits for approval: whether someone changed the words since it was sent."""
    if obligation.status != ResponseObligation.Status.AWAITING_APPROVAL:
        return False
    from responses.versions import current_sections

    sent = obligation.versions.filter(event=ResponseVersion.Event.SUBMITTED).order_by("-number").first()
    return sent is not None and sent.sections != current_sections(obligation)


def invite_chief_officer(
    *,
    obligation: ResponseObligation,
    to: str,
    user,
    sent_on: date | None = None,
    comments_due_on: date | None = None,
    send: bool = True,
    subject: str = "",
    text: str = "",
    submit_url: str = "",
    today: date | None = None,
) -> ResponseObligation:
    """Ask the chief officer for comments by a date the office sets (s55(4)). Sent by Scrutiny, it goes
    today and the date for comments counts from today; an invitation sent some other way is recorded with
    the day it went. The text sent (as the officer edited it) is kept."""
    today = today or timezone.localdate()
    sent_on = sent_on or today
    if obligation.published_on:
        raise ObligationRefused("the response has already been published")
    if sent_on > today:
        raise ObligationRefused("an invitation cannot be recorded as sent on a day still to come")
    if sent_on < obligation.report.published_on:
        raise ObligationRefused("the invitation cannot be sent before the report was published")
    due = comments_wanted_by(sent_on, comments_due_on, obligation.due_on)
    check_comments_date(obligation=obligation, sent_on=sent_on, due=due, chosen=comments_due_on is not None)
    if send and not (subject.strip() and text.strip()):
        subject, text = invitation_email(
            obligation=obligation, sender=user, comments_due_on=due, submit_url=submit_url
        )
    obligation.invitation_sent_on, obligation.comments_due_on, obligation.chief_officer_email = (
        sent_on,
        due,
        to,
    )
    obligation.invitation_subject = one_line(subject)[:300] if send else ""
    obligation.invitation_text = text.strip() if send else ""
    obligation.invited_by = user if getattr(user, "pk", None) else None
    if obligation.status == ResponseObligation.Status.NOT_STARTED:
        obligation.status = ResponseObligation.Status.INVITED
    obligation.updated_by = user
    try:
        with transaction.atomic():  # an invitation that cannot be sent is not recorded as sent
            obligation.save()
            if send:
                send_mail(
                    subject=obligation.invitation_subject,
                    message=obligation.invitation_text + "\n",
                    from_email=None,
                    recipient_list=[to],
                )
    except (OSError, smtplib.SMTPException) as error:
        obligation.refresh_from_db()
        raise ObligationRefused(
            f"the invitation could not be sent ({type(error).__name__}); nothing was recorded: try again later"
        ) from None
    return obligation


def record_comments(
    *, obligation: ResponseObligation, received_on: date, text: str = "", document=None, user
) -> ResponseObligation:
    """The chief officer's comments have arrived: their text (published with the response) and file."""
    check_comments(
        obligation=obligation, received_on=received_on, text=text, with_document=document is not None
    )
    # Text typed into a browser comes with Windows line ends; kept with plain ones, it shows as written.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    obligation.comments_received_on, obligation.comments_text = received_on, text.strip()
    if document is not None:
        obligation.comments_document.save(document.name, document, save=False)
    if obligation.status in (ResponseObligation.Status.NOT_STARTED, ResponseObligation.Status.INVITED):
        obligation.status = ResponseObligation.Status.COMMENTS_RECEIVED
    elif obligation.status == ResponseObligation.Status.APPROVED:
        # the comments are published with the response: new ones were not approved
        obligation.status = ResponseObligation.Status.DRAFTING
        obligation.approved_on = obligation.approved_by = None
    obligation.updated_by = user
    obligation.save()
    return obligation


def check_comments(
    *, obligation: ResponseObligation, received_on: date, text: str, with_document: bool
) -> None:
    """What comments must be to be recorded: text or a document, not before the invitation, and only while
    the response can still change."""
    check_editable(obligation)
    if not text.strip() and not with_document:
        raise ObligationRefused("give the comments' text or attach the document they came in")
    check_happened(
        received_on,
        "the date the comments were received",
        ObligationRefused,
        follows=obligation.invitation_sent_on,
        follows_what="the invitation was sent",
    )
