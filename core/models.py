"""Who sees which rows: the querysets every model's manager is built on. Visibility fails closed.

A model's queryset decides, in `visible_to(user)`, which rows a person may see; pages, exports, the API
and search all call it. The base rule shows nothing to anyone but an active deployment administrator (a
superuser), so a model that forgets to say who sees it leaks nothing. Reference data opts in to being
seen by everyone signed in (`ReferenceQuerySet`); a child record is seen through its parent
(`visible_through`). `scrutiny/tests/test_visibility.py` walks every model and fails on one without a rule.
"""

from django.conf import settings
from django.db import models


def active(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def is_superuser(user) -> bool:
    return active(user) and user.is_superuser


class VisibleQuerySet(models.QuerySet):
    """Fails closed: only deployment administrators see the rows of a model with no rule of its own."""

    def visible_to(self, user):
        return self.all() if is_superuser(user) else self.none()


class ReferenceQuerySet(VisibleQuerySet):
    """Reference data (forces, bodies, local authorities, inspectorates): everyone signed in sees it."""

    def visible_to(self, user):
        return self.all() if active(user) else self.none()


class OfficeOwnedQuerySet(VisibleQuerySet):
    """Rows that belong to one office (`office_field` names it): the people `allowed(user)` lets in see
    their own office's; deployment administrators, who have no office, see every office's."""

    office_field = "office"

    @staticmethod
    def allowed(user) -> bool:
        return active(user)

    def visible_to(self, user):
        if not self.allowed(user):
            return self.none()
        if user.office_id is not None:
            return self.filter(**{self.office_field: user.office_id})
        return self.all() if is_superuser(user) else self.none()


class PrivateQuerySet(VisibleQuerySet):
    """Records nobody reads through the service (delivery logs, internal counters): deployment
    administrators only, on purpose."""

    def visible_to(self, user):
        return super().visible_to(user)


def visible_through(parent: str):
    """A queryset class for a child model seen exactly when its parent is: `parent` is the foreign key's
    name ("obligation")."""

    class ChildQuerySet(VisibleQuerySet):
        parent_field = parent

        def visible_to(self, user):
            related = self.model._meta.get_field(self.parent_field).related_model
            return self.filter(**{f"{self.parent_field}__in": related.objects.visible_to(user)})

    ChildQuerySet.__name__ = ChildQuerySet.__qualname__ = f"VisibleThrough{parent.title().replace('_', '')}"
    return ChildQuerySet


class JobQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """A person follows the work they started; deployment administrators see all of it."""
        if is_superuser(user):
            return self.all()
        return self.filter(owner=user.pk) if active(user) else self.none()


class Job(models.Model):
    """Long work done by the background worker (`scrutiny worker`) for someone: reading a large or scanned
    report, linking comments, an import or an export. The page that started it shows its progress, and
    where to go when it is done, or what went wrong."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=40, help_text='What the work is, e.g. "intake", "custody-import".')
    label = models.CharField(max_length=300, help_text="What people are told it is doing.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True, help_text="The latest step, or why it failed.")
    result_url = models.CharField(max_length=500, blank=True, help_text="Where to go when it is done.")
    back_url = models.CharField(max_length=500, blank=True, help_text="Where to try again if it fails.")
    result = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["owner", "-created_at"], name="job_owner_created")]

    def __str__(self):
        return f"{self.label} ({self.get_state_display()})"

    @property
    def finished(self) -> bool:
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self) -> int | None:
        return min(100, round(100 * self.done / self.total)) if self.total else None


class SubmissionQuerySet(VisibleQuerySet):
    def visible_to(self, user):
        """A person's own submissions."""
        return self.filter(user=user.pk) if active(user) else self.none()


class Submission(models.Model):
    """A form that makes something (a report, a section), sent once: the token its page carried, and
    where what it made is. The same page sent again (a double click, the back button, a retry on a slow
    line) leads there instead of making it twice."""

    key = models.CharField(max_length=64)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        # a person's own tokens: someone else sending the same one (copied from a page) is a new request
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="submission_user_key_unique")]

    def __str__(self):
        return f"Submission {self.key[:8]}…"
