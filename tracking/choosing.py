"""Which of a report's findings an office tracks for its force: by default those addressed to the force,
its chief constable or its commissioner, and those whose addressee the report does not print
(`rules.for_the_force`); an officer may choose others, or set some aside. What someone has written about
a finding is never lost by setting it aside."""

from dataclasses import dataclass, field

from django.db import transaction

from directory.models import LocalPolicingBody
from reports.models import Finding, Report
from tracking import rules
from tracking.models import Action
from tracking.services import TRACKED_KINDS, open_actions, untouched


@dataclass
class Choice:
    finding: Finding
    followed: bool  # an action follows it for the office (its own, or an earlier one it restates)
    for_the_force: bool  # addressed to the force, so tracked unless an officer sets it aside


@dataclass
class Chosen:
    opened: int = 0
    set_aside: int = 0
    kept: list[Finding] = field(default_factory=list)  # set aside, but written about: their actions stay


def choices(report: Report, office: LocalPolicingBody) -> list[Choice]:
    """Each tracked-kind finding of the report, in the report's order, as the office follows it now."""
    findings = list(report.findings.filter(kind__in=TRACKED_KINDS).order_by("position", "pk"))
    followed = set(
        Action.objects.filter(office=office, finding__in=findings).values_list("finding_id", flat=True)
    ) | set(
        Action.restated_in.through.objects.filter(action__office=office, finding__in=findings).values_list(
            "finding_id", flat=True
        )
    )
    return [Choice(f, f.pk in followed, rules.for_the_force(f.addressees)) for f in findings]


@transaction.atomic
def choose(*, report: Report, office: LocalPolicingBody, chosen: set[int]) -> Chosen:
    """Track exactly the chosen findings for the office: open the missing actions, and take away the
    actions of the others that nobody has written about (those written about stay, and are named)."""
    outcome = Chosen()
    findings = [choice.finding for choice in choices(report, office)]
    wanted = [finding for finding in findings if finding.pk in chosen]
    outcome.opened = len(open_actions(report=report, findings=wanted, offices=[office], chosen=True))
    dropped = Action.objects.filter(office=office, finding__in=[f for f in findings if f.pk not in chosen])
    idle = list(untouched(dropped).values_list("pk", flat=True))
    outcome.kept = [action.finding for action in dropped.exclude(pk__in=idle).select_related("finding")]
    outcome.set_aside = len(idle)
    Action.objects.filter(pk__in=idle).delete()
    return outcome
