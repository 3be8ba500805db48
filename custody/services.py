"""Custody's state changes: imports (through `custody.imports`), deleting a wrong batch, the retention
purge, the office's overnight rules, and the audit entry for each read of record-level data."""

from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from core.refusals import Refused
from custody import summaries
from custody.imports import flag_detentions
from custody.models import Detention, ImportBatch, OvernightFlag, OvernightRule


class CustodyRefused(Refused):
    """A change Scrutiny will not make; the message says why."""


def record_read(*, user, what: str, count: int, obj=None) -> None:
    """One audit entry for one look at record-level data (a page, an export), however many rows it
    showed: who, when, what, and how many records."""
    model = type(obj) if obj is not None else Detention
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(model),
        object_pk=str(obj.pk) if obj is not None else "",
        object_repr=what[:200],
        action=LogEntry.Action.ACCESS,
        actor=user if user is not None and user.pk else None,
        changes={"records": ["", str(count)]},
    )


def _remove(detentions) -> int:
    """Delete detentions (and their office-rule flags) without loading them: one statement each."""
    OvernightFlag.objects.filter(detention__in=detentions.values("pk"))._raw_delete(OvernightFlag.objects.db)
    return detentions._raw_delete(detentions.db)


def delete_batch(*, batch: ImportBatch, user) -> int:
    """Delete a wrong import and the detentions it holds, as one step with one audit entry (the batch's
    deletion, which names how many records went). Records a later import updated belong to that one."""
    with transaction.atomic():
        count = _remove(Detention.objects.filter(batch=batch))
        batch.deleted_records = count  # written into the deletion's audit entry
        batch.delete()
        summaries.rebuild([batch.office_id])
    return count


def retention_cutoff(now=None):
    return (now or timezone.now()) - timedelta(days=settings.SCRUTINY_CUSTODY_RETENTION_DAYS)


def purge(*, now=None, dry_run: bool = False) -> int:
    """Delete detentions older than the retention period (by arrival), in every office; one audit entry,
    and batches left empty go too."""
    cutoff = retention_cutoff(now)
    old = Detention.objects.filter(arrived_at__lt=cutoff)
    if dry_run:
        return old.count()
    offices = list(old.order_by().values_list("office", flat=True).distinct())
    with transaction.atomic():
        count = _remove(old)
        summaries.rebuild(offices)
        ImportBatch.objects.filter(state=ImportBatch.State.IMPORTED).exclude(
            pk__in=Detention.objects.values("batch")
        ).delete()
        if count:
            record_purge(count, cutoff)
    return count


def record_purge(count: int, cutoff) -> None:
    LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Detention),
        object_pk="",
        object_repr=f"Retention purge: {count} detentions that arrived before {cutoff:%Y-%m-%d}",
        action=LogEntry.Action.DELETE,
        changes={"records": [str(count), "0"]},
    )


def add_rule(*, office, name: str, kind: str, starts, ends, minimum_minutes: int) -> OvernightRule:
    """An office's own overnight rule; its flags are worked out by `rebuild_rule` (in the worker)."""
    name = " ".join(name.split())
    if not name:
        raise CustodyRefused("the rule needs a name")
    if OvernightRule.objects.filter(office=office, name__iexact=name).exists():
        raise CustodyRefused(f"the office already has a rule called “{name}”")
    if starts == ends:
        raise CustodyRefused("the window opens and closes at the same time")
    if any((moment.minute, moment.second, moment.microsecond) != (0, 0, 0) for moment in (starts, ends)):
        raise CustodyRefused(
            "the window opens and closes on the hour: figures under two rules minutes apart differ only by the "
            "few children held between them"
        )
    if minimum_minutes % 60:
        raise CustodyRefused("the time held within the window is whole hours (60, 120, 240…)")
    return OvernightRule.objects.create(
        office=office, name=name[:100], kind=kind, starts=starts, ends=ends, minimum_minutes=minimum_minutes
    )


def rebuild_rule(*, rule: OvernightRule) -> int:
    """Work out which of the office's detentions are overnight under the rule, afresh."""
    with transaction.atomic():
        OvernightFlag.objects.filter(rule=rule).delete()
        made = flag_detentions(Detention.objects.filter(office=rule.office_id), [rule])
        summaries.store_rule_counts(rule.office_id)
        rule.rebuilt_at = timezone.now()
        rule.save(update_fields=["rebuilt_at"])
    return made


def delete_rule(*, rule: OvernightRule) -> None:
    with transaction.atomic():
        OvernightFlag.objects.filter(rule=rule)._raw_delete(OvernightFlag.objects.db)
        rule.delete()
