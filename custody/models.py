"""Children's detentions in police custody, the imports they came in, and the office's overnight rules.

Nothing here names a child or holds a date of birth: the child and the custody record are each kept as a
keyed hash (HMAC-SHA256 under `SCRUTINY_CUSTODY_KEY`), made at import, so the force's own identifiers are
never stored. Times are stored in UTC; the overnight rules read them in UK local time (`custody.rules`).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from accounts import access
from core.models import OfficeOwnedQuerySet, PrivateQuerySet, visible_through
from directory.models import Force, LocalAuthority, LocalPolicingBody


def reads_custody_figures(user) -> bool:
    """Aggregate figures (small numbers suppressed): the office's staff and its panel."""
    return access.reads_deadlines(user)


def reads_custody_records(user) -> bool:
    """Record-level data and unsuppressed figures: office staff (or deployment administrators) holding the
    custody grant; the two-factor middleware has already made them give their second factor."""
    return access.is_office_staff(user) and (user.is_superuser or user.custody_access)


class OfficeQuerySet(OfficeOwnedQuerySet):
    """Rows that belong to an office: seen by those of its people `allowed` lets in (the custody
    permission); deployment administrators see every office's."""

    allowed = staticmethod(reads_custody_records)


class DetentionQuerySet(OfficeQuerySet):
    def counted_for(self, user):
        """The rows behind the aggregate figures a person may see (their office's, if they read the
        figures): only counts and percentiles computed in the database leave this, never the rows, and
        without the custody permission they are suppressed (`custody.suppression`)."""
        if not reads_custody_figures(user):
            return self.none()
        if user.office_id is not None:
            return self.filter(office=user.office_id)
        return self.all() if access.is_deployment_admin(user) else self.none()


class FiguresQuerySet(OfficeQuerySet):
    """Overnight rules: read by everyone who reads the figures (a rule is named beside each figure)."""

    allowed = staticmethod(reads_custody_figures)


class OvernightRule(models.Model):
    """A rule the office defines beside the built-in ones (`custody.rules.BUILT_IN`): held for at least
    `minimum_minutes` within a daily window of local time, or brought in within it."""

    class Kind(models.TextChoices):
        HELD = "held", "Held for a time within the window"
        ARRIVED = "arrived", "Brought in within the window"

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="overnight_rules")
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.HELD)
    starts = models.TimeField(help_text="UK local time the window opens, e.g. 22:00.")
    ends = models.TimeField(help_text="UK local time it closes; before the start means the next morning.")
    minimum_minutes = models.PositiveIntegerField(default=240)
    rebuilt_at = models.DateTimeField(null=True, blank=True, help_text="When its flags were last worked out.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = FiguresQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="overnight_rule_name_unique")]

    def __str__(self):
        return self.name

    @property
    def key(self) -> str:
        return f"office-{self.pk}"


class ImportBatch(models.Model):
    """One file imported (or refused): who brought it in, what it did, and its error report."""

    class State(models.TextChoices):
        CHECKING = "checking", "Checking"
        IMPORTED = "imported", "Imported"
        REFUSED = "refused", "Refused"

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.PROTECT, related_name="custody_batches")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="+")
    source_name = models.CharField(max_length=255)
    sha256 = models.CharField(max_length=64, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHECKING)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    missing_release = models.PositiveIntegerField(default=0, help_text="Rows without a release time.")
    errors = models.JSONField(default=list, blank=True, help_text="[{row, column, message}], the first 500.")
    error_count = models.PositiveIntegerField(default=0)
    warnings = models.JSONField(default=list, blank=True)
    mapping = models.JSONField(default=dict, blank=True, help_text="Source column → Scrutiny's column.")
    created_at = models.DateTimeField(auto_now_add=True)

    # Its problems quote cells of the file: only those granted custody data read it.
    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.source_name} ({self.get_state_display()})"

    def get_additional_data(self):
        """Written into the batch's audit entries (django-auditlog): how many records its deletion took."""
        count = getattr(self, "deleted_records", None)
        return {"records deleted": count} if count is not None else None


def authority_key():
    """A detention's local authority (home, or asked to accommodate): checked by the import, not per row."""
    return models.ForeignKey(
        LocalAuthority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )


class Detention(models.Model):
    """One child's detention. Keys are keyed hashes; derived figures are worked out at import."""

    class Sex(models.TextChoices):
        FEMALE = "female", "Female"
        MALE = "male", "Male"
        OTHER = "other", "Other or not known"

    class Bail(models.TextChoices):
        GRANTED = "granted", "Bailed"
        REFUSED = "refused", "Charged and refused bail"
        NONE = "none", "No bail decision (not charged, released under investigation or no further action)"

    class Reply(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        REFUSED = "refused", "Refused"
        NO_REPLY = "no-reply", "No reply"

    class Certificate(models.TextChoices):
        IMPRACTICABLE = "a", "(a) impracticable"
        NO_SECURE = "b", "(b) no secure place and the public at risk of serious harm"

    # A million rows are written in one import, and each index and each row's foreign-key check costs
    # (on PostgreSQL each check is a query: some 11 µs a row each). The office leads the indexes below, so
    # needs none of its own. The database does not check these keys row by row: the import writes only
    # the office and batch of the batch it has just made and local authorities it has just looked up, and
    # every deletion goes through Django (PROTECT and CASCADE) or services (detentions before batches).
    office = models.ForeignKey(
        LocalPolicingBody,
        on_delete=models.PROTECT,
        related_name="detentions",
        db_index=False,
        db_constraint=False,
    )
    force = models.ForeignKey(
        Force, on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False
    )
    batch = models.ForeignKey(
        ImportBatch, on_delete=models.CASCADE, related_name="detentions", db_constraint=False
    )
    record_key = models.CharField(max_length=32, help_text="Keyed hash of force + custody record number.")
    child_key = models.CharField(max_length=32, help_text="Keyed hash of the force's person identifier.")
    suite = models.CharField(max_length=100)
    age = models.PositiveSmallIntegerField()
    sex = models.CharField(max_length=6, choices=Sex.choices)
    ethnicity = models.CharField(max_length=2, blank=True, help_text="One of the 18+1 census codes.")
    ethnic_group = models.CharField(max_length=10, blank=True, help_text="The five-group roll-up.")
    looked_after = models.BooleanField(null=True)
    local_authority = authority_key()
    arrived_at = models.DateTimeField()
    authorised_at = models.DateTimeField(null=True, blank=True)
    charged_at = models.DateTimeField(null=True, blank=True)
    released_at = models.DateTimeField(null=True, blank=True, help_text="Release, transfer or court.")
    bail = models.CharField(max_length=8, choices=Bail.choices, default=Bail.NONE)
    aa_requested_at = models.DateTimeField(null=True, blank=True)
    aa_arrived_at = models.DateTimeField(null=True, blank=True)
    transfer_requested_at = models.DateTimeField(null=True, blank=True, help_text="The s38(6) request.")
    transfer_authority = authority_key()
    secure_requested = models.BooleanField(null=True)
    reply = models.CharField(max_length=8, choices=Reply.choices, blank=True)
    placement = models.CharField(max_length=40, blank=True)
    transferred_at = models.DateTimeField(null=True, blank=True)
    certificate = models.CharField(max_length=1, choices=Certificate.choices, blank=True)
    certificate_reason = models.CharField(max_length=300, blank=True)
    # Derived at import (custody.rules), so the figures are sums and counts in the database.
    month = models.DateField(help_text="The first day of the month of arrival, UK local time.")
    age_band = models.CharField(max_length=5)
    minutes_held = models.PositiveIntegerField(null=True, blank=True)
    post_charge = models.BooleanField(default=False)
    overnight = models.BooleanField(null=True, help_text="Under the default rule; null without a release.")
    weekend = models.BooleanField(null=True, help_text="Under the weekend rule; null without a release.")
    transfer_minutes = models.PositiveIntegerField(null=True, blank=True, help_text="Request to transfer.")
    aa_minutes = models.PositiveIntegerField(
        null=True, blank=True, help_text="Appropriate adult requested to arrived."
    )

    objects = DetentionQuerySet.as_manager()

    class Meta:
        ordering = ["-arrived_at"]
        constraints = [
            models.UniqueConstraint(fields=["office", "record_key"], name="detention_record_unique"),
            models.CheckConstraint(condition=Q(age__gte=10, age__lte=17), name="detention_age_child"),
        ]
        indexes = [
            models.Index(fields=["office", "month"], name="detention_office_month"),
            models.Index(fields=["office", "arrived_at"], name="detention_office_arrived"),
            # The funnel and the transfers by authority read small parts of a year: these keep them small.
            models.Index(
                fields=["office", "month"], condition=Q(bail="refused"), name="detention_refused_bail"
            ),
            models.Index(
                fields=["office", "month"],
                condition=Q(transfer_requested_at__isnull=False),
                name="detention_asked",
            ),
        ]

    def __str__(self):
        return f"Detention {self.record_key[:8]}"


# The detention's columns in the order the import writes them (a test checks it against the model).
FIELDS = [field for field in Detention._meta.concrete_fields if not field.primary_key]
NAMES = [field.attname for field in FIELDS]


class OvernightFlag(models.Model):
    """A detention that is overnight under one of the office's own rules (the built-in rules are columns)."""

    detention = models.ForeignKey(Detention, on_delete=models.CASCADE, related_name="flags")
    rule = models.ForeignKey(OvernightRule, on_delete=models.CASCADE, related_name="flags")

    objects = visible_through("detention").as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["rule", "detention"], name="overnight_flag_unique")]

    def __str__(self):
        return f"{self.rule} {self.detention_id}"


class FigureSummary(models.Model):
    """Exact summaries the import keeps (`custody.summaries`), so the figures read a few thousand rows
    whatever the number of detentions: per office, month and breakdown value, the counts, and histograms
    by tenth of an hour (32-bit counts from tenth 0) from which the percentiles are read, to the tenth of
    an hour the page shows."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()
    dimension = models.CharField(max_length=20)
    key = models.CharField(max_length=200, blank=True)
    detentions = models.PositiveIntegerField(default=0)
    overnight = models.PositiveIntegerField(default=0)
    weekend = models.PositiveIntegerField(default=0)
    post_charge = models.PositiveIntegerField(default=0)
    requested = models.PositiveIntegerField(default=0)
    transferred = models.PositiveIntegerField(default=0)
    no_release = models.PositiveIntegerField(default=0)
    extra = models.JSONField(
        default=dict, blank=True, help_text="The s38(6) funnel (total rows) or the replies (authority asked)."
    )
    held = models.BinaryField(
        default=b"",
        blank=True,
        help_text="Histogram of hours held (of request to transfer, authority asked).",
    )
    aa = models.BinaryField(default=b"", blank=True, help_text="Histogram of appropriate adult delay.")

    objects = DetentionQuerySet.as_manager()

    class Meta:
        indexes = [models.Index(fields=["office", "dimension", "month"], name="summary_office_dim_month")]

    def __str__(self):
        return f"{self.dimension} {self.key} {self.month:%Y-%m}"


class ControlledQuarter(models.Model):
    """Which cells of one office's quarter are hidden from people without the custody permission
    (`custody.disclosure`), kept with a fingerprint of the figures they were worked out from: worked out
    in the worker after each import, and again (then kept) whenever the figures no longer match."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="+")
    quarter = models.DateField()
    fingerprint = models.CharField(max_length=64)
    hidden = models.JSONField(default=list, blank=True)
    shown = models.JSONField(
        default=list, blank=True, help_text="[[cell, count]] shown of this version, checked against the next."
    )
    worked_out_at = models.DateTimeField(auto_now=True)

    objects = PrivateQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "quarter"], name="controlled_quarter_unique")
        ]

    def __str__(self):
        return f"{self.office_id} {self.quarter:%Y-%m}"
