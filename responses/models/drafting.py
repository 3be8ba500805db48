"""The response as it is written: a section per finding with its stance, revisions and versions, comments
on the draft, and corrections to a published response."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from core.models import visible_through
from responses.models.obligations import ResponseObligation


class Stance(models.TextChoices):
    """The chief officer's (or a response's) stance on a recommendation."""

    ACCEPTED = "accepted", "Accepted"
    PARTIALLY_ACCEPTED = "partially accepted", "Partially accepted"
    NOT_ACCEPTED = "not accepted", "Not accepted"
    NOTED = "noted", "Noted"
    NONE = "none", "No stance"


class ResponseSection(models.Model):
    class Kind(models.TextChoices):
        INTRODUCTION = "introduction", "Introduction"
        RECOMMENDATION = "recommendation", "Recommendation"
        AREA_FOR_IMPROVEMENT = "area-for-improvement", "Area for improvement"
        FREE = "free", "Section"

    obligation = models.ForeignKey(ResponseObligation, on_delete=models.CASCADE, related_name="sections")
    kind = models.CharField(max_length=25, choices=Kind.choices)
    finding = models.ForeignKey(
        "reports.Finding", on_delete=models.PROTECT, null=True, blank=True, related_name="response_sections"
    )
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True, help_text="What has been or will be done, or why nothing will be.")
    position = models.PositiveIntegerField(default=0)
    quoted_text = models.TextField(
        blank=True,
        help_text="The finding's text as this response quotes it: taken when the section is made, kept when "
        "the report's finding is edited later (the office is shown the change and chooses), never changed "
        "once published.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Counts saves of the text: a save made from an older version is refused."
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comments_passage = models.TextField(
        blank=True, help_text="The part of the chief officer's comments that answers this recommendation."
    )
    comments_stance = models.CharField(
        max_length=20,
        choices=Stance.choices,
        blank=True,
        help_text="The chief officer's stance; empty until the comments are linked.",
    )
    comments_confidence = models.FloatField(
        null=True, blank=True, help_text="How sure the proposed link was, 0 to 1; kept after confirmation."
    )
    comments_stance_reason = models.CharField(
        max_length=300,
        blank=True,
        help_text='The words that decided the proposed stance: "we accept this in part", a status cell.',
    )
    comments_link_evidence = models.CharField(
        max_length=300,
        blank=True,
        help_text="How the proposed passage was found: after its restatement, by its number, by likeness.",
    )
    comments_confirmed_at = models.DateTimeField(null=True, blank=True)
    comments_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = visible_through("obligation").as_manager()

    class Meta:
        ordering = ["obligation", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["obligation", "finding"],
                condition=Q(finding__isnull=False),
                name="one_section_per_finding",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def needs_answer(self) -> bool:
        return self.kind == self.Kind.RECOMMENDATION

    @property
    def quoted(self) -> str:
        """The finding's words as the response quotes them."""
        return self.quoted_text or (self.finding.text if self.finding_id else "")

    @property
    def finding_changed(self) -> bool:
        """The report's finding was edited after this section quoted it."""
        return bool(self.finding_id and self.quoted_text and self.quoted_text != self.finding.text)

    @property
    def anchor(self) -> str:
        return f"section-{self.pk}"


class Correction(models.Model):
    """A published response corrected: why, when, by whom, and the response as it read before (the
    earlier version stays readable at its own address)."""

    obligation = models.ForeignKey(ResponseObligation, on_delete=models.CASCADE, related_name="corrections")
    number = models.PositiveIntegerField(help_text="1 for the first correction.")
    reason = models.TextField()
    earlier = models.JSONField(help_text="The published response before this correction, as published.")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(auto_now_add=True)
    published_on = models.DateField(
        null=True, blank=True, help_text="When the corrected response went public."
    )

    objects = visible_through("obligation").as_manager()

    class Meta:
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["obligation", "number"], name="one_correction_number")]

    def __str__(self):
        return f"Correction {self.number} of {self.obligation}"


class SectionRevision(models.Model):
    """A section's text as one save left it: every version the concurrency check counts is kept."""

    section = models.ForeignKey(ResponseSection, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    body = models.TextField(blank=True)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    objects = visible_through("section").as_manager()

    class Meta:
        ordering = ["section", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["section", "version"], name="one_revision_per_version")
        ]

    def __str__(self):
        return f"{self.section} version {self.version}"


class ResponseVersion(models.Model):
    """The whole response at a step of its approval (sent for approval, sent back, approved, published,
    corrected): each section's title, text and version, so any two can be compared."""

    class Event(models.TextChoices):
        SUBMITTED = "submitted", "Sent for approval"
        SENT_BACK = "sent-back", "Sent back"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"
        CORRECTED = "corrected", "Correction published"

    obligation = models.ForeignKey(ResponseObligation, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    event = models.CharField(max_length=20, choices=Event.choices)
    note = models.TextField(blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    made_at = models.DateTimeField(auto_now_add=True)
    sections = models.JSONField(help_text="[{section, kind, title, quoted, body, version}] in order.")

    objects = visible_through("obligation").as_manager()

    class Meta:
        ordering = ["obligation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["obligation", "number"], name="one_response_version_number")
        ]

    def __str__(self):
        return f"Version {self.number} of {self.obligation} ({self.get_event_display().lower()})"


class DraftComment(models.Model):
    """A remark on a draft between its drafters and its approver, on one section or on the whole."""

    obligation = models.ForeignKey(
        ResponseObligation, on_delete=models.CASCADE, related_name="draft_comments"
    )
    section = models.ForeignKey(
        ResponseSection, on_delete=models.SET_NULL, null=True, blank=True, related_name="draft_comments"
    )
    version = models.ForeignKey(
        ResponseVersion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        help_text="The version a send-back was made on.",
    )
    text = models.TextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = visible_through("obligation").as_manager()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"Comment on {self.obligation}"
