"""How tracking follows what happens to reports and findings (see `reports.events`)."""

from tracking.models import Action
from tracking.services import TRACKED_KINDS, open_actions, untouched


def report_recorded(sender, *, report, created, **kwargs) -> None:
    """Every tracked finding of the report has an action for each office the report concerns."""
    open_actions(report=report)


def finding_saved(sender, *, finding, created, **kwargs) -> None:
    """A new finding of a tracked kind is followed; an edit that makes a finding tracked (an area for
    improvement read as a recommendation, say) opens its actions, and one that makes it untracked takes
    away its untouched ones."""
    if finding.kind not in TRACKED_KINDS:
        if not created:
            untouched(Action.objects.filter(finding=finding)).delete()
        return
    if created or not Action.objects.filter(finding=finding).exists():
        open_actions(report=finding.report, findings=[finding])


def finding_split(sender, *, original, new, **kwargs) -> None:
    """The part cut from a finding is followed as its sibling is, by every office the report concerns."""
    open_actions(report=new.report, findings=[new])


def updated_actions_guard(finding) -> str | None:
    """What a force or an office wrote about a finding is never lost with it."""
    worked = Action.objects.filter(finding=finding).exclude(pk__in=untouched(Action.objects.all()))
    count = worked.count()
    if not count:
        return None
    return (
        f"{count} tracked action{'s' if count != 1 else ''} on it {'have' if count != 1 else 'has'} updates"
    )


def finding_removed(sender, *, finding, **kwargs) -> None:
    """Untouched actions go with their finding."""
    untouched(Action.objects.filter(finding=finding)).delete()


def finding_merged(sender, *, kept, removed, **kwargs) -> None:
    """Untouched actions of the merged-away finding move to the one it joins, unless that office already
    follows it or it is of a kind not tracked (then they go)."""
    for action in untouched(Action.objects.filter(finding=removed)):
        if (
            kept.kind not in TRACKED_KINDS
            or Action.objects.filter(office=action.office_id, force=action.force_id, finding=kept).exists()
        ):
            action.delete()
        else:
            action.finding = kept
            action.save(update_fields=["finding", "updated_at"])
