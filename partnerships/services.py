"""Referrals: a report, or chosen findings of it, sent to one or more safeguarding partnerships in one
step, from the office's letter template; then what each partnership did with it."""

import logging
import re
import smtplib
from dataclasses import dataclass
from datetime import date

from django.core.mail import BadHeaderError, send_mail
from django.db import transaction

from accounts import access
from core.dates import check_happened
from core.refusals import Refused
from core.text import one_line
from directory.models import LocalPolicingBody, SafeguardingPartnership
from partnerships.access import is_partnership_contributor
from partnerships.models import DEFAULT_LETTER, DEFAULT_SUBJECT, Referral, ReferralTemplate
from reports.models import Finding, Report

logger = logging.getLogger(__name__)

PLACEHOLDER = re.compile(r"\{(\w+)\}")
PLACEHOLDERS = {
    "partnership": "the partnership's name",
    "office": "the office's name",
    "report": "the report's title",
    "published_on": "the report's publication date",
    "findings": "the findings referred, each with its label and text (or a note that the whole report is)",
    "authorities": "the local authorities the partnership covers",
}
ORDER = [
    Referral.State.SENT,
    Referral.State.ACKNOWLEDGED,
    Referral.State.DISCUSSED,
    Referral.State.OUTCOME,
    Referral.State.FOLLOW_UP,
]


class ReferralRefused(Refused):
    """A referral cannot be sent or changed; the message says why."""


def fill(text: str, values: dict[str, str]) -> str:
    """Put the values into the {placeholders}; an unknown one stays as written (never evaluated)."""
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def findings_text(report: Report, findings) -> str:
    if not findings:
        return (
            f"We refer the whole report to you. It can be read at {report.source_url}."
            if report.source_url
            else ("We refer the whole report to you.")
        )
    parts = []
    for finding in findings:
        parts.append(f"{finding.label or finding.get_kind_display()}: {finding.text}")
    return "\n\n".join(parts)


def template_for(office: LocalPolicingBody) -> ReferralTemplate:
    """The office's letter template; the shipped wording until the office changes it."""
    return ReferralTemplate.objects.get_or_create(office=office)[0]


def save_template(*, office: LocalPolicingBody, subject: str, letter: str) -> ReferralTemplate:
    template = template_for(office)
    unknown = sorted({name for name in PLACEHOLDER.findall(subject + letter) if name not in PLACEHOLDERS})
    if unknown:
        raise ReferralRefused(
            f"unknown placeholder(s) {', '.join('{' + name + '}' for name in unknown)}; "
            f"use {', '.join('{' + name + '}' for name in PLACEHOLDERS)}"
        )
    template.subject, template.letter = one_line(subject), letter
    template.save()
    return template


def reset_template(*, office: LocalPolicingBody) -> ReferralTemplate:
    return save_template(office=office, subject=DEFAULT_SUBJECT, letter=DEFAULT_LETTER)


@dataclass
class Draft:
    """One partnership's letter, as it will be sent."""

    partnership: SafeguardingPartnership
    to: str
    subject: str
    letter: str


def draft_letters(
    *, office, report: Report, findings, partnerships, subject: str, letter: str
) -> list[Draft]:
    """Each partnership's letter from the template wording, for the preview and for sending."""
    findings = list(findings)
    drafts = []
    for partnership in partnerships:
        values = {
            "partnership": partnership.name,
            "office": office.name,
            "report": report.title,
            "published_on": f"{report.published_on:%-d %B %Y}",
            "findings": findings_text(report, findings),
            "authorities": ", ".join(authority.name for authority in partnership.local_authorities.all()),
        }
        drafts.append(
            Draft(
                partnership, partnership.contact_email, one_line(fill(subject, values)), fill(letter, values)
            )
        )
    return drafts


def check_referral(*, office, report: Report, findings, partnerships, sent_on: date) -> None:
    """What a referral must be, whether chosen on the page or sent through the API: to partnerships of the
    office's force area only, with findings of this report, not before it was published, each partnership
    with an address to write to."""
    if not partnerships:
        raise ReferralRefused("choose at least one partnership")
    ours = set(partnerships_for_report(report, office).values_list("pk", flat=True))
    outside = [partnership.name for partnership in partnerships if partnership.pk not in ours]
    if outside:
        raise ReferralRefused(
            f"{', '.join(outside)} {'is' if len(outside) == 1 else 'are'} not in {office.force.area}'s force "
            "area: an office refers to the partnerships of its own area"
        )
    wrong = [finding for finding in findings if finding.report_id != report.pk]
    if wrong:
        raise ReferralRefused("the findings chosen must all be from this report")
    check_happened(sent_on, "the date the referral was sent", ReferralRefused)
    if sent_on < report.published_on:
        raise ReferralRefused("a referral cannot be sent before the report was published")
    without = [partnership.name for partnership in partnerships if not partnership.contact_email]
    if without:
        raise ReferralRefused(
            f"no e-mail address for {', '.join(without)}: add the contact on the partnership's page first"
        )


def preview(*, office, report: Report, findings, partnerships, subject: str, letter: str, sent_on: date):
    """Each partnership's letter as it would be sent, after the checks sending makes."""
    findings, partnerships = list(findings), list(partnerships)
    check_referral(
        office=office, report=report, findings=findings, partnerships=partnerships, sent_on=sent_on
    )
    return draft_letters(
        office=office,
        report=report,
        findings=findings,
        partnerships=partnerships,
        subject=subject,
        letter=letter,
    )


def refer(
    *,
    office: LocalPolicingBody,
    report: Report,
    findings,
    partnerships,
    subject: str,
    letter: str,
    sent_on: date,
    user,
    follow_up_on: date | None = None,
    send: bool = True,
) -> list[Referral]:
    """Send the report, or the chosen findings, to every partnership chosen, in one step: all the
    referrals are recorded and their e-mails sent, or none is."""
    findings, partnerships = list(findings), list(partnerships)
    check_referral(
        office=office, report=report, findings=findings, partnerships=partnerships, sent_on=sent_on
    )
    if follow_up_on and follow_up_on < sent_on:
        raise ReferralRefused("the follow-up date must be on or after the day the referral is sent")
    drafts = draft_letters(
        office=office,
        report=report,
        findings=findings,
        partnerships=partnerships,
        subject=subject,
        letter=letter,
    )
    referrals = []
    try:
        with transaction.atomic():
            for draft in drafts:
                referral = Referral.objects.create(
                    office=office,
                    report=report,
                    partnership=draft.partnership,
                    sent_to=draft.to,
                    subject=draft.subject,
                    letter=draft.letter,
                    sent_on=sent_on,
                    follow_up_on=follow_up_on,
                    created_by=user,
                )
                referral.findings.set(findings)
                referrals.append(referral)
                if send:
                    send_mail(draft.subject, draft.letter, None, [draft.to])
    except (OSError, smtplib.SMTPException, BadHeaderError) as error:
        raise ReferralRefused(
            f"the e-mails could not be sent ({type(error).__name__}); no referral was recorded: try again later"
        ) from None
    return referrals


def advance(referral: Referral, state: str) -> None:
    """Move the state on, never back: an acknowledgement recorded after the outcome leaves the outcome."""
    if referral.state in ORDER and ORDER.index(state) > ORDER.index(referral.state):
        referral.state = state


def check_open(referral: Referral) -> None:
    if referral.state == Referral.State.CLOSED:
        raise ReferralRefused("the referral is closed; reopen it to record more")


def check_date(referral: Referral, on: date, what: str) -> None:
    check_happened(on, f"the date {what}", ReferralRefused)
    if on < referral.sent_on:
        raise ReferralRefused(
            f"the date {what} cannot be before the referral was sent ({referral.sent_on:%-d %B %Y})"
        )


def record_acknowledged(*, referral: Referral, on: date, user) -> Referral:
    check_open(referral)
    check_date(referral, on, "it was acknowledged")
    referral.acknowledged_on = on
    advance(referral, Referral.State.ACKNOWLEDGED)
    referral.save()
    return referral


def record_discussed(*, referral: Referral, on: date, user) -> Referral:
    """The partnership meeting that discussed the referral."""
    check_open(referral)
    check_date(referral, on, "of the meeting")
    referral.discussed_on = on
    advance(referral, Referral.State.DISCUSSED)
    referral.save()
    return referral


def record_outcome(*, referral: Referral, outcome: str, text: str, on: date, user) -> Referral:
    """What the partnership decided, in its own words: the partnership's contributors record it
    themselves, or the office does for them."""
    check_open(referral)
    check_date(referral, on, "of the outcome")
    if outcome not in Referral.Outcome.values:
        raise ReferralRefused("choose the outcome: actions agreed, noted or declined")
    if not text.strip():
        raise ReferralRefused("enter the partnership's words about the outcome")
    referral.outcome, referral.outcome_text, referral.outcome_on, referral.outcome_by = (
        outcome,
        text,
        on,
        user,
    )
    advance(referral, Referral.State.OUTCOME)
    referral.save()
    return referral


def office_only(user) -> None:
    if is_partnership_contributor(user):
        raise ReferralRefused("only the office sets follow-up dates and closes referrals")


def set_follow_up(*, referral: Referral, follow_up_on: date | None, user) -> Referral:
    office_only(user)
    check_open(referral)
    if follow_up_on is not None:
        check_date(referral, follow_up_on, "to follow it up")
    referral.follow_up_on = follow_up_on
    referral.save()
    return referral


def record_followed_up(
    *, referral: Referral, on: date, user, next_follow_up_on: date | None = None
) -> Referral:
    """The office followed the referral up; with a next date, it will be reminded again then."""
    office_only(user)
    check_open(referral)
    check_date(referral, on, "it was followed up")
    if next_follow_up_on is not None and next_follow_up_on <= on:
        raise ReferralRefused("the next follow-up date must be after the day it was followed up")
    referral.followed_up_on = on
    referral.follow_up_on = next_follow_up_on or referral.follow_up_on
    advance(referral, Referral.State.FOLLOW_UP)
    referral.save()
    return referral


def close(*, referral: Referral, user) -> Referral:
    office_only(user)
    referral.state = Referral.State.CLOSED
    referral.save()
    return referral


def reopen(*, referral: Referral, user) -> Referral:
    office_only(user)
    if referral.state != Referral.State.CLOSED:
        raise ReferralRefused("the referral is open")
    referral.state = (
        Referral.State.OUTCOME
        if referral.outcome
        else (
            Referral.State.DISCUSSED
            if referral.discussed_on
            else Referral.State.ACKNOWLEDGED
            if referral.acknowledged_on
            else Referral.State.SENT
        )
    )
    referral.save()
    return referral


def partnerships_for_report(report: Report, office: LocalPolicingBody):
    """The partnerships of the office's force area: the ones "every partnership in this force area"
    sends to."""
    return SafeguardingPartnership.objects.in_force_area(office.force).prefetch_related("local_authorities")


def findings_of(report: Report, ids) -> list[Finding]:
    return list(report.findings.filter(pk__in=list(ids)))


def may_edit_partnership(user, partnership: SafeguardingPartnership) -> bool:
    """A partnership's contacts and links are kept by the administrators of the offices whose force area
    it is in (its referrals come from them), or by a deployment administrator."""
    if not access.is_office_admin(user):
        return False
    if user.is_superuser:
        return True
    office = getattr(user, "office", None)
    return office is not None and partnership.local_authorities.filter(forces=office.force_id).exists()


def save_partnership_details(*, form, user) -> SafeguardingPartnership:
    """Save the details form (audited with the model); when the contact address changes, the previous
    address is told where referrals will go from now on, so a redirection never passes unseen."""
    partnership = form.instance
    previous = SafeguardingPartnership.objects.get(pk=partnership.pk).contact_email
    with transaction.atomic():
        partnership = form.save()
    if previous and previous.lower() != partnership.contact_email.lower():
        office = getattr(user, "office", None)
        by = f"{user.display_name} of {office}" if office else user.display_name
        letter = (
            f"The address to which Scrutiny sends referrals for {partnership.name} was changed from this "
            f"address to {partnership.contact_email or 'none'} by {by}.\n\n"
            "If this change was not expected, contact the office that made it."
        )
        try:
            send_mail(f"Referral address changed: {partnership.name}", letter, None, [previous])
        except (smtplib.SMTPException, OSError, BadHeaderError):
            logger.warning("partnership %s: the previous contact address could not be told", partnership.pk)
    return partnership
