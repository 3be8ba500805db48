"""How responses follow what happens to reports (see `reports.events`)."""

from django.db.models import Q

from responses.models import CalendarFeed, ResponseObligation, ResponseSection
from responses.services import change_calendar_address, record_obligations

# A section someone has worked on: an answer written, or the chief officer's comments linked to it.
WORKED_ON = ~Q(body="") | ~Q(comments_passage="") | Q(comments_confirmed_at__isnull=False)


def report_recorded(sender, *, report, created, **kwargs) -> None:
    """Every body that owes comments on the report has an obligation."""
    record_obligations(report=report)


def answered_sections_guard(finding) -> str | None:
    """An answer an office wrote, or a response already published, is never lost with its finding."""
    sections = ResponseSection.objects.filter(finding=finding)
    kept = sections.filter(WORKED_ON | Q(obligation__published_on__isnull=False))
    count = kept.values("obligation").distinct().count()
    if not count:
        return None
    return f"it is answered in {count} office response{'s' if count != 1 else ''}"


def finding_removed(sender, *, finding, **kwargs) -> None:
    """Sections opened for the finding and never written in go with it."""
    ResponseSection.objects.filter(finding=finding).exclude(WORKED_ON).delete()


def finding_merged(sender, *, kept, removed, **kwargs) -> None:
    """Untouched sections of the merged-away finding move to the one it joins, unless that response
    already has a section for it (then they go)."""
    for section in ResponseSection.objects.filter(finding=removed).exclude(WORKED_ON):
        if ResponseSection.objects.filter(obligation=section.obligation_id, finding=kept).exists():
            section.delete()
        else:
            section.finding, section.title, section.quoted_text = kept, kept.label, kept.text
            section.save(update_fields=["finding", "title", "quoted_text", "updated_at"])


def person_deactivated(sender, *, person, **kwargs) -> None:
    """Someone who could read the office's calendar address has left: the address changes."""
    if person.office_id and CalendarFeed.objects.filter(body=person.office_id).exists():
        change_calendar_address(body=person.office)


def published_responses_guard(report) -> str | None:
    """A response published to a report was counted on time or late against its publication date."""
    published = ResponseObligation.objects.filter(report=report, published_on__isnull=False).count()
    if not published:
        return None
    return (
        f"{published} response{'s' if published != 1 else ''} to it {'have' if published != 1 else 'has'} "
        "been published and counted on time or late against it"
    )
