"""Section 55 obligations: recorded when a report is, and summarised for the deadlines page and CLI."""

import logging
import smtplib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from accounts import access
from core import registry
from core.text import one_line, render_subject
from directory.models import Force, LocalPolicingBody
from reports.models import Finding, Report
from responses import clock
from responses.models import (
    CalendarFeed,
    Correction,
    DraftComment,
    OfficeSettings,
    ResponseObligation,
    ResponseSection,
    ResponseVersion,
    SectionRevision,
    new_calendar_token,
)

logger = logging.getLogger(__name__)


class ObligationRefused(Exception):
    """A change to an obligation cannot be made as asked; the message says why."""


def bodies_owing(report: Report) -> list[LocalPolicingBody]:
    """The body in office on publication day for each force the report concerns (every force for an
    all-forces report)."""
    forces = Force.objects.all() if report.all_forces else report.forces.all()
    bodies = []
    for force in forces.prefetch_related("bodies"):
        body = next(
            (
                b
                for b in force.bodies.all()
                if b.starts_on <= report.published_on
                and (b.ends_on is None or b.ends_on >= report.published_on)
            ),
            None,
        )
        if body is not None:
            bodies.append(body)
    return bodies


def handover_note(body: LocalPolicingBody, report: Report) -> str:
    """When the body changes within the 56 days, say who takes over and when."""
    due = clock.due_date(report.published_on)
    successor = (
        LocalPolicingBody.objects.filter(
            force=body.force_id, starts_on__gt=report.published_on, starts_on__lte=due
        )
        .order_by("starts_on")
        .first()
    )
    if successor is None:
        return ""
    return (
        f"{body.name} was in office when the report was published; {successor.name} takes office on "
        f"{successor.starts_on:%-d %B %Y}, before the response is due on {due:%-d %B %Y}."
    )


@transaction.atomic
def record_obligations(*, report: Report) -> list[ResponseObligation]:
    """Make sure every body that owes a response has an obligation; safe to call after every change to
    the report. Obligations no longer owed are removed only if no work has started on them."""
    owing = bodies_owing(report)
    existing = {obligation.body_id: obligation for obligation in report.obligations.all()}
    created = []
    for body in owing:
        if body.pk not in existing:
            created.append(
                ResponseObligation.objects.create(
                    report=report,
                    body=body,
                    statutory=report.report_type.statutory,
                    handover_note=handover_note(body, report),
                    history=report.history,  # a past report loaded for the record owes no work now
                )
            )
    statutory = report.report_type.statutory
    for obligation in existing.values():  # the type changed: obligations that follow it are re-decided
        if (
            obligation.statutory != statutory
            and not obligation.statutory_reason
            and not obligation.published_on
        ):
            obligation.statutory = statutory
            obligation.save(update_fields=["statutory", "updated_at"])
    owed = {body.pk for body in owing}
    for body_id, obligation in existing.items():
        if (
            body_id not in owed
            and obligation.status == ResponseObligation.Status.NOT_STARTED
            and not (obligation.published_on or obligation.not_applicable)
        ):
            obligation.delete()
    return created


def mark_not_applicable(*, obligation: ResponseObligation, reason: str, user) -> ResponseObligation:
    """An office may say a report does not apply to it, with a reason that is kept."""
    if not reason.strip():
        raise ObligationRefused("give the reason the report does not apply to this office")
    if obligation.published_on:
        raise ObligationRefused("a response has already been published for this report")
    obligation.not_applicable, obligation.not_applicable_reason, obligation.updated_by = (
        True,
        reason.strip(),
        user,
    )
    obligation.save(update_fields=["not_applicable", "not_applicable_reason", "updated_by", "updated_at"])
    return obligation


def mark_history(*, obligations, user) -> list[ResponseObligation]:
    """Set responses aside as history, kept for the record: past reports loaded after the fact, whose
    period ended before the office used Scrutiny. Each is saved on its own, so the audit trail records
    every one with who did it. Published and not-applicable ones are left as they are."""
    marked = []
    with transaction.atomic():
        for obligation in obligations.filter(history=False, not_applicable=False):
            if obligation.published_on:
                continue
            obligation.history, obligation.updated_by = True, user
            obligation.save(update_fields=["history", "updated_by", "updated_at"])
            marked.append(obligation)
    return marked


def return_to_work(*, obligation: ResponseObligation, user) -> ResponseObligation:
    """A response set aside as history is owed after all: it counts again, and is overdue if late."""
    obligation.history, obligation.updated_by = False, user
    obligation.save(update_fields=["history", "updated_by", "updated_at"])
    return obligation


def reopen(*, obligation: ResponseObligation, user) -> ResponseObligation:
    obligation.not_applicable, obligation.not_applicable_reason, obligation.updated_by = False, "", user
    obligation.save(update_fields=["not_applicable", "not_applicable_reason", "updated_by", "updated_at"])
    return obligation


def set_statutory(
    *, obligation: ResponseObligation, statutory: bool, user, reason: str = ""
) -> ResponseObligation:
    """Report types carry a statutory or voluntary default; the office confirms or changes it per report,
    with its reason. A decision the office made is kept when the report's type changes later."""
    reason = reason.strip()
    if not reason:
        raise ObligationRefused("say why the response is statutory or voluntary")
    obligation.statutory, obligation.statutory_reason, obligation.updated_by = statutory, reason, user
    obligation.save(update_fields=["statutory", "statutory_reason", "updated_by", "updated_at"])
    return obligation


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


BUCKETS = [
    ("overdue", "Overdue"),
    ("7", "Due within 7 days"),
    ("14", "Due in 8 to 14 days"),
    ("28", "Due in 15 to 28 days"),
    ("later", "Due later"),
    ("published", "Published"),
    ("not-applicable", "Not applicable"),
    ("history", "History: past reports kept for the record"),
]


def bucket_of(obligation: ResponseObligation, today: date) -> str:
    if obligation.not_applicable:
        return "not-applicable"
    if obligation.history:
        return "history"
    if obligation.published_on:
        return "published"
    left = obligation.days_left(today)
    if left < 0:
        return "overdue"
    # `left` counts the days after today: 7 left is "within 7 days", 8 to 14 the next bucket.
    return "7" if left <= 7 else "14" if left <= 14 else "28" if left <= 28 else "later"


@dataclass
class OnTime:
    on_time: int = 0
    late: int = 0

    @property
    def total(self) -> int:
        return self.on_time + self.late

    @property
    def rate(self) -> float | None:
        return self.on_time / self.total if self.total else None


@dataclass
class Deadlines:
    buckets: dict = field(default_factory=lambda: {key: [] for key, _ in BUCKETS})
    by_year: dict = field(default_factory=lambda: defaultdict(OnTime))
    by_type: dict = field(default_factory=lambda: defaultdict(OnTime))


def deadlines(obligations, today: date) -> Deadlines:
    """Obligations grouped by how soon they are due, and the on-time rate of those whose period has
    ended (published on time, against published late or still unpublished past the due date). History
    stands apart, outside the on-time record."""
    summary = Deadlines()
    for obligation in obligations.select_related("report", "report__report_type", "body"):
        summary.buckets[bucket_of(obligation, today)].append(obligation)
        if obligation.not_applicable or obligation.history:
            continue
        settled = obligation.published_on is not None or obligation.is_late(today)
        if settled:
            on_time = obligation.published_on is not None and not obligation.published_late
            for key, table in [
                (obligation.report.published_on.year, summary.by_year),
                (obligation.report.report_type.name, summary.by_type),
            ]:
                if on_time:
                    table[key].on_time += 1
                else:
                    table[key].late += 1
    for items in summary.buckets.values():
        items.sort(key=lambda o: (o.due_on, o.report.title))
    return summary


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


def keep_as_published(obligation: ResponseObligation) -> None:
    """Freeze what the public reads: later changes to the report, its findings, the office's letterhead or
    signatory change nothing in it, and a correction is the only way to change it."""
    from responses.documents import build, snapshot

    obligation.published_document = snapshot(build(obligation, obligation.published_on))
    obligation.save(update_fields=["published_document", "updated_at"])


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
    if obligation.invitation_sent_on and received_on < obligation.invitation_sent_on:
        raise ObligationRefused("comments cannot arrive before the invitation was sent")


class ApprovalRefused(ObligationRefused):
    """Approval needs an answer to every recommendation; `missing` lists the sections without one."""

    def __init__(self, missing: list[ResponseSection], doing: str = "approval"):
        self.missing = missing
        names = ", ".join(section.title for section in missing)
        super().__init__(f"every recommendation needs an answer before {doing}; still to answer: {names}")


def change_calendar_address(*, body: LocalPolicingBody) -> CalendarFeed:
    """Give the office's calendar feed a new secret address (making the feed if it has none): the old
    address stops working at once. Done on request, and whenever someone who knew it leaves."""
    feed, created = CalendarFeed.objects.get_or_create(body=body)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token"])
    return feed


def office_settings(body: LocalPolicingBody) -> OfficeSettings:
    return OfficeSettings.objects.get_or_create(body=body)[0]


@transaction.atomic
def prepare_response(*, obligation: ResponseObligation) -> list[ResponseSection]:
    """Give the response an introduction and a section per recommendation (and per area for improvement
    when the office answers them), in the report's order; safe to call again, keeping what is written."""
    if obligation.withdrawn_on or (obligation.published_on and not obligation.correcting):
        return list(obligation.sections.all())  # what was published stays as it was (a correction opens it)
    kinds = [Finding.Kind.RECOMMENDATION]
    if office_settings(obligation.body).answer_areas_for_improvement:
        kinds.append(Finding.Kind.AREA_FOR_IMPROVEMENT)
    sections = obligation.sections
    if not sections.filter(kind=ResponseSection.Kind.INTRODUCTION).exists():
        ResponseSection.objects.create(
            obligation=obligation, kind=ResponseSection.Kind.INTRODUCTION, title="Introduction", position=0
        )
    answered = set(sections.exclude(finding=None).values_list("finding_id", flat=True))
    for finding in obligation.report.findings.filter(kind__in=kinds).order_by("position", "id"):
        if finding.pk not in answered:
            ResponseSection.objects.create(
                obligation=obligation,
                finding=finding,
                kind=finding.kind,
                title=finding.label,
                quoted_text=finding.text,
                position=100 + finding.position,
            )
    return list(sections.order_by("position", "id"))


def edited(obligation: ResponseObligation, user) -> None:
    """Any change to the words takes the response back to drafting; an approval no longer stands."""
    if obligation.status in (
        ResponseObligation.Status.NOT_STARTED,
        ResponseObligation.Status.INVITED,
        ResponseObligation.Status.COMMENTS_RECEIVED,
        ResponseObligation.Status.APPROVED,
    ):  # waiting for approval stays waiting: the approver sees what changed since it was sent
        obligation.status = ResponseObligation.Status.DRAFTING
    obligation.approved_on, obligation.approved_by, obligation.updated_by = None, None, user
    obligation.save()


def check_editable(obligation: ResponseObligation) -> None:
    if obligation.withdrawn_on:
        raise ObligationRefused("the response has been withdrawn; it can no longer be changed")
    if obligation.published_on and not obligation.correcting:
        raise ObligationRefused(
            "the response has been published; to change it, start a correction from the response's page"
        )


class SectionChanged(ObligationRefused):
    """Someone saved the section after this person opened it: their text is `current`, and the text this
    person tried to save is kept for them to merge (nothing is lost, nothing silently overwritten)."""

    def __init__(self, section: ResponseSection, attempted: str):
        self.section, self.attempted = section, attempted
        who = section.updated_by.get_full_name() or section.updated_by.username if section.updated_by else ""
        when = timezone.localtime(section.updated_at).strftime("%H:%M on %-d %B")
        super().__init__(
            f"{who or 'Someone'} saved this section at {when}, after you opened it. Their text is shown; "
            "yours is kept in the box: combine the two and save again"
        )


@transaction.atomic
def save_section(
    *, section: ResponseSection, body: str, title: str | None = None, version: int | None = None, user
) -> ResponseSection:
    """Save a section's text. With `version` (the one the person opened), a save made since by someone
    else is not overwritten: SectionChanged is raised instead."""
    check_editable(section.obligation)
    fields = {"body": body.strip(), "updated_by": user, "updated_at": timezone.now()}
    if title is not None and section.kind == ResponseSection.Kind.FREE:
        fields["title"] = title.strip() or section.title
    rows = ResponseSection.objects.filter(pk=section.pk)
    if version is not None:
        rows = rows.filter(version=version)
    if not rows.update(version=F("version") + 1, **fields):
        section.refresh_from_db()
        if section.body == fields["body"] and (
            title is None or section.title == fields.get("title", section.title)
        ):
            return section  # the same words saved a moment ago (an autosave, then the approval): no conflict
        raise SectionChanged(section, attempted=fields["body"])
    section.refresh_from_db()
    keep_revision(section, user)
    edited(section.obligation, user)
    return section


def keep_revision(section: ResponseSection, user) -> SectionRevision:
    """Every version of a section's text the concurrency check counts is kept, with who saved it."""
    return SectionRevision.objects.create(
        section=section, version=section.version, title=section.title, body=section.body, saved_by=user
    )


@transaction.atomic
def quote_current_text(*, section: ResponseSection, user) -> ResponseSection:
    """The report's finding was edited after the section quoted it: the office takes the new text."""
    check_editable(section.obligation)
    if section.finding_id:
        section.quoted_text, section.updated_by = section.finding.text, user
        section.version += 1
        section.save(update_fields=["quoted_text", "updated_by", "version", "updated_at"])
        keep_revision(section, user)
        edited(section.obligation, user)
    return section


@transaction.atomic
def add_free_section(*, obligation: ResponseObligation, title: str, body: str, user) -> ResponseSection:
    """A section of the office's own, such as on partnerships or custody; it comes after the others."""
    check_editable(obligation)
    if not title.strip():
        raise ObligationRefused("give the section a title")
    last = obligation.sections.order_by("-position").values_list("position", flat=True).first() or 0
    section = ResponseSection.objects.create(
        obligation=obligation,
        kind=ResponseSection.Kind.FREE,
        title=title.strip(),
        body=body.strip(),
        position=max(last, 10000) + 1,
        updated_by=user,
    )
    keep_revision(section, user)
    edited(obligation, user)
    return section


def drafted_section(*, obligation: ResponseObligation, source_key: str, user) -> ResponseSection:
    """A section another app drafts from its records (the referrals to safeguarding partnerships, the
    custody figures), added at the end for the officer to edit; see `core.registry.response_sections`."""
    source = next((s for s in registry.response_sections if s.key == source_key), None)
    if source is None:
        raise ObligationRefused("choose a section to draft")
    drafted = source.draft(obligation, user)
    if drafted is None:
        raise ObligationRefused(f"there is nothing yet to draft “{source.label}” from for this report")
    title, body = drafted
    return add_free_section(obligation=obligation, title=title, body=body, user=user)


@transaction.atomic
def delete_free_section(*, section: ResponseSection, user) -> None:
    check_editable(section.obligation)
    if section.kind != ResponseSection.Kind.FREE:
        raise ObligationRefused("only sections the office added can be deleted")
    obligation = section.obligation
    section.delete()
    edited(obligation, user)


def unanswered(obligation: ResponseObligation) -> list[ResponseSection]:
    return [
        section
        for section in obligation.sections.order_by("position", "id")
        if section.needs_answer and not section.body.strip()
    ]


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


def save_office_settings(*, form) -> OfficeSettings:
    """The office's letterhead, signatory and whether areas for improvement are answered."""
    return form.save()


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
