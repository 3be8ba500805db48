"""What an office sets for itself: its response settings and approvers, its calendar feed, and the
reminders sent to it."""

from django.conf import settings
from django.db import models

from accounts import access
from core import models as core_models
from core.models import PrivateQuerySet
from directory.models import LocalPolicingBody
from responses.models.obligations import ResponseObligation


class OfficeOwnedQuerySet(core_models.OfficeOwnedQuerySet):
    """Records of one office (its settings, its calendar feed): its own staff see them."""

    office_field = "body"
    allowed = staticmethod(access.is_office_staff)


class OfficeSettings(models.Model):
    """How one office writes its responses: the letterhead, who signs, whether AFIs are answered."""

    body = models.OneToOneField(LocalPolicingBody, on_delete=models.CASCADE, related_name="response_settings")
    answer_areas_for_improvement = models.BooleanField(
        default=False, help_text="Give each area for improvement its own section in responses."
    )
    started_on = models.DateField(
        null=True,
        blank=True,
        help_text="The day the office started using Scrutiny: a report whose 56 days ended before it is "
        "history, kept for the record and never counted late.",
    )
    letterhead_address = models.TextField(blank=True, help_text="Printed under the office's name on letters.")
    website = models.URLField(blank=True)
    signatory_name = models.CharField(max_length=200, blank=True)
    signatory_title = models.CharField(max_length=200, blank=True)
    logo = models.FileField(
        upload_to="logos/",
        blank=True,
        help_text="The office's logo as a PNG Scrutiny made from the upload (checked, resized, without metadata); "
        "printed at the top of letters, PDFs and public pages.",
    )
    chief_officer_name = models.CharField(max_length=200, blank=True)
    chief_officer_email = models.EmailField(
        blank=True, help_text="Where invitations to comment go unless the officer sending one changes it."
    )
    approvers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="+",
        help_text="Who approves responses (the commissioner, the chief executive); with nobody named, any "
        "of the office's officers and administrators may.",
    )

    objects = OfficeOwnedQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "office settings"

    def __str__(self):
        return f"Settings for {self.body}"


def settings_of(body) -> OfficeSettings:
    """The office's settings (made, with the defaults, the first time they are asked for)."""
    return OfficeSettings.objects.get_or_create(body=body)[0]


def new_calendar_token() -> str:
    import secrets

    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """An office's iCalendar feed of due dates, at a secret address calendar programs can read."""

    body = models.OneToOneField(LocalPolicingBody, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=new_calendar_token)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfficeOwnedQuerySet.as_manager()

    def __str__(self):
        return f"Calendar of {self.body}"


class Reminder(models.Model):
    """A due-soon or overdue reminder sent for an obligation on a day: so none is ever sent twice."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", "Due soon"
        OVERDUE = "overdue", "Overdue"
        CHASER = "chaser", "Chaser to the chief officer"

    obligation = models.ForeignKey(ResponseObligation, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    objects = PrivateQuerySet.as_manager()  # a delivery log: read by `scrutiny remind`, not by people

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["obligation", "kind", "sent_on"], name="one_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} reminder on {self.sent_on} for {self.obligation}"
