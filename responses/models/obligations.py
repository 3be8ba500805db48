"""Section 55 obligations: which local policing body owes comments on which report, and by when."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts import access
from core.models import VisibleQuerySet
from directory.models import LocalPolicingBody
from reports.models import Report
from responses import clock

# Bodies a report may be about that no police inspection addresses: their reports carry no section 55 duty
# unless HM Inspectorate of Constabulary inspected with the others (a joint inspection).
NOT_POLICE_SUBJECTS = {
    Report.SubjectKind.LOCAL_AUTHORITY,
    Report.SubjectKind.LOCAL_AREA_PARTNERSHIP,
    Report.SubjectKind.OTHER,
}


def statutory_default(report: Report) -> tuple[bool, str]:
    """Whether a response to the report is a section 55 duty unless the office decides otherwise, and why
    in words. Section 55 follows reports of HM Inspectorate of Constabulary on a force (alone or jointly,
    one force, several or all): the report's type gives the default, and a report whose publisher or
    subject says it is none of those (an NHS review, an inspection of a council's children's services by
    Ofsted alone) is voluntary whatever its type says. What the report does not say leaves the type's
    default."""
    kind = report.report_type.name
    if not report.report_type.statutory:
        return False, f"the report type, {kind}, carries no section 55 duty"
    police = "hmicfrs" in {inspectorate.code for inspectorate in report.inspectorates.all()} or (
        "Inspectorate of Constabulary" in report.publisher
    )
    if not police and report.publisher:
        return False, f"published by {report.publisher}, not HM Inspectorate of Constabulary"
    if not police and report.subject_kind in NOT_POLICE_SUBJECTS:
        return False, f"about {report.get_subject_kind_display().lower()}, not a police force"
    return True, f"the report type, {kind}, carries a section 55 duty"


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
            return f"decided by the office: {self.statutory_reason.rstrip('.')}"
        return "by default: " + statutory_default(self.report)[1]

    @property
    def editable(self) -> bool:
        """Its sections may be changed: before publication, or while a correction is drafted."""
        return not self.withdrawn_on and (self.published_on is None or self.correcting)

    def is_late(self, on: date) -> bool:
        """Unpublished after the due date of a section 55 duty; history, and a response the office gives
        by choice, are never late."""
        return (
            self.statutory
            and not (self.not_applicable or self.history)
            and self.published_on is None
            and on > self.due_on
        )

    @property
    def published_late(self) -> bool:
        return self.statutory and self.published_on is not None and self.published_on > self.due_on

    def state_label(self, on: date) -> str:
        if self.not_applicable:
            return "Not applicable"
        if self.published_on:
            return "Published late" if self.published_late else "Published on time"
        if self.history:
            return "History"
        label = self.get_status_display()
        return f"{label}, late" if self.is_late(on) else label
