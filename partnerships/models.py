"""Referrals of reports and findings to safeguarding partnerships, and multi-agency inspections per local
authority. The partnerships themselves, their local authorities and meetings are reference data in
`directory`."""

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse

from accounts import access
from core.models import OfficeOwnedQuerySet, PrivateQuerySet, ReferenceQuerySet, VisibleQuerySet
from directory.models import Inspectorate, LocalAuthority, LocalPolicingBody, SafeguardingPartnership
from partnerships.access import is_partnership_contributor
from reports.models import Finding, Report


class InspectionKind(models.TextChoices):
    JTAI = "jtai", "Joint targeted area inspection (JTAI)"
    JICPA = "jicpa", "Joint inspection of child protection arrangements (JICPA, Wales)"
    ILACS = "ilacs", "Inspection of local authority children's services (ILACS)"
    AREA_SEND = "area-send", "Area SEND inspection"
    OTHER = "other", "Other multi-agency inspection"


SHORT_KIND = {
    InspectionKind.JTAI: "JTAI",
    InspectionKind.JICPA: "JICPA",
    InspectionKind.ILACS: "ILACS",
    InspectionKind.AREA_SEND: "Area SEND",
    InspectionKind.OTHER: "Other",
}


class Inspection(models.Model):
    """One multi-agency inspection of a local authority area, by the date its report was published.
    Public facts, shared by every office."""

    local_authority = models.ForeignKey(LocalAuthority, on_delete=models.PROTECT, related_name="inspections")
    kind = models.CharField(max_length=20, choices=InspectionKind.choices)
    other_kind = models.CharField(
        max_length=200, blank=True, help_text="The inspection's name when it is none of the listed kinds."
    )
    published_on = models.DateField(help_text="When the inspection's report was published.")
    inspectorates = models.ManyToManyField(Inspectorate, blank=True, related_name="area_inspections")
    theme = models.CharField(max_length=300, blank=True, help_text="The deep-dive theme, for a JTAI.")
    report_url = models.URLField(blank=True, max_length=500)
    source_import = models.ForeignKey(
        "CoverageImport", on_delete=models.SET_NULL, null=True, blank=True, related_name="inspections"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = ReferenceQuerySet.as_manager()  # published inspections: everyone signed in sees them

    class Meta:
        ordering = ["local_authority__name", "-published_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_authority", "kind", "published_on"],
                name="one_inspection_per_area_kind_and_day",
            )
        ]

    def __str__(self):
        return f"{self.kind_label} of {self.local_authority} ({self.published_on:%B %Y})"

    @property
    def kind_label(self) -> str:
        return (
            self.other_kind
            if self.kind == InspectionKind.OTHER and self.other_kind
            else SHORT_KIND[self.kind]
        )


class OfficeQuerySet(OfficeOwnedQuerySet):
    """Records an office owns: its administrators and officers see their own office's."""

    allowed = staticmethod(access.is_office_staff)


class CoverageImport(models.Model):
    """One CSV import of inspections: who, when, which file, and what happened (all rows or none)."""

    class State(models.TextChoices):
        IMPORTED = "imported", "Imported"
        REFUSED = "refused", "Refused: nothing stored"

    office = models.ForeignKey(
        LocalPolicingBody, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file_name = models.CharField(max_length=200)
    sha256 = models.CharField(max_length=64, blank=True)
    state = models.CharField(max_length=10, choices=State.choices)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    errors = models.JSONField(default=list, blank=True, help_text="Each problem with its row and column.")
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"{self.file_name} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("partnerships:import-detail", kwargs={"pk": self.pk})


class ReferralQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """The office's staff see its referrals; a partnership contributor sees only those its office sent
        to its partnership; nobody else sees any."""
        if not access.active(user):
            return self.none()
        if is_partnership_contributor(user):
            if user.partnership_id is None or user.office_id is None:
                return self.none()
            return self.filter(office=user.office_id, partnership=user.partnership_id)
        if not access.is_office_staff(user):
            return self.none()
        if user.office_id is not None:
            return self.filter(office=user.office_id)
        return self.all() if access.is_deployment_admin(user) else self.none()

    def open(self):
        return self.exclude(state=Referral.State.CLOSED)


class Referral(models.Model):
    """A report, or chosen findings of it, sent by an office to one safeguarding partnership, and what the
    partnership made of it."""

    class State(models.TextChoices):
        SENT = "sent", "Sent"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        DISCUSSED = "discussed", "Discussed"
        OUTCOME = "outcome", "Outcome recorded"
        FOLLOW_UP = "follow-up", "Followed up"
        CLOSED = "closed", "Closed"

    class Outcome(models.TextChoices):
        ACTIONS_AGREED = "actions-agreed", "Actions agreed"
        NOTED = "noted", "Noted"
        DECLINED = "declined", "Declined"

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.PROTECT, related_name="referrals")
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="referrals")
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="referrals", help_text="None chosen: the whole report."
    )
    partnership = models.ForeignKey(
        SafeguardingPartnership, on_delete=models.PROTECT, related_name="referrals"
    )
    state = models.CharField(max_length=15, choices=State.choices, default=State.SENT)
    sent_to = models.EmailField()
    subject = models.CharField(max_length=300)
    letter = models.TextField(help_text="The letter as it was sent.")
    sent_on = models.DateField()
    acknowledged_on = models.DateField(null=True, blank=True)
    discussed_on = models.DateField(
        null=True, blank=True, help_text="The partnership meeting that discussed it."
    )
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_text = models.TextField(blank=True, help_text="The partnership's own words.")
    outcome_on = models.DateField(null=True, blank=True)
    outcome_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_on = models.DateField(null=True, blank=True, help_text="When the office wants to follow it up.")
    followed_up_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "partnership__name"]
        indexes = [models.Index(fields=["office", "follow_up_on"], name="referral_office_follow_up")]

    def __str__(self):
        return f"{self.report} to {self.partnership}"

    def get_absolute_url(self):
        return reverse("partnerships:referral-detail", kwargs={"pk": self.pk})

    @property
    def what(self) -> str:
        """What was referred: the whole report, or its chosen findings' labels."""
        labels = [finding.label or finding.get_kind_display() for finding in self.findings.all()]
        return ", ".join(labels) if labels else "The whole report"

    def follow_up_due(self, today: date) -> bool:
        return (
            self.state != self.State.CLOSED
            and self.follow_up_on is not None
            and self.follow_up_on <= today
            and (self.followed_up_on is None or self.followed_up_on < self.follow_up_on)
        )


DEFAULT_SUBJECT = "{report}: findings for {partnership}"
DEFAULT_LETTER = """Dear colleagues at {partnership},

{office} has read {report}, published on {published_on}. We are sending you the findings below because they \
concern how agencies in your area work together to keep children safe.

{findings}

We would be grateful if the partnership would consider them at its next meeting and tell us what it has \
agreed: actions, noted, or reasons for declining. We will include a summary in our published response.

Yours faithfully,
{office}
"""


class ReferralTemplate(models.Model):
    """The office's wording for referral letters; placeholders in braces are filled for each partnership."""

    office = models.OneToOneField(
        LocalPolicingBody, on_delete=models.CASCADE, related_name="referral_template"
    )
    subject = models.CharField(max_length=300, default=DEFAULT_SUBJECT)
    letter = models.TextField(default=DEFAULT_LETTER)
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    def __str__(self):
        return f"Referral letter of {self.office}"


class FollowUpReminder(models.Model):
    """A follow-up reminder sent for a referral on a day, so that none is sent twice a day."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()
    recipients = models.PositiveIntegerField(default=0)

    objects = PrivateQuerySet.as_manager()  # a delivery log, read by the reminder job only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["referral", "sent_on"], name="one_follow_up_reminder_a_day")
        ]

    def __str__(self):
        return f"Follow-up reminder on {self.sent_on} for {self.referral}"
