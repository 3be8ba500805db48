"""Factories for obligations and responses: plain functions used by tests, benchmarks and the demo."""

from datetime import date

from directory.models import ReportType
from reports.models import Finding
from reports.services import FindingInput, create_report
from responses.models import ResponseObligation


def make_obligation(*, force: str = "cheshire", findings: int = 3, **report_fields) -> ResponseObligation:
    """A national report recorded through `create_report` (so its obligations are made as in real use),
    and the obligation the given force's body owes on it."""
    fields = {
        "title": "Children in custody",
        "report_type": ReportType.objects.get(code="national-thematic"),
        "published_on": date(2020, 2, 27),
        "inspectorates": [],
        "all_forces": True,
        "findings": [
            FindingInput(
                kind=Finding.Kind.RECOMMENDATION,
                label=f"Recommendation {n}",
                text=f"By 31 March 2021, chief constables should act on matter {n}.",
            )
            for n in range(1, findings + 1)
        ],
    }
    report = create_report(**{**fields, **report_fields})
    return report.obligations.get(body__force__code=force)


def load_scenario() -> dict:
    """The demo scenario up to the published Cheshire response, without the apps built beside
    responses (tests of responses)."""
    from accounts import demo as accounts_demo
    from directory import demo as directory_demo
    from reports import demo as reports_demo
    from responses import demo as responses_demo

    demo: dict = {}
    for step in (directory_demo.load, accounts_demo.load, reports_demo.load, responses_demo.load):
        step(demo)
    return demo
