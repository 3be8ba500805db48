"""Factories for tests: a recommendation a force's later report prints again, compared for the register."""

from datetime import date

from directory.models import Force, ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from search.models import Proposal
from search.register import compare_new_findings

REPEATED = "{force} should give every child held overnight a written account of their rights in custody."


def make_repeated_recommendation(force_code: str = "cheshire", years=(2019, 2023)) -> Proposal:
    """One PEEL report a year for the force, each printing the same recommendation; compared, so the two
    copies are one national item and the later is proposed as re-raising the earlier. The proposal."""
    force = Force.objects.get(code=force_code)
    reports = [
        create_report(
            title=f"PEEL inspection of {force.name} {year}",
            report_type=ReportType.objects.get(code="peel"),
            published_on=date(year, 4, 1),
            inspectorates=[],
            forces=[force],
            findings=[
                FindingInput(
                    kind=Finding.Kind.RECOMMENDATION,
                    label="R1",
                    text=REPEATED.format(force=force.name),
                )
            ],
        )
        for year in years
    ]
    compare_new_findings()
    return Proposal.objects.get(earlier__report=reports[0], later__report=reports[-1])
