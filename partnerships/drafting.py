"""The response section drafted from the office's referrals and its force area's inspection coverage:
"the findings were sent to the four partnerships on …; a JTAI was held in … and in …; none yet in … or …".
The response editor inserts it (`core.registry.response_sections`) for the officer to edit."""

from itertools import groupby

from directory.models import SafeguardingPartnership
from partnerships.coverage import JOINT_KIND, coverage_matrix
from partnerships.models import InspectionKind, Referral

TITLE = "Safeguarding partnerships and multi-agency inspections"
NUMBERS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine"}
LONG_KIND = {
    InspectionKind.JTAI: "joint targeted area inspection (JTAI)",
    InspectionKind.JICPA: "joint inspection of child protection arrangements (JICPA)",
}


def joined(names: list[str], last: str = "and") -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {last} {names[-1]}"


def short_name(partnership: SafeguardingPartnership) -> str:
    """ "Halton" for "Halton Safeguarding Children Partnership"; a regional board keeps its full name."""
    if partnership.is_regional_board:
        return f"the {partnership.name}"
    return partnership.name.replace(" Safeguarding Children Partnership", "")


def referrals_sentence(referrals: list[Referral], force) -> str:
    partnerships = {referral.partnership for referral in referrals}
    boards = all(partnership.is_regional_board for partnership in partnerships)
    noun = "regional safeguarding board" if boards else "safeguarding partnership"
    count = len(partnerships)
    every = set(SafeguardingPartnership.objects.in_force_area(force)) == partnerships
    whom = (
        f"the {NUMBERS.get(count, count)} {noun}{'s' if count > 1 else ''} covering {force.area}"
        if every
        else f"{NUMBERS.get(count, count)} {noun}{'s' if count > 1 else ''}"
    )
    by_day = []
    for day, group in groupby(
        sorted(referrals, key=lambda r: (r.sent_on, r.partnership.name)), key=lambda r: r.sent_on
    ):
        names = sorted({short_name(referral.partnership) for referral in group})
        by_day.append(f"{joined(names)} on {day:%-d %B %Y}")
    what = "the report" if all(not referral.findings.exists() for referral in referrals) else "the findings"
    return f"We sent {what} to {whom}: {'; '.join(by_day)}."


def outcomes_sentence(referrals: list[Referral]) -> str:
    decided = [referral for referral in referrals if referral.outcome]
    waiting = sorted({short_name(referral.partnership) for referral in referrals if not referral.outcome})
    parts = []
    for outcome, label in Referral.Outcome.choices:
        names = sorted({short_name(r.partnership) for r in decided if r.outcome == outcome})
        if names:
            parts.append(f"{joined(names)}: {label.lower()}")
    sentence = f"Outcomes so far — {'; '.join(parts)}." if parts else ""
    if waiting:
        sentence += f" We await the outcome from {joined(waiting)}."
    return sentence.strip()


def coverage_sentence(force, on) -> str:
    kind = JOINT_KIND[force.country]
    matrix = coverage_matrix(force, on)
    covered = [
        f"{row.authority.name} (report published {matrix.cell(row, kind).latest.published_on:%B %Y})"
        for row in matrix.covered(kind)
    ]
    gaps = [row.authority.name for row in matrix.gaps(kind)]
    long = LONG_KIND[kind]
    if not covered:
        return f"No {long} has yet been held in {joined(gaps, 'or')}; we have asked the inspectorates to consider one."
    sentence = f"A {long} has been held in {joined(covered, 'and in')}"
    if gaps:
        sentence += (
            f"; none yet in {joined(gaps, 'or')}, and we have asked for {'one' if len(gaps) == 1 else 'them'}"
        )
    return sentence + "."


def draft(obligation, user) -> tuple[str, str] | None:
    """The section for an obligation: the office's referrals of its report and the force area's joint
    inspection coverage up to the response's due date; None when the office made no referral of it."""
    office = obligation.body
    referrals = list(
        Referral.objects.filter(office=office, report=obligation.report)
        .select_related("partnership")
        .prefetch_related("findings")
    )
    force = office.force
    if not referrals and not force.local_authorities.exists():
        return None
    paragraphs = []
    if referrals:
        paragraphs.append(referrals_sentence(referrals, force))
        outcomes = outcomes_sentence(referrals)
        if outcomes:
            paragraphs.append(outcomes)
    else:
        paragraphs.append(
            f"We have not yet sent the report to the safeguarding partnerships covering {force.area}."
        )
    paragraphs.append(coverage_sentence(force, obligation.due_on))
    return TITLE, "\n\n".join(paragraphs)
