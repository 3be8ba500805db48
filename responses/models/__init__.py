"""The responses domain's records, by topic: obligations (who owes comments on which report, by when),
the office's own settings, feed and reminders, and the response as drafted, versioned and corrected."""

from responses.models.drafting import (
    Correction,
    DraftComment,
    ResponseSection,
    ResponseVersion,
    SectionRevision,
    Stance,
)
from responses.models.obligations import ObligationQuerySet, ResponseObligation, statutory_default
from responses.models.office import (
    CalendarFeed,
    OfficeOwnedQuerySet,
    OfficeSettings,
    Reminder,
    new_calendar_token,
    settings_of,
)

__all__ = [
    "CalendarFeed",
    "Correction",
    "DraftComment",
    "ObligationQuerySet",
    "OfficeOwnedQuerySet",
    "OfficeSettings",
    "Reminder",
    "ResponseObligation",
    "ResponseSection",
    "ResponseVersion",
    "SectionRevision",
    "Stance",
    "new_calendar_token",
    "settings_of",
    "statutory_default",
]
