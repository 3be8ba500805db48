"""What happens to reports and findings, announced for the apps that build on them.

Reports never import the apps above them. When a report is recorded or changed, or a finding is merged,
split or removed, `reports.services` sends one of these signals; responses (and tracking, partnerships)
connect to them in their `AppConfig.ready()`. Receivers run inside the service's transaction, so a
receiver that fails undoes the whole change.

Before a finding goes (removed, or merged into another), every registered removal guard is asked; a
guard returns a reason when people have written something about the finding that would be lost (an
answered response section, an action with updates). The service refuses with all the reasons in one
message. Records that were opened automatically and are still untouched do not guard: their app moves
or removes them when it hears `finding_merged` or `finding_removed`.
"""

from collections.abc import Callable

from django.dispatch import Signal

# sender=Report, report=Report, created=bool: a report was stored (created) or its details changed. A past
# report loaded for the record has `report.history` set: what subscribers open for it is history, not work
# (responses makes its obligations history obligations).
report_recorded = Signal()
# sender=Finding, kept=Finding, removed=Finding: `removed` is about to be merged into `kept` and deleted.
finding_merged = Signal()
# sender=Finding, original=Finding, new=Finding: `new` was cut from `original`, just after it.
finding_split = Signal()
# sender=Finding, finding=Finding: the finding is about to be deleted.
finding_removed = Signal()
# sender=Finding, finding=Finding, created=bool: a finding was added (by hand or extraction) or edited.
finding_saved = Signal()

# Who must hear each signal: the apps whose records follow reports and findings, each connecting its
# receiver with dispatch_uid "<app>.<signal>". scrutiny/tests/test_events.py fails when a declared listener
# is not connected, or an app listens to a signal not declared here.
LISTENERS = {
    "report_recorded": {"responses", "search", "tracking"},  # obligations; actions; the register
    "finding_saved": {"search", "tracking"},  # an action for a new finding; compared for the register
    "finding_split": {"tracking"},  # the new part is followed like its sibling
    "finding_removed": {"responses", "tracking"},  # untouched sections and actions go with it
    "finding_merged": {"responses", "tracking"},  # untouched ones move to the finding kept
}

_removal_guards: list[Callable] = []


def guard_removal(guard: Callable) -> Callable:
    """Register `guard(finding) -> str | None`: the reason the finding cannot go, or None."""
    if guard not in _removal_guards:
        _removal_guards.append(guard)
    return guard


def removal_refusals(finding) -> list[str]:
    """Every registered guard's reason why this finding cannot be removed or merged away."""
    return [reason for guard in _removal_guards if (reason := guard(finding))]


_date_guards: list[Callable] = []


def guard_publication_date(guard: Callable) -> Callable:
    """Register `guard(report) -> str | None`: the reason the report's publication date can no longer
    change (records counted against it have been published), or None."""
    if guard not in _date_guards:
        _date_guards.append(guard)
    return guard


def date_change_refusals(report) -> list[str]:
    return [reason for guard in _date_guards if (reason := guard(report))]
