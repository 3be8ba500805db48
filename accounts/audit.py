"""The audit trail, kept by django-auditlog: every create, change and delete of the records below, with
who (the signed-in person, or nobody for the CLI and scheduled commands), when, and before/after values.

Each app says which of its models are recorded (secrets masked) by calling `audit()` in its
`AppConfig.ready()`; this module says which entries a person may read: an office's administrators read
what their office's people did; deployment administrators read everything.
"""

import csv
from datetime import date, datetime, time

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from accounts import access


def audit(model, **options) -> None:
    """Record every create, change and delete of `model` (django-auditlog's options: `exclude_fields`
    for what must never be written down, `mask_fields`, `m2m_fields`). Safe to call twice."""
    if not auditlog.contains(model):
        auditlog.register(model, **options)


def audited_types():
    return ContentType.objects.filter(pk__in=LogEntry.objects.values("content_type").distinct()).order_by(
        "app_label", "model"
    )


def visible_entries(user):
    """The one place that decides which audit entries a person reads."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if not access.is_office_admin(user):
        return entries.none()
    if user.office_id is None:
        return entries if access.is_deployment_admin(user) else entries.none()
    return entries.filter(actor__office=user.office_id)


def filtered(
    entries, *, model="", action="", person="", since: date | None = None, until: date | None = None
):
    if model:
        app_label, _, name = model.partition(".")
        entries = entries.filter(content_type__app_label=app_label, content_type__model=name)
    if action != "":
        entries = entries.filter(action=int(action))
    if person:
        entries = entries.filter(actor__username=person)
    zone = timezone.get_current_timezone()
    if since:
        entries = entries.filter(timestamp__gte=datetime.combine(since, time.min, tzinfo=zone))
    if until:
        entries = entries.filter(timestamp__lte=datetime.combine(until, time.max, tzinfo=zone))
    return entries


def changes_of(entry) -> list[tuple[str, str, str]]:
    """(field, before, after) for each field the entry changed."""
    rows = []
    for field, values in (entry.changes_dict or {}).items():
        if isinstance(values, dict):  # many-to-many: {"type": "m2m", "operation": "add", "objects": [...]}
            objects = ", ".join(str(item) for item in values.get("objects", []))
            rows.append((field, "", f"{values.get('operation', 'changed')}: {objects}"))
        else:
            before, after = values
            rows.append((field, str(before), str(after)))
    return rows


def cell(value) -> str:
    """A spreadsheet must not run what a record says: text that opens like a formula is quoted."""
    value = str(value)
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def write_csv(entries, handle) -> None:
    writer = csv.writer(handle)
    writer.writerow(
        ["when", "who", "action", "record type", "record id", "record", "field", "before", "after"]
    )
    for entry in entries.iterator():
        head = [
            entry.timestamp.isoformat(),
            entry.actor.username if entry.actor else "system",
            entry.get_action_display(),
            entry.content_type.model,
            entry.object_pk,
            entry.object_repr,
        ]
        for field, before, after in changes_of(entry) or [("", "", "")]:
            writer.writerow([cell(value) for value in (*head, field, before, after)])
