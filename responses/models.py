"""Section 55 obligations: which local policing body owes comments on which report, and by when."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from accounts import access
from core import models as core_models
from core.models import PrivateQuerySet, VisibleQuerySet, visible_through
from directory.models import LocalPolicingBody
from reports.models import Report
from responses import clock


class ObligationQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """Obligations belong to an office: its staff and panel members see their own office's; people
        without an office see them only as deployment administrators; nobody else sees any."""
        if not access.reads_deadlines(user):
            return self.none()
        if user.office_id is not None:
            return self.filter(body=user.office_id)
        return self.all() if access.is_deployment_admin(user) else self.none()

    def public(self):
        """Published responses: anyone may read them, signed in or not."""
        return self.filter(published_on__isnull=False, not_applicable=False)

    def open(self):
        """Responses still to be written: not published, not set aside as not applicable or as history."""
        return self.filter(published_on__isnull=True, not_applicable=False, history=False)

    def current(self):
        """Everything but history: what the work lists, reminders, calendar and on-time record count."""
        return self.filter(history=False)

    def asked_of(self, user):
        """For a force contributor: the responses whose office invited their force's comments (answered
        or not), while the response is still being written."""
        if not access.is_force_contributor(user) or not user.force_id or not user.office_id:
            return self.none()  # fails closed: without an office there is no one whose invitations they see
        return self.filter(
            body=user.office_id,  # invited by its own office
            body__force=user.force_id,
            invitation_sent_on__isnull=False,
            published_on__isnull=True,
            not_applicable=False,
            history=False,
            withdrawn_on__isnull=True,
        )


class ResponseObligation(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not-started", "Not started"
        INVITED = "chief-officer-invited", "Chief officer invited"
        COMMENTS_RECEIVED = "comments-received", "Comments received"
        DRAFTING = "drafting", "Drafting"
        AWAITING_APPROVAL = "awaiting-approval", "Awaiting approval"
        APPROVED = "approved", "Approved"
        PUBLISHED = "published", "Published"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="obligations")
    body = models.ForeignKey(
        LocalPolicingBody,
        on_delete=models.PROTECT,
        related_name="obligations",
        help_text="The local policing body in office on the day the report was published: the office.",
    )
    statutory = models.BooleanField(
        help_text="A section 55 duty; voluntary responses are tracked the same way."
    )
    statutory_reason = models.CharField(
        max_length=500,
        blank=True,
        help_text="Why the office decided statutory or voluntary; empty while it follows the report type.",
    )
    status = models.CharField(max_length=30, choices=Status.choices, default=Status.NOT_STARTED)
    not_applicable = models.BooleanField(default=False)
    not_applicable_reason = models.TextField(blank=True)
    history = models.BooleanField(
        default=False,
        help_text="A past report's response, kept for the record: not work, never overdue, never reminded, "
        "and outside the on-time record.",
    )
    invitation_sent_on = models.DateField(null=True, blank=True)
    comments_due_on = models.DateField(null=True, blank=True, help_text="The date the office set (s55(4)).")
    comments_received_on = models.DateField(null=True, blank=True)
    chief_officer_email = models.EmailField(blank=True, help_text="Where the invitation to comment was sent.")
    invitation_subject = models.CharField(max_length=300, blank=True)
    invitation_text = models.TextField(
        blank=True, help_text="The invitation as it was sent, after any edits."
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comments_submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The force's user who submitted the comments in Scrutiny, when the force did.",
    )
    comments_text = models.TextField(
        blank=True, help_text="The chief officer's comments, published with the response."
    )
    comments_document = models.FileField(upload_to="comments/", blank=True)
    published_on = models.DateField(
        null=True,
        blank=True,
        help_text="The first publication: what the on-time record counts, whatever follows.",
    )
    published_url = models.URLField(blank=True, max_length=500)
    published_document = models.JSONField(
        null=True,
        blank=True,
        help_text="The response exactly as it was published (or last corrected): what the public reads, "
        "whatever changes later in the report, its findings or the office's settings.",
    )
    correcting = models.BooleanField(
        default=False, help_text="A correction is being drafted; the public keeps reading what was published."
    )
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    copies_sent_on = models.DateField(
        null=True, blank=True, help_text="Copies to HM Inspectors and the Home Secretary."
    )
    answered_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="also_answers",
        help_text="The response to a linked report that answers this one too; this one cites it.",
    )
    approved_on = models.DateField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handover_note = models.TextField(blank=True, help_text="Kept when the body changes within the 56 days.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ObligationQuerySet.as_manager()

    class Meta:
        ordering = ["report__published_on", "body__force__name"]
        constraints = [
            models.UniqueConstraint(fields=["report", "body"], name="one_obligation_per_report_and_body")
        ]
        indexes = [models.Index(fields=["body", "published_on"], name="obligation_body_published")]

    def __str__(self):
        return f"{self.body} on {self.report}"

    def get_absolute_url(self):
        return reverse("responses:obligation-detail", kwargs={"pk": self.pk})

    @property
    def due_on(self) -> date:
        return clock.due_date(self.report.published_on)

    def day_of_period(self, on: date) -> int:
        return clock.day_of_period(self.report.published_on, self.published_on or on)

    def days_left(self, on: date) -> int:
        return clock.days_left(self.report.published_on, on)

    @property
    def statutory_basis(self) -> str:
        """Why the response is (or is not) a section 55 duty, in words."""
        if self.statutory_reason:
            return f"decided by the office: {self.statutory_reason}"
        kind = self.report.report_type.name
        return f"from the report type, {kind}, which {'carries' if self.report.report_type.statutory else 'carries no'} section 55 duty"

    @property
    def editable(self) -> bool:
        """Its sections may be changed: before publication, or while a correction is drafted."""
        return not self.withdrawn_on and (self.published_on is None or self.correcting)

    def is_late(self, on: date) -> bool:
        """Unpublished after the due date; history is never late."""
        return not (self.not_applicable or self.history) and self.published_on is None and on > self.due_on

    @property
    def published_late(self) -> bool:
        return self.published_on is not None and self.published_on > self.due_on

    def state_label(self, on: date) -> str:
        if self.not_applicable:
            return "Not applicable"
        if self.published_on:
            return "Published late" if self.published_late else "Published on time"
        if self.history:
            return "History"
        label = self.get_status_display()
        return f"{label}, late" if self.is_late(on) else label


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
