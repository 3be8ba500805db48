"""Drafting the response: its sections (one per recommendation), edits that take it back to drafting,
revisions, free sections, and the office's settings the letter is drawn from."""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from core import registry
from directory.models import LocalPolicingBody
from reports.models import Finding
from responses import clock
from responses.models import (
    CalendarFeed,
    OfficeSettings,
    ResponseObligation,
    ResponseSection,
    SectionRevision,
    new_calendar_token,
    settings_of,
)
from responses.services.obligations import ObligationRefused, mark_history


def change_calendar_address(*, body: LocalPolicingBody) -> CalendarFeed:
    """Give the office's calendar feed a new secret address (making the feed if it has none): the old
    address stops working at once. Done on request, and whenever someone who knew it leaves."""
    feed, created = CalendarFeed.objects.get_or_create(body=body)
    if not created:
        feed.token = new_calendar_token()
        feed.save(update_fields=["token"])
    return feed


def office_settings(body: LocalPolicingBody) -> OfficeSettings:
    return settings_of(body)


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


@transaction.atomic
def save_office_settings(*, form, user) -> tuple[OfficeSettings, int]:
    """The office's start date, letterhead, signatory and whether areas for improvement are answered; and
    how many responses the start date set aside as history (those whose 56 days ended before the office
    started using Scrutiny: nobody could have written them here, so they are never counted late)."""
    settings = form.save()
    if settings.started_on is None:
        return settings, 0
    # due before the start, asked of the database: published more than the period before it
    before = ResponseObligation.objects.filter(
        body=settings.body_id,
        report__published_on__lt=settings.started_on - timedelta(days=clock.PERIOD_DAYS - 1),
    )
    return settings, len(mark_history(obligations=before, user=user))
