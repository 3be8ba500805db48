"""Publishing: the response kept exactly as published, copies sent, one response answering a linked
report, corrections and withdrawal."""

from datetime import date

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from core.text import one_line
from responses.models import (
    Correction,
    ResponseObligation,
    ResponseVersion,
)
from responses.services.approval import keep_version
from responses.services.drafting import check_editable
from responses.services.obligations import ObligationRefused


@transaction.atomic
def record_published(*, obligation: ResponseObligation, published_on: date, url: str = "", user=None):
    """The response is public: its date (which settles on time or late) and its address."""
    if published_on < obligation.report.published_on:
        raise ObligationRefused("a response cannot be published before the report it answers")
    obligation.published_on, obligation.published_url = published_on, url
    obligation.status, obligation.updated_by = ResponseObligation.Status.PUBLISHED, user
    obligation.save()
    keep_as_published(obligation)
    if obligation.sections.exists():
        keep_version(obligation=obligation, event=ResponseVersion.Event.PUBLISHED, user=user)
    follow_publication(obligation)
    return obligation


def keep_as_published(obligation: ResponseObligation) -> None:
    """Freeze what the public reads: later changes to the report, its findings, the office's letterhead or
    signatory change nothing in it, and a correction is the only way to change it."""
    from responses.documents import build, snapshot

    obligation.published_document = snapshot(build(obligation, obligation.published_on))
    obligation.save(update_fields=["published_document", "updated_at"])


def publish(
    *, obligation: ResponseObligation, published_on: date, url: str, user, today: date | None = None
) -> ResponseObligation:
    """Publish an approved response: the date settles on time or late; the address is where it is read.
    The date is the day it really went public: never one still to come."""
    today = today or timezone.localdate()
    if obligation.published_on:
        raise ObligationRefused(
            "the response is already published; correct it or withdraw it from the response's page"
        )
    if obligation.status != ResponseObligation.Status.APPROVED:
        raise ObligationRefused("only an approved response can be published; approve it first")
    if published_on > today:
        raise ObligationRefused(
            f"a response cannot be published on a day still to come: today is {today:%-d %B %Y}; "
            "publish it on the day it goes public"
        )
    if obligation.approved_on and published_on < obligation.approved_on:
        raise ObligationRefused("a response cannot be published before the day it was approved")
    return record_published(obligation=obligation, published_on=published_on, url=url, user=user)


def copies_email(obligation: ResponseObligation) -> dict:
    """The e-mail that sends what was published to HM Inspectors and the Home Secretary (s55(6))."""
    context = {"obligation": obligation, "report": obligation.report}
    return {
        "to": ["HM Inspectorate of Constabulary", "The Home Secretary"],
        "subject": one_line(f"Section 55 response: {obligation.report.title}"),
        "body": render_to_string("responses/email/copies.txt", context),
    }


def record_copies_sent(*, obligation: ResponseObligation, sent_on: date, user) -> ResponseObligation:
    if obligation.published_on is None:
        raise ObligationRefused(
            "copies go to HM Inspectors and the Home Secretary once the response is published"
        )
    obligation.copies_sent_on, obligation.updated_by = sent_on, user
    obligation.save(update_fields=["copies_sent_on", "updated_by", "updated_at"])
    return obligation


@transaction.atomic
def answer_with(*, obligation: ResponseObligation, other: ResponseObligation, user) -> ResponseObligation:
    """Where a linked report's findings are the same, one response answers both and the other cites it."""
    if other.body_id != obligation.body_id or other.pk == obligation.pk:
        raise ObligationRefused("a response can only be answered by another of the same office's responses")
    if not obligation.report.linked_reports.filter(pk=other.report_id).exists():
        raise ObligationRefused(
            "link the two reports first: only reports on the same subject share a response"
        )
    if other.answered_by_id:
        raise ObligationRefused("that response itself cites another; choose the one that answers")
    if other.published_on and other.published_on < obligation.report.published_on:
        raise ObligationRefused(
            "that response was published before this report was; it cannot answer this report"
        )
    check_editable(obligation)
    obligation.answered_by, obligation.updated_by = other, user
    obligation.save(update_fields=["answered_by", "updated_by", "updated_at"])
    if other.published_on:
        follow_publication(other)
    return obligation


def follow_publication(published: ResponseObligation) -> None:
    """Responses that cite a published one are published with it, at its address."""
    citing_ones = published.also_answers.filter(
        published_on__isnull=True, report__published_on__lte=published.published_on
    )  # (a response is never published before the report it answers)
    for citing in citing_ones:
        citing.published_on, citing.published_url = published.published_on, published.published_url
        citing.status = ResponseObligation.Status.PUBLISHED
        citing.save(update_fields=["published_on", "published_url", "status", "updated_at"])


def open_correction(*, obligation: ResponseObligation, reason: str, user) -> Correction:
    """Start correcting a published response: the response as published is kept (readable at its own
    address), the public keeps reading it until the correction is published, and the sections can be
    edited and approved again. The on-time record keeps the first publication."""
    from responses.documents import build, snapshot

    reason = reason.strip()
    if not obligation.published_on or obligation.withdrawn_on:
        raise ObligationRefused("only a published response that has not been withdrawn can be corrected")
    if obligation.correcting:
        raise ObligationRefused("a correction is already being drafted; publish it first")
    if not reason:
        raise ObligationRefused("say why the response is being corrected: the reason is published with it")
    with transaction.atomic():
        locked = ResponseObligation.objects.select_for_update().get(pk=obligation.pk)
        if locked.correcting:
            raise ObligationRefused("a correction is already being drafted; publish it first")
        correction = Correction.objects.create(
            obligation=locked,
            number=locked.corrections.count() + 1,
            reason=reason,
            earlier=locked.published_document or snapshot(build(locked, locked.published_on)),
            opened_by=user,
        )
        locked.correcting, locked.status, locked.updated_by = True, ResponseObligation.Status.DRAFTING, user
        locked.approved_on = locked.approved_by = None
        locked.save()
    obligation.refresh_from_db()
    return correction


def publish_correction(*, obligation: ResponseObligation, user, today: date | None = None) -> Correction:
    """The corrected response goes public today, with its reason; the first publication date stays."""
    if not obligation.correcting:
        raise ObligationRefused("there is no correction to publish")
    if obligation.status != ResponseObligation.Status.APPROVED:
        raise ObligationRefused("approve the corrected response before publishing it")
    with transaction.atomic():
        correction = obligation.corrections.order_by("-number").first()
        correction.published_on = today or timezone.localdate()
        correction.save(update_fields=["published_on"])
        obligation.correcting, obligation.status = False, ResponseObligation.Status.PUBLISHED
        obligation.updated_by = user
        obligation.save()
        keep_as_published(obligation)
        keep_version(
            obligation=obligation, event=ResponseVersion.Event.CORRECTED, user=user, note=correction.reason
        )
    return correction


def withdraw(*, obligation: ResponseObligation, reason: str, user, today: date | None = None):
    """Take a published response down: its public page says it was withdrawn, when and why, and no longer
    shows the text. The on-time record keeps the publication."""
    reason = reason.strip()
    if not obligation.published_on:
        raise ObligationRefused("only a published response can be withdrawn")
    if obligation.withdrawn_on:
        raise ObligationRefused("the response has already been withdrawn")
    if not reason:
        raise ObligationRefused("say why the response is withdrawn: the reason is shown in its place")
    obligation.withdrawn_on, obligation.withdrawn_reason = today or timezone.localdate(), reason
    obligation.correcting, obligation.updated_by = False, user
    obligation.save()
    return obligation
