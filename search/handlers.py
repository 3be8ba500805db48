"""How saves reach the search index and the national register: through the worker, the rows saved together
in one task.

modelsearch would queue one task per saved row, and its SQLite index works out its average title length
over the whole index for every task: a report stored with 400 findings cost 400 scans of an index that
grows with every report. Rows saved inside `core.together.saved_together()` (a report and its findings)
are held and queued as one task when the block ends; a row saved alone is queued alone; a deletion
leaves the index at once, as modelsearch does it. Models opt in with `search_auto_update = False`
(modelsearch then leaves them to this module)."""

import threading

from modelsearch import index

from core.together import together

_held = threading.local()  # {model label: {primary keys}} saved together, not yet queued


def record_saved(sender, instance, raw=False, **kwargs) -> None:
    from search.tasks import index_records

    if raw:  # a fixture being loaded: `scrutiny search rebuild` indexes those
        return
    if together():
        rows = getattr(_held, "rows", None)
        if rows is None:
            rows = _held.rows = {}
        rows.setdefault(instance._meta.label, set()).add(instance.pk)
        return
    index_records.enqueue(instance._meta.label, [instance.pk])


def together_ended() -> None:
    """Queue what was saved together, one task per model (the task passes over rows since rolled back),
    and the national register's comparison once."""
    from search.tasks import compare_new_findings, index_records

    rows, _held.rows = getattr(_held, "rows", None) or {}, {}
    for label, keys in rows.items():
        index_records.enqueue(label, sorted(keys))
    if getattr(_held, "compare", False):
        _held.compare = False
        compare_new_findings.enqueue()


def record_deleted(sender, instance, **kwargs) -> None:
    index.remove_object(instance)


def findings_to_compare() -> None:
    """New or changed findings wait for the national register's comparison: one task when a block of
    rows saved together ends, else one now."""
    from search.tasks import compare_new_findings

    if together():
        _held.compare = True
        return
    compare_new_findings.enqueue()


def report_recorded(sender, *, report, created, **kwargs) -> None:
    if created:
        findings_to_compare()


def finding_saved(sender, *, finding, created, **kwargs) -> None:
    """A finding added is compared; one whose words changed is compared again (its undecided proposals go)."""
    from search.models import Fingerprint
    from search.register import forget

    if not created:
        known = Fingerprint.objects.filter(finding=finding).values_list("normal", flat=True).first()
        if known is None:
            return findings_to_compare()
        from search.grouping import normalise
        from search.register import names

        if normalise(finding.text, names()) == known:
            return None
        forget(finding)
    findings_to_compare()
