"""Actions: one per finding that concerns a force, for the office that oversees it, followed to closure.

Three views of an action are kept apart, each a dated history that is never overwritten: what the force
says, what the office (OPCC) concludes, and what the inspectorate has said. Each view's statuses are the
office's own (renamed and extended without code); each status belongs to a fixed category, and RAG,
closing and the overdue lists work from the categories. Updates are immutable.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from modelsearch import index

from accounts import access
from accounts.roles import Role
from core.models import OfficeOwnedQuerySet, PrivateQuerySet, VisibleQuerySet, visible_through
from directory.models import Force, LocalPolicingBody
from reports.models import Finding, Report


class Category(models.TextChoices):
    """What a status means for RAG, closing and the overdue lists, whatever the office calls it."""

    OPEN = "open", "Open"
    DONE = "done", "Done"
    CLOSED = "closed", "Closed"
    NO_ACTION = "no-action", "No action"


class View(models.TextChoices):
    FORCE = "force", "What the force says"
    OPCC = "opcc", "What the office concludes"
    INSPECTORATE = "inspectorate", "What the inspectorate has said"


class Rag(models.TextChoices):
    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"


class OfficeQuerySet(OfficeOwnedQuerySet):
    """An office's own configuration (statuses, themes): its staff and the people who work with it."""


class Status(models.Model):
    """A status an office uses in one view, in its own words, with the fixed category it belongs to."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="tracking_statuses")
    view = models.CharField(max_length=15, choices=View.choices)
    name = models.CharField(max_length=100)
    category = models.CharField(max_length=10, choices=Category.choices)
    position = models.PositiveIntegerField(default=0)
    public_name = models.CharField(
        max_length=100, blank=True, help_text="Shown on the public tracker instead of the name, if given."
    )

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["office", "view", "position", "id"]
        verbose_name_plural = "statuses"
        constraints = [
            models.UniqueConstraint(fields=["office", "view", "name"], name="one_status_name_per_view"),
        ]

    def __str__(self):
        return self.name


class Theme(models.Model):
    """A tag the office gives findings ("Custody", "Missing children"), for dashboards and the panel."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="tracking_themes")
    name = models.CharField(max_length=100)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["office", "name"]
        constraints = [models.UniqueConstraint(fields=["office", "name"], name="one_theme_name_per_office")]

    def __str__(self):
        return self.name


class ActionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """An office's actions are its own: its staff and panel see them all; a force contributor sees
        only the actions of its force, in its office; nobody else sees any."""
        if not access.active(user):
            return self.none()
        if access.is_deployment_admin(user) and user.office_id is None:
            return self.all()
        if user.office_id is None:
            return self.none()
        mine = self.filter(office=user.office_id)
        if access.is_force_contributor(user):
            return mine.filter(force=user.force_id) if user.force_id else self.none()
        if access.reads_deadlines(user):  # office staff and the panel
            return mine
        return self.none()


class Action(models.Model):
    """What the force does about one finding, as the office follows it."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.PROTECT, related_name="actions")
    force = models.ForeignKey(Force, on_delete=models.PROTECT, related_name="actions")
    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="actions")
    restated_in = models.ManyToManyField(
        Finding,
        blank=True,
        related_name="restating_actions",
        help_text="Later findings (a re-inspection) that restate this one: they are followed here.",
    )
    owner = models.CharField(max_length=200, blank=True, help_text="A person, or a team at the force.")
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_actions",
        help_text="The person asked for updates, when the owner uses Scrutiny.",
    )
    original_target_on = models.DateField(null=True, blank=True, help_text="The first target date; kept.")
    target_on = models.DateField(null=True, blank=True, help_text="The target date now agreed.")
    force_status = models.ForeignKey(
        Status, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    opcc_status = models.ForeignKey(Status, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    inspectorate_status = models.ForeignKey(
        Status, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    category = models.CharField(
        max_length=10,
        choices=Category.choices,
        default=Category.OPEN,
        help_text="Where the action stands overall, from the three views (see rules.overall_category).",
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent complete, as last reported.")
    waiting_on = models.CharField(max_length=200, blank=True, help_text="Another body the action waits for.")
    rag_override = models.CharField(max_length=5, choices=Rag.choices, blank=True)
    rag_override_reason = models.TextField(blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="actions")
    closed_on = models.DateField(null=True, blank=True)
    last_update_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["target_on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "force", "finding"], name="one_action_per_finding_force"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="action_progress_is_a_percentage"),
        ]
        indexes = [
            models.Index(fields=["office", "target_on", "id"], name="action_office_target"),
            models.Index(fields=["office", "category", "target_on"], name="action_office_category_target"),
            models.Index(fields=["office", "force", "target_on"], name="action_office_force_target"),
        ]

    def __str__(self):
        return f"{self.finding.label} ({self.force})"

    def get_absolute_url(self):
        return reverse("tracking:action-detail", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.category == Category.OPEN

    @property
    def extended(self) -> bool:
        return self.original_target_on is not None and self.target_on != self.original_target_on


class ActionUpdateQuerySet(visible_through("action")):
    """Updates are never changed or deleted once written. The panel reads the tracker's standing and the
    updates the office made public, not its internal notes or their evidence."""

    def visible_to(self, user):
        seen = super().visible_to(user)
        if access.active(user) and not user.is_superuser and user.role == Role.PANEL_MEMBER:
            return seen.filter(public=True)
        return seen

    def update(self, **kwargs):
        raise ImmutableUpdate("an update cannot be changed once written")

    def delete(self):
        raise ImmutableUpdate("an update cannot be deleted")

    def public(self):
        return self.filter(public=True)


class ImmutableUpdate(Exception):
    pass


class ActionUpdate(index.Indexed, models.Model):
    """A dated entry by a named person: a note, a status in one of the three views, progress, a new owner
    or target date; with evidence files. Written once, never edited or deleted. Its note is searched
    (the search finds a finding by what its updates say), indexed through the worker like findings."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    author_name = models.CharField(max_length=200, help_text="The author's name when it was written.")
    effective_on = models.DateField(help_text="When what it says happened; it may be before it was written.")
    created_at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(blank=True)
    view = models.CharField(max_length=15, choices=View.choices, blank=True)
    status = models.ForeignKey(Status, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    source = models.CharField(
        max_length=300, blank=True, help_text="For the inspectorate's view: where it said so."
    )
    progress = models.PositiveSmallIntegerField(null=True, blank=True)
    changes = models.JSONField(
        default=dict, blank=True, help_text='What else it changed: {"owner": [old, new], …}.'
    )
    justification = models.TextField(
        blank=True, help_text="Why the action may close without evidence, when it closes without any."
    )
    public = models.BooleanField(default=False, help_text="May be shown on the public tracker.")
    asked_by_office = models.BooleanField(default=False, help_text="A question from the office to the force.")
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        help_text="The earlier update this one corrects: both stay in the history.",
    )

    search_auto_update = False  # saves reach the index through the worker (search/handlers.py)
    search_fields = [index.SearchField("text"), index.FilterField("action_id"), index.FilterField("public")]

    objects = ActionUpdateQuerySet.as_manager()

    class Meta:
        ordering = ["-effective_on", "-created_at", "-id"]
        indexes = [models.Index(fields=["action", "-effective_on"], name="update_action_effective")]

    def __str__(self):
        return f"Update of {self.effective_on} on {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ImmutableUpdate("an update cannot be changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableUpdate("an update cannot be deleted")


class Evidence(models.Model):
    """A file attached to an update. An administrator may remove the file (personal data, the wrong
    file): the file goes, and who removed it, when and why stays."""

    update = models.ForeignKey(ActionUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="evidence/", blank=True)
    original_name = models.CharField(max_length=255)
    media_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scanned = models.CharField(max_length=100, blank=True, help_text="The virus scanner's verdict, if run.")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removal_reason = models.TextField(blank=True)

    objects = visible_through("update").as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return self.original_name

    @property
    def removed(self) -> bool:
        return self.removed_at is not None


class TargetRevision(models.Model):
    """A new target date: who agreed it and why. The original date stays on the action."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="revisions")
    previous_on = models.DateField(null=True, blank=True)
    new_on = models.DateField()
    agreed_on = models.DateField(help_text="When the new date was agreed: from then on it is the target.")
    agreed_by = models.CharField(max_length=200, help_text="Who agreed the new date.")
    reason = models.TextField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    objects = visible_through("action").as_manager()

    class Meta:
        ordering = ["agreed_on", "recorded_at", "id"]

    def __str__(self):
        return f"{self.previous_on} → {self.new_on} for {self.action}"


class Publication(models.Model):
    """An office publishes its tracker of one report: anyone may then read it, without internal notes."""

    office = models.ForeignKey(
        LocalPolicingBody, on_delete=models.CASCADE, related_name="tracker_publications"
    )
    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="tracker_publications")
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    objects = OfficeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "report"], name="one_publication_per_report")
        ]

    def __str__(self):
        return f"{self.office}: {self.report}"


class Reminder(models.Model):
    """A reminder e-mailed about an action to a person on a day: never twice a day for the same pair."""

    class Kind(models.TextChoices):
        DUE_SOON = "due-soon", "Due soon"
        OVERDUE = "overdue", "Overdue"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="reminders")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    sent_on = models.DateField()

    objects = PrivateQuerySet.as_manager()  # a delivery log, read by the reminder run only

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "person", "sent_on"], name="one_action_reminder_a_day")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.sent_on}"


class ImportBatch(models.Model):
    """An existing tracker uploaded from Excel or CSV: its rows wait here while the office maps the
    columns and checks every row, then go in all at once or not at all."""

    class State(models.TextChoices):
        MAPPING = "mapping", "Waiting for its columns to be mapped"
        IMPORTED = "imported", "Imported"

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="tracker_imports")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    original_name = models.CharField(max_length=255)
    columns = models.JSONField(default=list)
    rows = models.JSONField(default=list, help_text="The file's rows as text, after the heading row.")
    mapping = models.JSONField(default=dict, blank=True, help_text="Our field: the file's column.")
    state = models.CharField(max_length=10, choices=State.choices, default=State.MAPPING)
    imported_count = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0, help_text="Rows that gave an action its first record.")
    updated = models.PositiveIntegerField(
        default=0, help_text="Rows that changed an action already recorded."
    )
    unchanged = models.PositiveIntegerField(default=0, help_text="Rows that said what the tracker said.")
    problems = models.JSONField(
        default=list, blank=True, help_text="Why the last import stopped: documents.tables.Problems."
    )
    problem_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    imported_at = models.DateTimeField(null=True, blank=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("tracking:import-map", kwargs={"pk": self.pk})

    @property
    def outcome_url(self) -> str:
        """What happened when it was imported: the figures, or every problem that stopped it."""
        return reverse("tracking:import-summary", kwargs={"pk": self.pk})


class ColumnMapping(models.Model):
    """How an office's tracker files map to Scrutiny's fields, as last confirmed, by the file's headings:
    the next file with the same headings starts from it."""

    office = models.ForeignKey(LocalPolicingBody, on_delete=models.CASCADE, related_name="tracker_mappings")
    headings_key = models.CharField(
        max_length=64, help_text="SHA-256 of the headings, case and spaces aside."
    )
    headings = models.JSONField(default=list)
    mapping = models.JSONField(default=dict, help_text="Our field: the file's column.")
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "headings_key"], name="one_mapping_per_office_headings")
        ]

    def __str__(self):
        return ", ".join(self.headings)[:100]
