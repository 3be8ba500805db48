"""Approval: who may approve, versions kept at each step, the approvers told, sending for approval,
sending back, comments on the draft, and approving."""

import logging
import smtplib
from datetime import date

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

from accounts import access
from core.text import one_line
from directory.models import LocalPolicingBody
from responses.models import (
    DraftComment,
    OfficeSettings,
    ResponseObligation,
    ResponseSection,
    ResponseVersion,
)
from responses.services.drafting import check_editable, prepare_response, unanswered
from responses.services.obligations import ObligationRefused

logger = logging.getLogger(__name__)


class ApprovalRefused(ObligationRefused):
    """Approval needs an answer to every recommendation; `missing` lists the sections without one."""

    def __init__(self, missing: list[ResponseSection], doing: str = "approval"):
        self.missing, self.doing = missing, doing
        names = ", ".join(section.title for section in missing)
        super().__init__(f"every recommendation needs an answer before {doing}; still to answer: {names}")


def approvers(body: LocalPolicingBody):
    """The people the office names to approve its responses (active ones); empty when it names nobody.
    Read without making the office's settings, so a page that asks changes nothing."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(
            pk__in=OfficeSettings.approvers.through.objects.filter(officesettings__body=body).values("user")
        )
        .filter(is_active=True, office=body)
        .order_by("last_name", "username")
    )


def may_approve(user, obligation: ResponseObligation) -> bool:
    """A named approver of the office; or, where the office names nobody, any of its officers and
    administrators (and deployment administrators). `None` is Scrutiny itself (the demo, a command), never
    a request."""
    if user is None:
        return True
    if not access.is_office_staff(user) or user.office_id not in (None, obligation.body_id):
        return False
    named = approvers(obligation.body)
    if named.exists():
        return named.filter(pk=user.pk).exists()
    return True


def drafters(obligation: ResponseObligation) -> set[int]:
    """The people who wrote the response as it stands: whoever last saved one of its answers, and whoever
    sent it for approval. A different person approves (the four-eyes rule)."""
    wrote = set(obligation.sections.exclude(updated_by=None).values_list("updated_by", flat=True).distinct())
    submitted = obligation.versions.filter(event=ResponseVersion.Event.SUBMITTED).order_by("-number").first()
    if submitted is not None and submitted.made_by_id:
        wrote.add(submitted.made_by_id)
    return wrote


def keep_version(*, obligation: ResponseObligation, event: str, user, note: str = "") -> ResponseVersion:
    """The whole response as it stands, kept as the next numbered version."""
    from responses.versions import current_sections

    sections = current_sections(obligation)
    last = obligation.versions.order_by("-number").values_list("number", flat=True).first() or 0
    return ResponseVersion.objects.create(
        obligation=obligation, number=last + 1, event=event, note=note, made_by=user, sections=sections
    )


def notify(recipients: list[str], subject: str, template: str, context: dict) -> None:
    """E-mail people about a step in the work once it is saved; a mail server that fails is logged
    (never the addresses) and the step stands: the home page shows the same work."""
    recipients = sorted({address for address in recipients if address})
    if not recipients:
        return

    def send():
        try:
            send_mail(
                subject=one_line(subject),
                message=render_to_string(template, context),
                from_email=None,
                recipient_list=recipients,
            )
        except (OSError, smtplib.SMTPException) as error:
            logger.warning("notice %r not sent: %s", template, type(error).__name__)

    transaction.on_commit(send)


@transaction.atomic
def submit_for_approval(*, obligation: ResponseObligation, user, note: str = "") -> ResponseVersion:
    """The drafter sends the response to the approver: every recommendation must be answered; the
    response as sent is kept as a version, and the approvers are told."""
    check_editable(obligation)
    prepare_response(obligation=obligation)
    missing = unanswered(obligation)
    if missing:
        raise ApprovalRefused(missing, doing="sending it for approval")
    if obligation.status == ResponseObligation.Status.AWAITING_APPROVAL:
        raise ObligationRefused("the response is already waiting for approval")
    if obligation.status == ResponseObligation.Status.APPROVED:
        raise ObligationRefused("the response is already approved")
    obligation.status, obligation.updated_by = ResponseObligation.Status.AWAITING_APPROVAL, user
    obligation.save()
    version = keep_version(
        obligation=obligation, event=ResponseVersion.Event.SUBMITTED, user=user, note=note.strip()
    )
    if note.strip():
        DraftComment.objects.create(obligation=obligation, version=version, text=note.strip(), author=user)
    named = approvers(obligation.body)
    if not named.exists():
        from django.contrib.auth import get_user_model

        named = get_user_model().objects.filter(
            office=obligation.body, is_active=True, role__in=sorted(access.OFFICE_STAFF)
        )
    notify(
        list(named.exclude(pk=getattr(user, "pk", None)).values_list("email", flat=True)),
        f"For approval: the response to {obligation.report.title}",
        "responses/email/for_approval.txt",
        {"obligation": obligation, "sender": user, "note": note.strip(), "version": version},
    )
    return version


@transaction.atomic
def send_back(*, obligation: ResponseObligation, user, reason: str) -> ResponseVersion:
    """The approver returns the draft with what to change; the draft as it was is kept as a version."""
    reason = reason.strip()
    if not may_approve(user, obligation):
        raise ObligationRefused("only the office's approver can send a response back")
    if obligation.status != ResponseObligation.Status.AWAITING_APPROVAL:
        raise ObligationRefused("only a response waiting for approval can be sent back")
    if not reason:
        raise ObligationRefused("say what should change: the drafters see it beside the response")
    obligation.status, obligation.updated_by = ResponseObligation.Status.DRAFTING, user
    obligation.save()
    version = keep_version(
        obligation=obligation, event=ResponseVersion.Event.SENT_BACK, user=user, note=reason
    )
    DraftComment.objects.create(obligation=obligation, version=version, text=reason, author=user)
    submitted = obligation.versions.filter(event=ResponseVersion.Event.SUBMITTED).order_by("-number").first()
    drafter = submitted.made_by if submitted else None
    notify(
        [drafter.email] if drafter and drafter.pk != user.pk else [],
        f"Sent back: the response to {obligation.report.title}",
        "responses/email/sent_back.txt",
        {"obligation": obligation, "approver": user, "reason": reason},
    )
    return version


def comment_on_draft(*, obligation: ResponseObligation, user, text: str, section=None) -> DraftComment:
    """A remark on the draft (or one of its sections) for the others working on it."""
    check_editable(obligation)
    if not text.strip():
        raise ObligationRefused("write the comment first")
    if section is not None and section.obligation_id != obligation.pk:
        raise ObligationRefused("that section belongs to another response")
    return DraftComment.objects.create(obligation=obligation, section=section, text=text.strip(), author=user)


@transaction.atomic
def approve(*, obligation: ResponseObligation, on: date, user) -> ResponseObligation:
    """The office's approver approves; refused while any recommendation is unanswered (s55(5B)). The
    response as approved is kept as a version."""
    check_editable(obligation)
    if not may_approve(user, obligation):
        names = ", ".join(person.get_full_name() or person.username for person in approvers(obligation.body))
        raise ObligationRefused(
            f"only the office's approver ({names}) can approve; send the response for approval instead"
        )
    if user is not None and user.pk in drafters(obligation):
        raise ObligationRefused(
            "you wrote this response (or sent it for approval), so another person must approve it; send it "
            "for approval instead"
        )
    prepare_response(obligation=obligation)
    missing = unanswered(obligation)
    if missing:
        raise ApprovalRefused(missing)
    obligation.status, obligation.approved_on, obligation.approved_by = (
        ResponseObligation.Status.APPROVED,
        on,
        user,
    )
    obligation.updated_by = user
    obligation.save()
    keep_version(obligation=obligation, event=ResponseVersion.Event.APPROVED, user=user)
    return obligation
